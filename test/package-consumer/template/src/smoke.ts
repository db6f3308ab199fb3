// Boots the app against the installed nestjs-twpay, creates a subscription, rebuilds its form with
// nestjs-twpay/protocol alone, posts its signed first authorization as the gateway would, and starts
// and stops the packaged simulator. Prints one `ok: ...` line per step; any failure exits non-zero.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PaymentsHealthIndicator, PeriodicPaymentService } from 'nestjs-twpay';
import {
  buildPeriodicCheckoutFields,
  checkMacValue,
  ECPAY_PROFILE,
  encodeFormBody,
  parseTaipeiDateTime,
} from 'nestjs-twpay/protocol';
import { startGatewaySimulator } from 'nestjs-twpay/simulator';
import { AppModule, STAGE_MERCHANT } from './app.module.js';

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`failed: ${what}`);
  process.stdout.write(`ok: ${what}\n`);
}

const app = await NestFactory.create<NestExpressApplication>(AppModule, {
  rawBody: true,
  logger: ['error', 'warn'],
});
await app.listen(0, '127.0.0.1');
const url = await app.getUrl();

const order = {
  periodAmount: 299,
  periodType: 'M' as const,
  frequency: 1,
  execTimes: 12,
  itemName: 'Pro plan',
};
const payments = app.get(PeriodicPaymentService);
const { subscription, checkout } = await payments.createSubscription(order);
check(subscription.status === 'pending', 'a pending subscription');
check(/^[0-9A-F]{64}$/.test(checkout.fields.CheckMacValue), 'a signed form');

// Without Nest: the same plain order and the form's context give the same signed fields.
const rebuilt = buildPeriodicCheckoutFields(order, {
  profile: ECPAY_PROFILE,
  merchantId: STAGE_MERCHANT.merchantId,
  merchantTradeNo: subscription.merchantTradeNo,
  tradeDate: parseTaipeiDateTime(checkout.fields.MerchantTradeDate)!,
  returnUrl: checkout.fields.ReturnURL,
  periodReturnUrl: checkout.fields.PeriodReturnURL,
  orderResultUrl: checkout.fields.OrderResultURL,
});
check(
  checkMacValue(rebuilt, STAGE_MERCHANT) === checkout.fields.CheckMacValue,
  'nestjs-twpay/protocol rebuilds the signed form',
);

const date = '2024/03/01 10:00:05';
const fields: Record<string, string> = {
  CustomField1: '',
  CustomField2: '',
  CustomField3: '',
  CustomField4: '',
  MerchantID: STAGE_MERCHANT.merchantId,
  MerchantTradeNo: subscription.merchantTradeNo,
  PaymentDate: date,
  PaymentType: 'Credit_CreditCard',
  PaymentTypeChargeFee: '1',
  RtnCode: '1',
  RtnMsg: '交易成功',
  SimulatePaid: '0',
  StoreID: '',
  TradeAmt: '299',
  TradeDate: date,
  TradeNo: '2403011000000001',
  gwsr: '11223300',
  process_date: date,
  auth_code: '777777',
  amount: '299',
  card4no: '2222',
  card6no: '431195',
  eci: '0',
  PeriodType: 'M',
  Frequency: '1',
  ExecTimes: '12',
  PeriodAmount: '299',
  TotalSuccessTimes: '1',
  TotalSuccessAmount: '299',
};
// The form's ReturnURL is on the public host; post to the same path on this server.
const local = await fetch(url + new URL(checkout.fields.ReturnURL).pathname, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: encodeFormBody({
    ...fields,
    CheckMacValue: checkMacValue(fields, STAGE_MERCHANT),
  }),
});
check(
  (await local.text()) === '1|OK',
  'the signed first authorization answered 1|OK',
);
const active = await payments.getSubscription(subscription.id);
check(active.status === 'active', 'the subscription is active');
const { payments: inbox } = await app.get(PaymentsHealthIndicator).isHealthy();
check(inbox.status === 'up' && inbox.backlog === 0, 'the inbox is healthy');
await app.close();

const gateway = await startGatewaySimulator({ port: 0 });
const dashboard = await fetch(`${gateway.url}/simulator`);
check(dashboard.status === 200, 'the packaged simulator serves its dashboard');
await gateway.close();
