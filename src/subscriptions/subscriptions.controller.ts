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
  PaymentsExceptionFilter,
  PeriodicPaymentService,
  type SubscriptionWithPeriods,
} from 'nestjs-twpay';
import { ApiReadOrder, ApiStartOrder } from '../config/api-operations.js';

/** The shop's JSON API over the payments module. */
@ApiTags('subscriptions')
@Controller('api/subscriptions')
@UseFilters(PaymentsExceptionFilter)
export class SubscriptionsController {
  constructor(private readonly payments: PeriodicPaymentService) {}

  /**
   * Starts a subscription: `{ periodAmount, periodType, frequency, execTimes, itemName, customerId }`.
   * The module validates it against the gateway's rules (400 with one entry per field and rule).
   */
  @Post()
  @HttpCode(201)
  @ApiStartOrder('subscription', {
    type: 'object',
    required: [
      'periodAmount',
      'periodType',
      'frequency',
      'execTimes',
      'itemName',
    ],
    properties: {
      periodAmount: {
        type: 'integer',
        example: 299,
        description: 'NT$ charged each period',
      },
      periodType: { type: 'string', enum: ['D', 'M', 'Y'], example: 'M' },
      frequency: {
        type: 'integer',
        example: 1,
        description: 'every how many periods',
      },
      execTimes: {
        type: 'integer',
        example: 12,
        description: 'number of charges',
      },
      itemName: { type: 'string', example: 'Pro plan' },
      customerId: { type: 'string', example: 'cust-42' },
    },
  })
  async create(@Body() body: Record<string, unknown>) {
    const { subscription, checkout } = await this.payments.createSubscription(
      body ?? {},
    );
    return {
      id: subscription.id,
      merchantTradeNo: subscription.merchantTradeNo,
      status: subscription.status,
      checkout: { action: checkout.action, fields: checkout.fields },
    };
  }

  @Get(':id')
  @ApiReadOrder('subscription')
  async get(@Param('id') id: string) {
    return toView(await this.payments.getSubscription(id));
  }
}

export function toView(subscription: SubscriptionWithPeriods) {
  return {
    id: subscription.id,
    merchantTradeNo: subscription.merchantTradeNo,
    status: subscription.status,
    itemName: subscription.itemName,
    periodAmount: subscription.periodAmount,
    periodType: subscription.periodType,
    frequency: subscription.frequency,
    execTimes: subscription.execTimes,
    totalSuccessTimes: subscription.totalSuccessTimes,
    amountCollected: subscription.amountCollected,
    customerId: subscription.customerId,
    periods: subscription.periods.map((p) => ({
      sequence: p.sequence,
      success: p.success,
      countsAsPaid: p.countsAsPaid,
      amount: p.amount,
      gwsr: p.gwsr,
      tradeNo: p.tradeNo,
      rtnCode: p.rtnCode,
      rtnMsg: p.rtnMsg,
      processedAt: p.processedAt.toISOString(),
      simulated: p.simulated,
      source: p.source,
    })),
  };
}
