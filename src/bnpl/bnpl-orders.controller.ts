import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  UseFilters,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  BnplPaymentService,
  PaymentsExceptionFilter,
  type BnplOrderEntity,
} from 'nestjs-twpay';
import { ApiReadOrder, ApiStartOrder } from '../config/api-operations.js';

/** The shop's JSON API for ECPay BNPL (無卡分期) orders over the payments module. */
@ApiTags('bnpl-orders')
@Controller('api/bnpl-orders')
@UseFilters(PaymentsExceptionFilter)
export class BnplOrdersController {
  constructor(private readonly bnpl: BnplPaymentService) {}

  /**
   * Starts a BNPL order: `{ totalAmount, itemName, customerId }`. The module answers 400 with one
   * entry per field and rule (e.g. totalAmount below 3,000), and 400 when the shop runs on AllPay,
   * which has no BNPL.
   */
  @Post()
  @HttpCode(201)
  @ApiStartOrder('BNPL order', {
    type: 'object',
    required: ['totalAmount', 'itemName'],
    properties: {
      totalAmount: {
        type: 'integer',
        example: 3600,
        description: 'NT$, at least 3,000',
      },
      itemName: { type: 'string', example: 'Standing desk' },
      customerId: { type: 'string', example: 'cust-42' },
    },
  })
  async create(@Body() body: Record<string, unknown>) {
    const { order, checkout } = await this.bnpl.createOrder(body ?? {});
    return {
      id: order.id,
      merchantTradeNo: order.merchantTradeNo,
      status: order.status,
      checkout: { action: checkout.action, fields: checkout.fields },
    };
  }

  @Get(':id')
  @ApiReadOrder('BNPL order')
  async get(@Param('id') id: string) {
    return toView(await this.bnpl.getOrder(id));
  }
}

function toView(order: BnplOrderEntity) {
  return {
    id: order.id,
    merchantTradeNo: order.merchantTradeNo,
    status: order.status,
    bnplTradeNo: order.bnplTradeNo,
    installments: order.installments,
  };
}
