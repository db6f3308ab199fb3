import type { DataSource } from 'typeorm';
import { BnplOrderEntity } from '../bnpl/entities/bnpl-order.entity.js';
import { merchantTradeNoKey } from '../checkout/merchant-trade-no.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import { PaymentSubscriptionEntity } from '../subscriptions/entities/payment-subscription.entity.js';

/**
 * Where a verified browser post (OrderResultURL, ClientRedirectURL) sends the browser: the app's page
 * for the order it is about, `browserReturnUrl` for a subscription and `bnplBrowserReturnUrl` for a
 * BNPL order, with `{id}` and `{merchantTradeNo}` filled in and resolved against `publicUrl`. An
 * unknown order gets `browserReturnUrl` with an empty `{id}`.
 *
 * @internal
 */
export async function browserReturnUrl(
  dataSource: DataSource,
  options: Pick<
    ResolvedPaymentsOptions,
    'publicUrl' | 'browserReturnUrl' | 'bnplBrowserReturnUrl'
  >,
  merchantTradeNo: string | undefined,
): Promise<string> {
  let template = options.browserReturnUrl;
  let id = '';
  if (merchantTradeNo) {
    const key = merchantTradeNoKey(merchantTradeNo);
    const subscription = await dataSource
      .getRepository(PaymentSubscriptionEntity)
      .findOneBy({ merchantTradeNoKey: key });
    const bnplOrder = subscription
      ? null
      : await dataSource
          .getRepository(BnplOrderEntity)
          .findOneBy({ merchantTradeNoKey: key });
    if (bnplOrder) template = options.bnplBrowserReturnUrl;
    id = subscription?.id ?? bnplOrder?.id ?? '';
  }
  const path = template
    .replaceAll('{merchantTradeNo}', encodeURIComponent(merchantTradeNo ?? ''))
    .replaceAll('{id}', encodeURIComponent(id));
  return new URL(path, `${options.publicUrl}/`).toString();
}
