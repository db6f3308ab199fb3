import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  UseFilters,
} from '@nestjs/common';
import {
  PaymentsExceptionFilter,
  PeriodicPaymentService,
  type SubscriptionWithPeriods,
} from 'nestjs-twpay';

/** The shop's JSON API over the payments module (DESIGN.md "Contract"). */
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
