import { PaymentsConfigError } from 'nestjs-twpay';
import { ALLPAY_PROFILE, ECPAY_PROFILE } from 'nestjs-twpay/protocol';

/**
 * A merchant account known to the simulated gateway, with the keys it signs and verifies with.
 *
 * @publicApi
 */
export interface SimulatedMerchant {
  /** MerchantID, 1-10 letters or digits. */
  merchantId: string;
  /** HashKey the merchant signs its requests with, and the simulator signs its notifications with. */
  hashKey: string;
  /** HashIV, used the same way as the HashKey. */
  hashIV: string;
}

/**
 * Options of `GatewaySimulatorModule.forRoot()` and `startGatewaySimulator()`. Every option has a
 * default, so `forRoot()` with no argument simulates both stage gateways.
 *
 * @publicApi
 */
export interface GatewaySimulatorOptions {
  /**
   * The merchants the simulated gateways know. A merchant may use both dialects (V4 and V5); its
   * MerchantTradeNo values are unique across both.
   * @default the public stage test merchants: AllPay 2000132 and ECPay 3002607 (docs/gateway-protocol.md section 4)
   */
  merchants?: SimulatedMerchant[];
  /**
   * Card numbers (digits only; spaces and dashes typed on the checkout page are ignored) that the
   * checkout approves.
   * @default ['4311952222222222'], ECPay's stage test card
   */
  approvedCards?: string[];
  /**
   * Card numbers that the checkout accepts as input and then declines (RtnCode 10100058), to test a
   * failed first authorization.
   * @default ['4000000000000002']
   */
  declinedCards?: string[];
  /**
   * Virtual minutes between re-sends of an unacknowledged ReturnURL or PaymentInfoURL notification
   * (docs/gateway-protocol.md §6.3 reports 5-15 minutes).
   * @default 10
   */
  retryIntervalMinutes?: number;
  /**
   * Where the virtual clock starts, and where `POST /simulator/reset` puts it back.
   * @default the real time when the simulator starts (or is reset)
   */
  startTime?: Date;
  /**
   * Whether a failed periodic charge is posted to PeriodReturnURL (with RtnCode other than 1).
   * AllPay's documentation says every execution is posted; ECPay's says "after every successful
   * authorization" (docs/gateway-protocol.md §6.2, an open question). `true` is the stricter test: the merchant
   * must cope with failure posts. Set `false` to model ECPay's wording, where a failure is only
   * visible through QueryCreditCardPeriodInfo.
   * @default true
   */
  postFailedPeriods?: boolean;
  /**
   * Whether QueryCreditCardPeriodInfo's ExecLog lists failed charges too. Captured answers show every
   * success, the first included, and no capture shows a failure (docs/gateway-protocol.md §12.2), so clients must
   * handle both: `true` lists them with their own RtnCode and RtnMsg, `false` lists successes only.
   * @default true
   */
  execLogListsFailures?: boolean;
  /**
   * How long the simulator waits for the merchant's answer to one notification.
   * @default 10000
   */
  notificationTimeoutMs?: number;
}

/** The options with every default applied and every value checked. @internal */
export interface ResolvedSimulatorOptions {
  merchants: readonly SimulatedMerchant[];
  approvedCards: ReadonlySet<string>;
  declinedCards: ReadonlySet<string>;
  retryIntervalMinutes: number;
  startTime: Date | undefined;
  postFailedPeriods: boolean;
  execLogListsFailures: boolean;
  notificationTimeoutMs: number;
}

/**
 * Applies the defaults and checks every option once, at start-up; a broken option throws a
 * `PaymentsConfigError` naming it. HashKey and HashIV values are never quoted.
 *
 * @internal
 */
export function resolveSimulatorOptions(
  options: GatewaySimulatorOptions = {},
): ResolvedSimulatorOptions {
  const merchants = options.merchants ?? [
    ALLPAY_PROFILE.stageTestMerchant,
    ECPAY_PROFILE.stageTestMerchant,
  ];
  if (!Array.isArray(merchants) || merchants.length === 0) {
    throw configError(
      'merchants',
      'must be a non-empty array of { merchantId, hashKey, hashIV }',
    );
  }
  const seen = new Set<string>();
  merchants.forEach((merchant, i) => {
    if (!/^[A-Za-z0-9]{1,10}$/.test(String(merchant?.merchantId))) {
      throw configError(
        `merchants[${i}].merchantId`,
        'must be 1-10 letters or digits',
      );
    }
    if (seen.has(merchant.merchantId)) {
      throw configError(
        `merchants[${i}].merchantId`,
        `${merchant.merchantId} is configured twice`,
      );
    }
    seen.add(merchant.merchantId);
    for (const key of ['hashKey', 'hashIV'] as const) {
      if (typeof merchant[key] !== 'string' || merchant[key] === '') {
        throw configError(
          `merchants[${i}].${key}`,
          'must be a non-empty string',
        );
      }
    }
  });
  const approvedCards = cardSet(
    'approvedCards',
    options.approvedCards ?? ['4311952222222222'],
  );
  const declinedCards = cardSet(
    'declinedCards',
    options.declinedCards ?? ['4000000000000002'],
  );
  for (const card of approvedCards) {
    if (declinedCards.has(card)) {
      throw configError(
        'declinedCards',
        `card ${card} is also in approvedCards`,
      );
    }
  }
  const retryIntervalMinutes = options.retryIntervalMinutes ?? 10;
  positiveInteger('retryIntervalMinutes', retryIntervalMinutes);
  const notificationTimeoutMs = options.notificationTimeoutMs ?? 10_000;
  positiveInteger('notificationTimeoutMs', notificationTimeoutMs);
  if (
    options.startTime !== undefined &&
    !(
      options.startTime instanceof Date &&
      !Number.isNaN(options.startTime.getTime())
    )
  ) {
    throw configError('startTime', 'must be a valid Date');
  }
  return {
    merchants: merchants.map(({ merchantId, hashKey, hashIV }) => ({
      merchantId,
      hashKey,
      hashIV,
    })),
    approvedCards,
    declinedCards,
    retryIntervalMinutes,
    startTime: options.startTime,
    postFailedPeriods: options.postFailedPeriods ?? true,
    execLogListsFailures: options.execLogListsFailures ?? true,
    notificationTimeoutMs,
  };
}

function cardSet(option: string, cards: unknown): Set<string> {
  if (!Array.isArray(cards))
    throw configError(option, 'must be an array of card numbers');
  return new Set(
    cards.map((card, i) => {
      const digits = String(card).replace(/[\s-]/g, '');
      if (!/^\d{13,19}$/.test(digits)) {
        throw configError(
          `${option}[${i}]`,
          'must be a card number of 13-19 digits',
        );
      }
      return digits;
    }),
  );
}

function positiveInteger(option: string, value: unknown): void {
  if (!Number.isInteger(value) || (value as number) <= 0) {
    throw configError(option, 'must be a positive integer');
  }
}

function configError(option: string, rule: string): PaymentsConfigError {
  return new PaymentsConfigError(
    option,
    `GatewaySimulatorModule option ${option} ${rule}.`,
  );
}
