import { dotNetUrlEncode } from '../protocol/dotnet-url-encode.js';

/** The environment variables that hold the signing secrets when no option gives them. */
export const HASH_KEY_ENV = 'TWPAY_HASH_KEY';
/** @see HASH_KEY_ENV */
export const HASH_IV_ENV = 'TWPAY_HASH_IV';

/**
 * Options whose values are secrets, in any command. The dispatcher registers their values with the
 * redactor before a command runs, so even an error raised while parsing arguments cannot print them.
 * A new command with another secret option adds its name here.
 */
export const SECRET_OPTION_NAMES: readonly string[] = ['hash-key', 'hash-iv'];

/**
 * Removes registered secrets from output lines: the second line of defence behind "never format a
 * secret into a message". A secret is matched case-insensitively (the canonical string is
 * lower-cased) and in its URL-encoded and JSON-escaped forms, and is replaced by `***`.
 */
export class SecretRedactor {
  private readonly patterns: RegExp[] = [];

  /** Registers a secret; empty and undefined values are ignored. */
  add(secret: string | undefined): void {
    if (!secret) return;
    const forms = new Set([
      secret,
      dotNetUrlEncode(secret),
      new URLSearchParams([['', secret]]).toString().slice(1),
      JSON.stringify(secret).slice(1, -1),
    ]);
    for (const form of [...forms].sort((a, b) => b.length - a.length)) {
      this.patterns.push(
        new RegExp(form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'),
      );
    }
  }

  /** The line with every registered secret replaced by `***`. */
  redact(line: string): string {
    return this.patterns.reduce(
      (text, pattern) => text.replace(pattern, '***'),
      line,
    );
  }
}

/**
 * The values of the {@link SECRET_OPTION_NAMES} options in raw arguments, in both the
 * `--hash-key VALUE` and the `--hash-key=VALUE` form, read before any parsing can fail.
 */
export function secretOptionValues(argv: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    for (const name of SECRET_OPTION_NAMES) {
      if (arg === `--${name}` && i + 1 < argv.length) values.push(argv[i + 1]);
      else if (arg.startsWith(`--${name}=`))
        values.push(arg.slice(name.length + 3));
    }
  }
  return values;
}
