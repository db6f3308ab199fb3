import { checkMacValue, type MacKeys } from 'nestjs-twpay/protocol';
import type { FaultPlan } from './fault-plan.js';
import type { NotificationFields } from './notification-builder.js';

/** A notification ready to send, and whether the `corruptNextMacs` fault spoiled its signature. */
export interface SignedNotification {
  fields: NotificationFields;
  macCorrupted: boolean;
}

/**
 * Signs what the gateway sends to a merchant with that merchant's keys, over every field, empty ones
 * included (docs/gateway-protocol.md §2.3), with SHA-256 as for every V4/V5 order (docs/gateway-protocol.md §2.2).
 */
export class NotificationSigner {
  constructor(
    private readonly keysOf: (merchantId: string) => MacKeys,
    private readonly faults: FaultPlan,
  ) {}

  sign(merchantId: string, fields: NotificationFields): SignedNotification {
    const mac = checkMacValue(fields, this.keysOf(merchantId));
    const macCorrupted = this.faults.take('corruptNextMacs');
    return {
      fields: { ...fields, CheckMacValue: macCorrupted ? corrupt(mac) : mac },
      macCorrupted,
    };
  }
}

/** A different, still well-formed value: the first hex digit changed. */
function corrupt(mac: string): string {
  return (mac[0] === '0' ? '1' : '0') + mac.slice(1);
}
