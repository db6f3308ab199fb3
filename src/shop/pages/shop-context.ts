import type { GatewayName } from 'nestjs-twpay/protocol';

/** What every page needs to know about the app around it. */
export interface ShopContext {
  /** The gateway the payments module is configured for (TWPAY_GATEWAY); BNPL is ECPay only. */
  gateway: GatewayName;
  /** Whether the gateway simulator is mounted in this process (no TWPAY_GATEWAY_URL). */
  simulator: boolean;
  /** The simulator's virtual clock, when it is mounted. */
  simulatorClock?: Date;
}
