/**
 * Every message the module puts in an error, an inbox row or a `0|…` answer, in one table, so the
 * wording stays consistent and the places that throw stay short (bullmq's `bull.messages.ts`).
 * Messages name the gateway's field and the rule, because that is what an operator reads.
 *
 * @internal
 */
export const PAYMENTS_MESSAGES = {
  // Notifications (the callback routes)
  repeatedFields: (names: string[]) =>
    `malformed: field ${names.join(', ')} sent more than once`,
  unknownMerchant: (merchantId: string | undefined) =>
    `unknown MerchantID ${merchantId ?? '(missing)'}`,
  checkMacValue: (problem: 'missing' | 'malformed' | 'mismatch') =>
    `CheckMacValue ${problem}`,
  malformed: (problems: string[]) => `malformed: ${problems.join('; ')}`,
  notAFormBody: (contentType: string) =>
    `malformed: content type ${contentType} is not application/x-www-form-urlencoded, the gateways' only one`,
  notARealDate: (field: string, value: string | undefined) =>
    `malformed: ${field} ${value} is not a real date`,
  noAuthorizationKey: () =>
    'malformed: neither TradeNo nor gwsr identifies the authorization',
  unknownOrder: (merchantTradeNo: string) =>
    `unknown MerchantTradeNo ${merchantTradeNo}`,
  merchantMismatch: (claimed: string, actual: string) =>
    `MerchantID ${claimed} does not match the order's merchant ${actual}`,
  amountMismatch: (
    field: string,
    amount: number,
    expectedName: string,
    expected: number,
  ) => `${field} ${amount} differs from ${expectedName} ${expected}`,
  alreadyApplied: (key: string) => `authorization ${key} was already applied`,
  concurrentDuplicate: () =>
    'already applied by a concurrent copy of this notification',
  simulatedNotCounted: (policy: string, environment: string) =>
    `SimulatePaid=1 does not count as paid under simulatedPayments "${policy}" in ${environment}`,
  bnplResultChangesNothing: (kind: string, rtnCode: string, status: string) =>
    `the ${kind} result (RtnCode ${rtnCode}) changes nothing: the order is already ${status}`,
  bnplOrderChanged: (merchantTradeNo: string) =>
    `BNPL order ${merchantTradeNo} changed while this notification was applied`,

  // Services (checkout and reads)
  merchantNotConfigured: (merchantId: string) =>
    `merchantId ${merchantId} is not one of the configured merchants`,
  merchantTradeNoTaken: (merchantTradeNo: string) =>
    `merchantTradeNo ${merchantTradeNo} is already used, letter case aside (case is not authenticated); the gateway never accepts a MerchantTradeNo twice`,
  notFound: (what: string, where: Record<string, unknown>) =>
    `No ${what} with ${Object.entries(where)
      .map(([key, value]) => `${key} ${String(value)}`)
      .join(', ')}`,
  bnplUnsupported: (displayName: string) =>
    `BNPL (無卡分期, ChoosePayment=BNPL) is offered by ECPay only; this module is configured for ${displayName}. Use gateway 'ecpay' to create BNPL orders.`,
  platformIdMismatch: (configured: string) =>
    `platformId must equal the merchant's configured platformId (${configured}): the request is signed with that platform's keys`,
} as const;
