import {
  fieldListToRecord,
  type GatewayFieldList,
} from '../protocol/gateway-fields.js';

/**
 * Read access to a verified notification's fields by any casing of the name.
 *
 * Why: the same datum has different names per message: `gwsr`/`process_date` in ReturnURL extras,
 * `Gwsr`/`ProcessDate` in PeriodReturnURL, mixed in query JSON (docs/gateway-protocol.md section 10, pitfall 6).
 * Names are compared lower-cased with `_` removed, so `process_date`, `ProcessDate` and `processdate`
 * are one field.
 *
 * @internal
 */
export class NotificationFields {
  private readonly byKey = new Map<string, string>();

  constructor(readonly list: GatewayFieldList) {
    for (const [name, value] of list) {
      const key = NotificationFields.key(name);
      if (!this.byKey.has(key)) this.byKey.set(key, value);
    }
  }

  /** Names that occur more than once, in any casing: a malformed body. */
  repeatedNames(): string[] {
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const [name] of this.list) {
      const key = NotificationFields.key(name);
      if (seen.has(key)) repeated.add(name);
      seen.add(key);
    }
    return [...repeated];
  }

  /**
   * Names of the fields whose name or value holds a NUL character: a malformed body (no gateway
   * sends one, and PostgreSQL text cannot hold one).
   */
  namesWithNul(): string[] {
    return this.list
      .filter(([name, value]) => `${name}${value}`.includes('\u0000'))
      .map(([name]) => name);
  }

  get(name: string): string | undefined {
    return this.byKey.get(NotificationFields.key(name));
  }

  has(name: string): boolean {
    return this.byKey.has(NotificationFields.key(name));
  }

  /** The fields as received, as a record keyed by the received names. */
  toRecord(): Record<string, string> {
    return fieldListToRecord(this.list).record;
  }

  private static key(name: string): string {
    return name.toLowerCase().replace(/_/g, '');
  }
}
