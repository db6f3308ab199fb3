import {
  GATEWAY_ERROR_CODES as CODES,
  gatewayError,
  type GatewayError,
} from './gateway-errors.js';

// The small checks the checkout rules are written with. Each reads one posted field from the
// record and answers the gateway's error for the first rule it breaks, or `undefined`. A field that
// was not posted passes (whether it is required is checked separately).

/** `name`, when posted, is one of `allowed`. */
export function oneOf(
  f: Record<string, string>,
  name: string,
  allowed: readonly string[],
): GatewayError | undefined {
  if (f[name] === undefined || allowed.includes(f[name])) return undefined;
  const shown = allowed.filter((v) => v !== '').join(', ');
  return malformed(name, `must be one of ${shown}`);
}

/** `name`, when posted, is a whole number above 0 written with digits only. */
export function positiveInteger(
  f: Record<string, string>,
  name: string,
): GatewayError | undefined {
  return pattern(
    f,
    name,
    /^[1-9][0-9]{0,8}$/,
    'must be a whole number above 0, digits only',
  );
}

/** `name`, when posted, has at most `max` characters (code points, as the gateway counts). */
export function maxLength(
  f: Record<string, string>,
  name: string,
  max: number,
): GatewayError | undefined {
  return f[name] !== undefined && [...f[name]].length > max
    ? malformed(name, `is longer than ${max} characters`)
    : undefined;
}

/** `name`, when posted, matches `regex`; `rule` says what that means in words. */
export function pattern(
  f: Record<string, string>,
  name: string,
  regex: RegExp,
  rule: string,
): GatewayError | undefined {
  return f[name] === undefined || regex.test(f[name])
    ? undefined
    : malformed(name, rule);
}

/** `name` is an absolute http(s) URL of at most 200 characters (docs/gateway-protocol.md §5.1). */
export function url(
  f: Record<string, string>,
  name: string,
): GatewayError | undefined {
  const tooLong = maxLength(f, name, 200);
  if (tooLong) return tooLong;
  try {
    const parsed = new URL(f[name]);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:')
      return undefined;
  } catch {
    // reported below
  }
  return malformed(name, 'must be an absolute http(s) URL');
}

/** The error for a field that breaks a format rule. */
export function malformed(name: string, rule: string): GatewayError {
  return gatewayError(CODES.MALFORMED_FIELD, `${name} ${rule}`);
}
