import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PaymentSubscriptionEntity } from 'nestjs-twpay';
import {
  checkMacValue,
  ECPAY_PROFILE,
  formatTaipeiDateTime,
} from 'nestjs-twpay/protocol';
import type { GatewaySimulator } from 'nestjs-twpay/simulator';

const MERCHANT = ECPAY_PROFILE.stageTestMerchant;
const CARD = { number: '4311-9522-2222-2222', expiry: '12/49', cvv: '222' };

/** A merchant URL that answers every post `1|OK` and forgets it: every notification is lost. */
export async function startLosingSink(): Promise<{
  server: Server;
  url: string;
}> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('1|OK'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

/**
 * Creates and pays `count` monthly ECPay agreements (NT$299, 12 periods, the stage test merchant) at
 * the simulator, their ReturnURL and PeriodReturnURL on `sinkUrl`, and returns their subscriptions
 * as the module stores them at checkout (`pending`: the first authorization's post was lost too), to
 * be inserted into the module's table. MerchantTradeNo is `prefix` and a number, cut to 20.
 */
export async function createLostAgreements(
  simulator: GatewaySimulator,
  {
    count,
    sinkUrl,
    prefix,
  }: { count: number; sinkUrl: string; prefix: string },
): Promise<PaymentSubscriptionEntity[]> {
  const rows: Partial<PaymentSubscriptionEntity>[] = [];
  for (let i = 0; i < count; i++) {
    const merchantTradeNo = `${prefix}${i}`.slice(0, 20);
    const fields: Record<string, string> = {
      MerchantID: MERCHANT.merchantId,
      MerchantTradeNo: merchantTradeNo,
      MerchantTradeDate: formatTaipeiDateTime(simulator.clock.now()),
      PaymentType: 'aio',
      TotalAmount: '299',
      TradeDesc: 'Monthly plan',
      ItemName: 'Pro plan',
      ReturnURL: `${sinkUrl}/return`,
      ChoosePayment: 'Credit',
      EncryptType: '1',
      PeriodAmount: '299',
      PeriodType: 'M',
      Frequency: '1',
      ExecTimes: '12',
      PeriodReturnURL: `${sinkUrl}/period`,
    };
    const created = simulator.createOrder(
      'ecpay',
      Object.entries({
        ...fields,
        CheckMacValue: checkMacValue(fields, MERCHANT),
      }),
    );
    if (!created.ok) throw new Error(created.error.message);
    const paid = await simulator.pay(created.order.id, CARD);
    if (!paid.ok) throw new Error(paid.error.message);
    rows.push({
      id: randomUUID(),
      gateway: 'ecpay',
      merchantId: MERCHANT.merchantId,
      merchantTradeNo,
      // The module's case-folded key of the order number (unique per order table).
      merchantTradeNoKey: merchantTradeNo.toUpperCase(),
      itemName: 'Pro plan',
      customerId: null,
      metadata: null,
      status: 'pending',
      periodAmount: 299,
      periodType: 'M',
      frequency: 1,
      execTimes: 12,
    });
  }
  return rows as PaymentSubscriptionEntity[];
}
