// Imported directly by ormconfig.ts: no Nest imports here.
import { CreatePaymentsSchema1732240000000 } from './1732240000000-create-payments-schema.js';
import { CreateBnplApplication1732240000001 } from './1732240000001-create-bnpl-application.js';
import { AddNotificationReasonCode1732240000002 } from './1732240000002-add-notification-reason-code.js';
import { CreateOutbox1732240000003 } from './1732240000003-create-outbox.js';
import { AddSubscriptionCancellation1733100000000 } from './1733100000000-add-subscription-cancellation.js';
import { CreateReconciliationTables1733200000000 } from './1733200000000-create-reconciliation-tables.js';
import { CaseInsensitiveMerchantTradeNo1764633600000 } from './1764633600000-case-insensitive-merchant-trade-no.js';
import { KeepNotificationBytes1764720000000 } from './1764720000000-keep-notification-bytes.js';

/**
 * The module's migrations as classes, in order: spread them into the host's DataSource `migrations`
 * (no globs, so they survive bundlers and ESM).
 *
 * @publicApi
 */
export const PAYMENTS_MIGRATIONS: Function[] = [
  CreatePaymentsSchema1732240000000,
  CreateBnplApplication1732240000001,
  AddNotificationReasonCode1732240000002,
  CreateOutbox1732240000003,
  AddSubscriptionCancellation1733100000000,
  CreateReconciliationTables1733200000000,
  CaseInsensitiveMerchantTradeNo1764633600000,
  KeepNotificationBytes1764720000000,
];
