import type {
  GatewayEnvironment,
  GatewayName,
} from '../protocol/gateway-profile.js';

/**
 * One merchant account at the gateway. Several can be configured; a notification is verified with the
 * keys of the MerchantID it carries.
 *
 * @publicApi
 */
export interface PaymentsMerchantOptions {
  /** MerchantID (商店代號), e.g. `3002607`. Up to 10 letters or digits. */
  merchantId: string;
  /** HashKey from the merchant back office. Never logged, stored or printed. */
  hashKey: string;
  /** HashIV from the merchant back office. Never logged, stored or printed. */
  hashIV: string;
  /**
   * PlatformID, for platform (特約合作平台商) merchants only. Requests then carry it and are signed with
   * the platform's HashKey/HashIV (docs/gateway-protocol.md section 10, pitfall 16).
   * @default undefined
   */
  platformId?: string;
}

/**
 * What to do with notifications flagged `SimulatePaid=1` (payments simulated from the gateway's
 * back office: no money moved, docs/gateway-protocol.md section 9).
 *
 * - `'paid-outside-production'`: they count as paid on `stage` (or a custom base URL) and never in
 *   `production`;
 * - `'never-paid'`: they are stored and flagged, never counted as paid;
 * - `'paid'`: they count as paid everywhere (not recommended).
 *
 * In every case the authorization is stored with `simulated = true`.
 *
 * @publicApi
 */
export type SimulatedPaymentPolicy =
  'paid-outside-production' | 'never-paid' | 'paid';

/**
 * Options of `PaymentsModule.forRoot()` / `forRootAsync()`.
 *
 * @publicApi
 */
export interface PaymentsModuleOptions {
  /** Which gateway: `'allpay'` (AioCheckOut V4) or `'ecpay'` (AioCheckOut V5). */
  gateway: GatewayName;
  /**
   * The gateway's environment, which picks its hosts.
   * @default 'stage'
   */
  environment?: GatewayEnvironment;
  /**
   * Sends every gateway call (checkout form, queries, actions) to this origin instead of the
   * environment's host: the local simulator, or a test proxy. Stays `environment`-aware for the
   * SimulatePaid policy.
   * @example 'http://localhost:3000'
   * @default undefined
   */
  gatewayBaseUrl?: string;
  /** One or more merchant accounts. The first one is used for new orders unless one is named. */
  merchants: PaymentsMerchantOptions[];
  /**
   * The public origin (and path, if the app is mounted under one) where the gateway reaches this app.
   * ReturnURL, PeriodReturnURL and the other callback URLs are built from it and the route prefix.
   * @example 'https://shop.example.com'
   */
  publicUrl: string;
  /**
   * Whether `SimulatePaid=1` notifications count as paid.
   * @default 'paid-outside-production'
   */
  simulatedPayments?: SimulatedPaymentPolicy;
  /**
   * Where the browser goes after the gateway's result page posts back (`redirect/order-result`,
   * `redirect/client`) for a subscription. `{merchantTradeNo}` and `{id}` are replaced; a relative URL
   * is resolved against `publicUrl`.
   * @example '/account/subscriptions/{id}'
   * @default '/'
   */
  browserReturnUrl?: string;
  /**
   * The same for a BNPL order (`redirect/client`, after the buyer applied), with the BNPL order's
   * `{id}` and `{merchantTradeNo}`.
   * @example '/account/orders/{id}'
   * @default browserReturnUrl
   */
  bnplBrowserReturnUrl?: string;
  /**
   * Prefix of generated MerchantTradeNo values: letters and digits, at most 6 characters.
   * @default 'TW'
   */
  merchantTradeNoPrefix?: string;
  /**
   * How often stored-but-unapplied notifications are re-applied, in milliseconds; `0` turns the timer
   * off (call `NotificationReapplyService.reapplyPending()` yourself).
   * @default 60000
   */
  reapplyIntervalMs?: number;
  /**
   * How many times a notification that fails to apply is tried before it is left for an operator.
   * @default 20
   */
  maxApplyAttempts?: number;
  /**
   * How long a replica owns a stored notification it is re-applying, or an event it is publishing,
   * in milliseconds. Until then other replicas leave it alone; after that (the owner died) any may
   * take it. Events a crash left unpublished are delivered again once this has passed.
   * @default 60000
   */
  claimLeaseMs?: number;
  /**
   * How many bytes of a callback request's body are read. A longer body is recorded cut, with its
   * full length, and refused with a 413 `0|…`; gateway notifications are a few kilobytes. The inbox
   * keeps the first 48,000 bytes of any body (what its column holds on every database, with the
   * full length beside them) and never accepts a longer one.
   * @default 262144
   */
  maxCallbackBodyBytes?: number;
  /**
   * The module's clock: what "now" is when deciding which subscriptions are due for reconciliation.
   * Inject a test clock (the simulator's virtual clock in the example shop, as Stripe's test clocks)
   * to reconcile in virtual time.
   * @default () => new Date()
   */
  clock?: () => Date;
  /**
   * The reconciliation job: how often it runs and what it picks. `false` turns the schedule off;
   * `ReconciliationService.reconcile()` and `twpay reconcile` still work.
   * @default {} (every 15 minutes, see {@link ReconciliationOptions})
   */
  reconciliation?: ReconciliationOptions | false;
}

/**
 * How the reconciliation job runs (`reconciliation` option of `PaymentsModule`).
 *
 * @publicApi
 */
export interface ReconciliationOptions {
  /**
   * Milliseconds between scheduled runs (through `@nestjs/schedule`'s `SchedulerRegistry`, so the
   * host imports `ScheduleModule.forRoot()`); `0` turns the schedule off.
   * @default 900000
   */
  intervalMs?: number;
  /**
   * How long after its next charge date an `active` or `past_due` subscription is picked: the
   * gateway posts on the charge day, so a post still missing after this is lost.
   * @default 86400000 (one day)
   */
  graceMs?: number;
  /** How long a `pending` subscription may wait for its first authorization before it is picked. @default 3600000 */
  pendingGraceMs?: number;
  /** How long after it was cancelled a subscription is still picked (for charges made before the cancel). @default 604800000 */
  recentlyCancelledMs?: number;
  /** How many subscriptions are checked at the same time. @default 8 */
  concurrency?: number;
  /**
   * How long one instance holds a subscription while checking it; another instance skips it
   * meanwhile, and takes it over after this if the holder died.
   * @default 300000
   */
  leaseMs?: number;
}

/**
 * Options with every default applied and every rule checked, as the module's services see them.
 *
 * @internal
 */
export interface ResolvedPaymentsOptions extends Required<
  Omit<PaymentsModuleOptions, 'gatewayBaseUrl' | 'reconciliation'>
> {
  gatewayBaseUrl: string | undefined;
  /** Every reconciliation setting resolved; `intervalMs` is 0 when the schedule is off. */
  reconciliation: Required<ReconciliationOptions>;
  /** The route prefix the callback controller is mounted under, without slashes. */
  routePrefix: string;
}

/**
 * Implemented by a class passed to `forRootAsync({ useClass })`.
 *
 * @publicApi
 */
export interface PaymentsOptionsFactory {
  createPaymentsOptions():
    PaymentsModuleOptions | Promise<PaymentsModuleOptions>;
}
