import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseFilters,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  PaymentsExceptionFilter,
  PeriodicPaymentService,
  SUBSCRIPTION_STATUSES,
  type PaymentSubscriptionEntity,
  type SubscriptionStatus,
  type SubscriptionWithPeriods,
} from 'nestjs-twpay';
import { ApiReadOrder, ApiStartOrder } from '../config/api-operations.js';
import {
  CANCEL_SUBSCRIPTION_BODY,
  parseCancelSubscriptionBody,
} from './cancel-subscription.dto.js';

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

  @Get()
  @ApiOperation({
    summary: 'List subscriptions, newest first, a page at a time',
  })
  @ApiQuery({ name: 'page', required: false, example: 1 })
  @ApiQuery({ name: 'pageSize', required: false, example: 20 })
  @ApiQuery({ name: 'status', required: false, enum: SUBSCRIPTION_STATUSES })
  @ApiQuery({ name: 'customerId', required: false })
  @ApiOkResponse({
    description: '{ items, total, page, pageSize } (pageSize at most 100)',
  })
  @ApiBadRequestResponse({
    description: 'A page, pageSize or status that is not valid',
  })
  async list(
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
    @Query('status') status?: string,
    @Query('customerId') customerId?: string,
  ) {
    const result = await this.payments.listSubscriptions({
      page: positiveInteger('page', page),
      pageSize: positiveInteger('pageSize', pageSize),
      status: statusFilter(status),
      customerId,
    });
    return { ...result, items: result.items.map(toListItem) };
  }

  @Get(':id')
  @ApiReadOrder('subscription')
  async get(@Param('id') id: string) {
    return toView(await this.payments.getSubscription(id));
  }

  /**
   * Cancels at the gateway (ECPay), then answers the subscription (`cancelled`, with `accessUntil`).
   * Repeating it is safe. On AllPay, which documents no periodic action API, it answers 400
   * TWPAY_UNSUPPORTED_BY_GATEWAY: the merchant cancels in the AllPay back office.
   */
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a subscription at the gateway' })
  @ApiParam({
    name: 'id',
    description: 'The subscription id returned on creation',
  })
  @ApiBody({ schema: CANCEL_SUBSCRIPTION_BODY })
  @ApiOkResponse({
    description:
      'The subscription, cancelled, with nextChargeAt and accessUntil',
  })
  @ApiBadRequestResponse({
    description:
      'atPeriodEnd missing or not a boolean; a subscription that cannot be cancelled in its status; or a gateway without cancel (AllPay, TWPAY_UNSUPPORTED_BY_GATEWAY)',
  })
  @ApiNotFoundResponse({ description: 'No subscription with this id' })
  async cancel(@Param('id') id: string, @Body() body: unknown) {
    const options = parseCancelSubscriptionBody(body);
    return toView(await this.payments.cancel(id, options));
  }
}

export function toView(subscription: SubscriptionWithPeriods) {
  return {
    ...summaryOf(subscription),
    amountCollected: subscription.amountCollected,
    nextChargeAt: subscription.nextChargeAt?.toISOString() ?? null,
    accessUntil: subscription.accessUntil?.toISOString() ?? null,
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

/** One row of the list: the subscription without its periods. */
function toListItem(subscription: PaymentSubscriptionEntity) {
  return {
    ...summaryOf(subscription),
    createdAt: subscription.createdAt.toISOString(),
  };
}

/** What the list and the detail view both show of a subscription. */
function summaryOf(subscription: PaymentSubscriptionEntity) {
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
    customerId: subscription.customerId,
  };
}

function positiveInteger(name: string, value: string | undefined) {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new BadRequestException(`${name} must be a whole number, 1 or more`);
  }
  return number;
}

function statusFilter(value: string | undefined) {
  if (value === undefined) return undefined;
  const status = value.toLowerCase() as SubscriptionStatus;
  if (!SUBSCRIPTION_STATUSES.includes(status)) {
    throw new BadRequestException(
      `status must be one of ${SUBSCRIPTION_STATUSES.join(', ')}`,
    );
  }
  return status;
}
