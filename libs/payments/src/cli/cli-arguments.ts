import type {
  CheckMacAlgorithm,
  MacKeys,
} from '../protocol/check-mac-value.js';
import type {
  GatewayField,
  GatewayFieldList,
} from '../protocol/gateway-fields.js';
import { CliUsageError } from './cli-command.js';
import { HASH_IV_ENV, HASH_KEY_ENV } from './secret-redactor.js';

/** The `parseArgs` options shared by every command that signs or verifies. */
export const MAC_KEY_OPTIONS = {
  'hash-key': { type: 'string' },
  'hash-iv': { type: 'string' },
  md5: { type: 'boolean' },
} as const;

/** Help lines for {@link MAC_KEY_OPTIONS}. */
export const MAC_KEY_HELP: readonly string[] = [
  `  --hash-key <key>     the merchant's HashKey (default: $${HASH_KEY_ENV})`,
  `  --hash-iv <iv>       the merchant's HashIV (default: $${HASH_IV_ENV})`,
  '  --md5                MD5 instead of SHA-256 (legacy AllPay V2 orders only; every V4/V5',
  '                       order and every query API uses SHA-256, EncryptType=1)',
];

/**
 * Runs `node:util` `parseArgs` and turns its argument errors into {@link CliUsageError}. Node's
 * messages name the option, never its value, so they are passed on as they are.
 */
export function parseOrUsageError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      throw new CliUsageError(
        (error as Error).message.replace(/\s*\n\s*/g, ' '),
      );
    }
    throw error;
  }
}

/**
 * The HashKey and HashIV from `--hash-key`/`--hash-iv`, else from `TWPAY_HASH_KEY`/`TWPAY_HASH_IV`.
 *
 * @throws CliUsageError naming the option that is missing or empty (never its value)
 */
export function resolveMacKeys(
  values: { 'hash-key'?: string; 'hash-iv'?: string },
  env: Readonly<Record<string, string | undefined>>,
): MacKeys {
  const pick = (option: 'hash-key' | 'hash-iv', variable: string): string => {
    const given = values[option];
    if (given === '') throw new CliUsageError(`--${option} is empty`);
    const value = given ?? env[variable];
    if (!value)
      throw new CliUsageError(`missing --${option} (or set ${variable})`);
    return value;
  };
  return {
    hashKey: pick('hash-key', HASH_KEY_ENV),
    hashIV: pick('hash-iv', HASH_IV_ENV),
  };
}

/** `SHA-256` or `MD5`, as people write them. */
export function algorithmLabel(algorithm: CheckMacAlgorithm): string {
  return algorithm === 'sha256' ? 'SHA-256' : 'MD5';
}

/**
 * Splits a `Name=Value` argument at the first `=`: the value may be empty or contain `=`.
 *
 * @param position the argument's 1-based position among the fields, for the error message; the
 *   argument itself is never echoed, in case it is a secret typed in the wrong place.
 */
export function parseFieldArgument(
  arg: string,
  position: number,
): GatewayField {
  const equals = arg.indexOf('=');
  if (equals < 0) {
    throw new CliUsageError(
      `field argument ${position} is not Name=Value: it has no "=" (not echoed, in case it is a secret)`,
    );
  }
  if (equals === 0)
    throw new CliUsageError(`field argument ${position} has an empty name`);
  return [arg.slice(0, equals), arg.slice(equals + 1)];
}

/**
 * The fields in the order the CheckMacValue joins them: by name, case-insensitively and ordinally
 * (ASCII letters folded, everything else by code unit), stable for ties. This mirrors the private
 * comparison in `protocol/check-mac-value.ts` for display only; `cli-arguments.spec.ts` checks that
 * both always agree.
 */
export function sortFieldsForMac(fields: GatewayFieldList): GatewayField[] {
  const fold = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return [...fields].sort(([a], [b]) => {
    const x = fold(a);
    const y = fold(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** A field name as printed: bare when it is plain, JSON-quoted when it has anything odd in it. */
export function displayName(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : JSON.stringify(name);
}

/** A value as printed: JSON-quoted, so leading spaces, newlines and quotes stay visible. */
export function displayValue(value: string): string {
  return JSON.stringify(value);
}
