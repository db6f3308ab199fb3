import { parseArgs } from 'node:util';
import {
  CHECK_MAC_VALUE_FIELD,
  checkMacValue,
  maskedCanonicalMacString,
  sortFieldsForMac,
  type CheckMacAlgorithm,
} from '../../protocol/check-mac-value.js';
import type { GatewayField } from '../../protocol/gateway-fields.js';
import { algorithmLabel, displayName } from '../../protocol/mac-display.js';
import { parseFormBody } from '../../protocol/parse-form-body.js';
import {
  MAC_KEY_HELP,
  MAC_KEY_OPTIONS,
  parseFieldArgument,
  parseOrUsageError,
  resolveMacKeys,
} from '../cli-arguments.js';
import {
  CliUsageError,
  EXIT_CODE,
  type CliCommand,
  type CliContext,
} from '../cli-command.js';

const OPTIONS = {
  ...MAC_KEY_OPTIONS,
  body: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/**
 * `twpay mac`: the CheckMacValue of fields given as `Name=Value` arguments or as a form body, with
 * the canonical string (keys masked) that was hashed. The last line is `CheckMacValue: <HEX>`.
 *
 * @publicApi
 */
export const macCommand: CliCommand = {
  name: 'mac',
  summary: 'Compute the CheckMacValue of a set of fields',
  help: [
    'Usage: twpay mac [options] [Name=Value ...]',
    '',
    'Computes the CheckMacValue of the fields as AllPay and ECPay do: every field except',
    'CheckMacValue, empty ones included, sorted by name case-insensitively, joined as',
    'HashKey=...&Name=Value&...&HashIV=..., .NET-URL-encoded, lower-cased, hashed.',
    'Prints the canonical string with HashKey and HashIV masked as ***, then',
    '"CheckMacValue: <HEX>" as the last line.',
    '',
    'Fields:',
    '  Name=Value           one field, split at the first "=" (the value may be empty or hold "=");',
    '                       quote it for the shell when the value has spaces',
    '  --body <urlencoded>  the fields of a form body (a[b]=1 stays flat, repeated names are kept);',
    '                       Name=Value arguments are added after them',
    '',
    'Options:',
    ...MAC_KEY_HELP,
    '  --json               print one JSON object: {"checkMacValue","canonical","algorithm"}',
    '  -h, --help           show this help',
    '',
    'A CheckMacValue field among the inputs is ignored (a note says so on stderr).',
    'HashKey and HashIV never appear in the output.',
    '',
    'Example:',
    '  twpay mac --hash-key <key> --hash-iv <iv> MerchantID=3002607 \\',
    '    MerchantTradeNo=SUBx2024x0001 TimeStamp=1709258400',
  ],
  run: runMac,
};

async function runMac(
  args: readonly string[],
  context: CliContext,
): Promise<number> {
  const { values, positionals } = parseOrUsageError(() =>
    parseArgs({
      args: [...args],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    }),
  );
  const fields: GatewayField[] = [];
  if (values.body !== undefined) {
    for (const warning of malformedBodyPairs(values.body))
      context.stderr(`twpay mac: warning: ${warning}`);
    fields.push(...parseFormBody(values.body));
  }
  positionals.forEach((arg, index) =>
    fields.push(parseFieldArgument(arg, index + 1)),
  );
  if (fields.length === 0) {
    throw new CliUsageError(
      'no fields: give Name=Value arguments or --body <urlencoded>',
    );
  }
  const keys = resolveMacKeys(values, context.env);
  const algorithm: CheckMacAlgorithm = values.md5 ? 'md5' : 'sha256';
  for (const note of inputNotes(fields, algorithm))
    context.stderr(`twpay mac: note: ${note}`);

  const mac = checkMacValue(fields, keys, algorithm);
  const canonical = maskedCanonicalMacString(fields);
  if (values.json) {
    context.stdout(
      JSON.stringify({ checkMacValue: mac, canonical, algorithm }),
    );
    return EXIT_CODE.OK;
  }
  const hashed = sortFieldsForMac(
    fields.filter(([name]) => name !== CHECK_MAC_VALUE_FIELD),
  );
  context.stdout(`Algorithm: ${algorithmLabel(algorithm)}`);
  context.stdout(
    `Hashed fields (${hashed.length}, sorted by name case-insensitively): ` +
      hashed.map(([name]) => displayName(name)).join(', '),
  );
  context.stdout('Canonical string (HashKey and HashIV masked as ***):');
  context.stdout(canonical);
  context.stdout(`CheckMacValue: ${mac}`);
  return EXIT_CODE.OK;
}

/**
 * Pairs of a `--body` that a form parser reads, but probably not as meant: a pair without `=` is
 * taken as a name with an empty value, an empty name is still hashed, and a broken %-escape is
 * kept as typed. Pairs are named by position, never echoed, in case one is a misplaced secret.
 */
function malformedBodyPairs(body: string): string[] {
  const warnings: string[] = [];
  body
    .split('&')
    .filter((pair) => pair !== '')
    .forEach((pair, index) => {
      const position = `body pair ${index + 1}`;
      const equals = pair.indexOf('=');
      if (equals < 0)
        warnings.push(
          `${position} has no "=": it is hashed as a field with an empty value`,
        );
      else if (equals === 0)
        warnings.push(`${position} has an empty name: it is hashed as such`);
      if (/%(?![0-9A-Fa-f]{2})/.test(pair))
        warnings.push(
          `${position} has a "%" not followed by two hex digits: it is kept as typed`,
        );
    });
  return warnings;
}

/** Things about the input worth a line on stderr; none of them stops the computation. */
function inputNotes(
  fields: readonly GatewayField[],
  algorithm: CheckMacAlgorithm,
): string[] {
  const notes: string[] = [];
  if (fields.some(([name]) => name === CHECK_MAC_VALUE_FIELD)) {
    notes.push(
      'the CheckMacValue field among the inputs is ignored: it is never part of what is signed',
    );
  }
  const odd = fields.filter(
    ([name]) =>
      name !== CHECK_MAC_VALUE_FIELD && name.toLowerCase() === 'checkmacvalue',
  );
  for (const [name] of odd) {
    notes.push(
      `${displayName(name)} is not spelled CheckMacValue, so it IS hashed like any other field`,
    );
  }
  const seen = new Map<string, number>();
  for (const [name] of fields)
    seen.set(name.toLowerCase(), (seen.get(name.toLowerCase()) ?? 0) + 1);
  const repeated = [...seen].filter(
    ([name, count]) => count > 1 && name !== 'checkmacvalue',
  );
  if (repeated.length > 0) {
    notes.push(
      'names given more than once (ignoring case), all hashed in the order given: ' +
        repeated.map(([name]) => displayName(name)).join(', '),
    );
  }
  const encryptType = fields.find(([name]) => name === 'EncryptType')?.[1];
  if (encryptType === '1' && algorithm === 'md5') {
    notes.push('EncryptType=1 means SHA-256, but --md5 was given');
  } else if (encryptType === '0' && algorithm === 'sha256') {
    notes.push(
      'EncryptType=0 means MD5 (legacy AllPay V2); add --md5 to hash with MD5',
    );
  }
  return notes;
}
