import type { GatewayFieldList } from '../protocol/gateway-fields.js';

/**
 * Splits a `key=value&…` gateway answer on `&` and the first `=`, keeping every value exactly as
 * received. The gateway does not percent-encode these answers, so reading them as a form would turn
 * a `+` into a space and break the CheckMacValue (docs/gateway-protocol.md §7.3).
 */
export function splitKeyValueAnswer(text: string): GatewayFieldList {
  return text
    .trim()
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      return at < 0
        ? ([pair, ''] as const)
        : ([pair.slice(0, at), pair.slice(at + 1)] as const);
    });
}

/**
 * Reads fields by name whatever their letter case: the gateway spells some names differently from
 * one message to the next (`gwsr`/`Gwsr`), and a CheckMacValue is computed over lower-cased text, so
 * case is not authenticated and must not change a decision.
 */
export class CaseInsensitiveFields {
  private readonly byName = new Map<string, unknown>();

  constructor(entries: Iterable<readonly [string, unknown]>) {
    for (const [name, value] of entries) {
      const key = name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, value);
    }
  }

  /** The raw value, whatever its JSON type; `undefined` when absent. */
  raw(name: string): unknown {
    return this.byName.get(name.toLowerCase());
  }

  /** A string or number as text; `null` when absent, null or another type. */
  text(name: string): string | null {
    const value = this.raw(name);
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value))
      return String(value);
    return null;
  }

  /** A whole number sent as a JSON number or as digits; `null` otherwise. */
  integer(name: string): number | null {
    const value = this.raw(name);
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'string' && /^-?\d+$/.test(value.trim()))
      return Number(value.trim());
    return null;
  }
}
