import type { MacKeys } from '../protocol/check-mac-value.js';
import type { GatewayField } from '../protocol/gateway-fields.js';
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
 * Runs `node:util` `parseArgs` and turns its argument errors into a one-line {@link CliUsageError}.
 * Node's own text is not passed on: it runs over several sentences, ends on an unbalanced quote for
 * an unknown option, and echoes a stray positional argument, which may be a secret typed in the
 * wrong place. Only an option's name is echoed, and only when it looks like one.
 */
export function parseOrUsageError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      throw new CliUsageError(parseErrorLine(code, (error as Error).message));
    }
    throw error;
  }
}

function parseErrorLine(code: string, message: string): string {
  const quoted = /'(-{1,2}[A-Za-z][A-Za-z0-9-]{0,30})[ =']/.exec(message)?.[1];
  const option = quoted ? `'${quoted}'` : '(not echoed)';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return 'unexpected argument (not echoed): this command takes options only';
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(message)
        ? `option ${option} takes no value`
        : `option ${option} needs a value`;
    default:
      return 'invalid arguments';
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

/** A value as printed: JSON-quoted, so leading spaces, newlines and quotes stay visible. */
export function displayValue(value: string): string {
  return JSON.stringify(value);
}
