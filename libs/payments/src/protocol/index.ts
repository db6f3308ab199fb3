// nestjs-twpay/protocol: the framework-free core. Nothing here imports Nest, TypeORM or class-validator,
// so anyone who only needs a correct CheckMacValue, a checkout form, a form body or a Taipei timestamp
// can use it without Nest.

// CheckMacValue
export {
  CHECK_MAC_VALUE_FIELD,
  checkMacValue,
  maskedCanonicalMacString,
  sortFieldsForMac,
  verifyCheckMacValue,
} from './check-mac-value.js';
export type {
  CheckMacAlgorithm,
  MacKeys,
  MacVerification,
} from './check-mac-value.js';
export { dotNetUrlEncode } from './dotnet-url-encode.js';
export { diagnoseMismatch } from './diagnose-mismatch.js';
export type { CauseKind, LikelyCause } from './diagnose-mismatch.js';

// Fields and form bodies
export { fieldListToRecord, toFieldList } from './gateway-fields.js';
export type {
  GatewayField,
  GatewayFieldList,
  GatewayFieldsInput,
} from './gateway-fields.js';
export { encodeFormBody, parseFormBody } from './parse-form-body.js';
export { renderAutoSubmitForm } from './render-auto-submit-form.js';

// Checkout forms (AioCheckOut): the fields to sign and post, for an order validated beforehand
export type { AioCheckoutOrder } from './aio-checkout-order.js';
export { buildPeriodicCheckoutFields } from './build-periodic-checkout-fields.js';
export type {
  CheckoutLanguage,
  DeviceSource,
  PeriodicCheckoutContext,
  PeriodicCheckoutOrder,
} from './build-periodic-checkout-fields.js';
export type {
  InvoiceCarrierType,
  InvoiceClearanceMark,
  InvoiceDonation,
  InvoiceItemTaxType,
  InvoicePrint,
  InvoiceTaxType,
  PeriodicInvoice,
  PeriodicInvoiceItem,
} from './periodic-invoice-fields.js';
export { buildBnplCheckoutFields } from './build-bnpl-checkout-fields.js';
export type {
  BnplCheckoutContext,
  BnplCheckoutOrder,
} from './build-bnpl-checkout-fields.js';

// Gateways and time
export {
  ALLPAY_PROFILE,
  ECPAY_PROFILE,
  GATEWAY_PROFILES,
  gatewayApiUrl,
} from './gateway-profile.js';
export type {
  GatewayApiPaths,
  GatewayEnvironment,
  GatewayName,
  GatewayProfile,
} from './gateway-profile.js';
export {
  formatTaipeiDateTime,
  parseTaipeiDateTime,
  unixTimestamp,
} from './taipei-time.js';
export { periodDueAt } from './period-schedule.js';
export type { PeriodType } from './period-schedule.js';
export { addTaipeiCalendar } from './taipei-calendar.js';
export type { CalendarStep } from './taipei-calendar.js';
