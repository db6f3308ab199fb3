// nestjs-twpay/simulator: the local AllPay (V4) / ECPay (V5) gateway. A curated public API: the
// Nest module, the stand-alone starter, the gateway model for in-process use, and the types of
// everything the HTTP API answers.
export { GatewaySimulatorModule } from './gateway-simulator.module.js';
export { startGatewaySimulator } from './standalone.js';
export type {
  RunningGatewaySimulator,
  StandaloneSimulatorOptions,
} from './standalone.js';
export type {
  GatewaySimulatorOptions,
  SimulatedMerchant,
} from './simulator-options.js';
export { GatewaySimulator } from './gateway-simulator.js';
export { SimulatorStateFile } from './simulator-state-file.js';
export type { BrowserPost } from './simulator-outcomes.js';
export { SimulatorRequestError } from './simulator-request-error.js';
export type { GatewayError } from './gateway-errors.js';
export { GATEWAY_ERROR_CODES } from './gateway-errors.js';
export type { FaultRequest, FaultSettings } from './fault-plan.js';
export type { CardInput } from './card-authorizer.js';
export type { CalendarStep, PeriodType } from 'nestjs-twpay/protocol';
export type { OrderStatus } from './simulator-model.js';
export type { DeliveryChannel, DeliveryStatus } from './delivery-queue.js';
export type { MerchantAnswer } from './notification-transport.js';
export type {
  JsonCheckoutRequest,
  JsonCheckoutResult,
} from './http/json-checkout.js';
export type {
  AdvanceSnapshot,
  AuthorizationSnapshot,
  ClockSnapshot,
  DeliveryAttemptSnapshot,
  DeliverySnapshot,
  OrderSnapshot,
  SimulatorSnapshot,
} from './simulator-snapshot.js';
