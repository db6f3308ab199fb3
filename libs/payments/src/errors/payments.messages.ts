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
  nulInFields: (names: string[]) =>
    `malformed: field ${names.join(', ')} holds a NUL byte`,
  bodyTooLarge: (length: number, limit: number) =>
    `malformed: body of ${length} bytes is over the ${limit}-byte limit (maxCallbackBodyBytes)`,
  bodyOverInbox: (length: number, kept: number) =>
    `malformed: body of ${length} bytes is over the ${kept} bytes the inbox keeps, no gateway notification is that long`,
  unsupportedCharset: (charset: string) =>
    `malformed: charset ${charset} is not UTF-8, the gateways' only one`,
  unsupportedContentEncoding: (encoding: string) =>
    `malformed: content encoding ${encoding} is not accepted, the gateways send bodies uncompressed`,
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
  simulatedNotCounted: (policy: string, environment: string) =>
    `SimulatePaid=1 does not count as paid under simulatedPayments "${policy}" in ${environment}`,
  bnplResultChangesNothing: (kind: string, rtnCode: string, status: string) =>
    `the ${kind} result (RtnCode ${rtnCode}) changes nothing: the order is already ${status}`,
  orderChanged: (what: string, merchantTradeNo: string) =>
    `${what} ${merchantTradeNo} changed while this notification was applied`,

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

  // Gateway client (query and action APIs)
  gatewayClientWithoutMerchant: () =>
    'The gateway client needs at least one merchant (merchantId, hashKey, hashIV).',
  gatewayUnreachable: (
    api: string,
    subject: string,
    attempts: number,
    failure: string,
  ) =>
    `${api} for ${subject} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${failure}. ` +
    'Check that the gateway URL is reachable from this server.',
  gatewayHttpStatus: (api: string, subject: string, status: number) =>
    `${api} for ${subject} was answered HTTP ${status}; check the gateway URL and API path.`,
  gatewayRateLimited: (retryAt: Date) =>
    `The gateway answered HTTP 403 ("too fast"); no request is sent before ${retryAt.toISOString()}. ` +
    'Space out queries and actions (reconciliation: lower its concurrency) and try again then.',
  gatewayAnswerSignature: (
    api: string,
    reason: 'missing' | 'malformed' | 'mismatch',
  ) =>
    `The ${api} answer's CheckMacValue is ${reason === 'missing' ? 'missing' : 'wrong'}, so the answer ` +
    'was not trusted. Check that the merchant\u2019s HashKey and HashIV belong to the gateway environment ' +
    'being called (stage keys do not sign production answers).',
  gatewayErrorAnswer: (
    api: string,
    subject: string,
    rtnCode: string | undefined,
    rtnMsg: string | undefined,
  ) =>
    `${api} for ${subject} answered RtnCode ${rtnCode || '(none)'}: ${rtnMsg || '(no RtnMsg)'}`,
  gatewayAnswerForOtherOrder: (
    api: string,
    subject: string,
    answeredFor: string,
  ) => `${api} for ${subject} was answered for order "${answeredFor}"`,
  gatewayAnswerUnreadable: (api: string, subject: string, why: string) =>
    `${api} for ${subject} answered something unreadable: ${why}`,
  gatewayApiMissing: (displayName: string, api: string) =>
    `${displayName} has no ${api} API.`,
  periodActionsUnsupported: (displayName: string) =>
    `${displayName} has no documented API to cancel or re-authorize a periodic agreement. ` +
    'To stop one, stop the order in the AllPay vendor back office (廠商後台, 定期定額 order ' +
    'management); a failed charge is retried by the gateway itself. Or use ECPay, whose ' +
    'CreditCardPeriodAction this module calls.',

  // Subscription actions
  nothingToCancel: (id: string, status: string) =>
    `Subscription ${id} is ${status}: the gateway runs no agreement to cancel ` +
    '(it is cancelled only while active or past_due).',
  nothingToReAuthorize: (id: string, status: string) =>
    `Subscription ${id} is ${status}: only the latest charge of a past_due subscription can be ` +
    're-authorized, because the gateway re-authorizes only the latest failed charge.',
} as const;
