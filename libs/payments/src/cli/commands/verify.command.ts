import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  CHECK_MAC_VALUE_FIELD,
  checkMacValue,
  maskedCanonicalMacString,
  sortFieldsForMac,
  verifyCheckMacValue,
  type CheckMacAlgorithm,
} from '../../protocol/check-mac-value.js';
import { algorithmLabel, displayName } from '../../protocol/mac-display.js';
import { parseFormBody } from '../../protocol/parse-form-body.js';
import {
  MAC_KEY_HELP,
  MAC_KEY_OPTIONS,
  displayValue,
  parseOrUsageError,
  resolveMacKeys,
} from '../cli-arguments.js';
import {
  CliUsageError,
  EXIT_CODE,
  type CliCommand,
  type CliContext,
} from '../cli-command.js';
import {
  diagnoseMismatch,
  type CauseKind,
} from '../../protocol/diagnose-mismatch.js';

const OPTIONS = {
  ...MAC_KEY_OPTIONS,
  body: { type: 'string' },
  file: { type: 'string' },
} as const;

const CAUSE_LABEL: Record<CauseKind, string> = {
  match: '[recomputed: matches]',
  hint: '[seen in the body]',
  always: '[always check]',
};

/**
 * `twpay verify`: checks the CheckMacValue of a captured notification body by recomputing it over
 * every received field, and when it does not verify, lists the likely causes of docs/gateway-protocol.md
 * section 10. Exit code 0 when valid, 1 when invalid, 2 for a usage error.
 *
 * @publicApi
 */
export const verifyCommand: CliCommand = {
  name: 'verify',
  summary:
    'Verify the CheckMacValue of a captured notification body, and explain a mismatch',
  help: [
    'Usage: twpay verify [options] (--body <urlencoded> | --file <path> | -)',
    '',
    'Recomputes the CheckMacValue over every received field except CheckMacValue, empty ones',
    'included, and compares it with the received one. Prints the fields, the hashed field set,',
    'the canonical string (HashKey and HashIV masked as ***), the received and expected values,',
    'and VALID or INVALID. When invalid, lists the likely causes: those marked',
    '"recomputed: matches" were recomputed and give the received value.',
    '',
    'Input (exactly one):',
    '  --body <urlencoded>  the raw body, quoted for the shell',
    '  --file <path>        a file holding the raw body ("-" reads standard input)',
    '  -                    read the raw body from standard input',
    'A trailing line break and a UTF-8 byte order mark are removed from file and stdin input.',
    '',
    'Options:',
    ...MAC_KEY_HELP,
    '  -h, --help           show this help',
    '',
    'Exit status: 0 VALID, 1 INVALID, 2 usage error.',
    '',
    'Example:',
    '  TWPAY_HASH_KEY=... TWPAY_HASH_IV=... twpay verify --file captured-period-notify.txt',
  ],
  run: runVerify,
};

async function runVerify(
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
  const stray = positionals.findIndex((arg) => arg !== '-');
  if (stray >= 0) {
    throw new CliUsageError(
      `unexpected argument ${stray + 1} (not echoed); give the body with --body, --file or -`,
    );
  }
  const sources = [
    values.body !== undefined,
    values.file !== undefined,
    ...positionals.map(() => true),
  ];
  const sourceCount = sources.filter(Boolean).length;
  if (sourceCount === 0)
    throw new CliUsageError(
      'no body: give --body <urlencoded>, --file <path> or -',
    );
  if (sourceCount > 1)
    throw new CliUsageError('give only one of --body, --file and -');
  const keys = resolveMacKeys(values, context.env);
  const algorithm: CheckMacAlgorithm = values.md5 ? 'md5' : 'sha256';

  const raw = await readBody(values.body, values.file, context);
  const fields = parseFormBody(raw);
  if (fields.length === 0) throw new CliUsageError('the body is empty');

  const signed = sortFieldsForMac(
    fields.filter(([name]) => name !== CHECK_MAC_VALUE_FIELD),
  );
  const received = fields
    .filter(([name]) => name === CHECK_MAC_VALUE_FIELD)
    .map(([, v]) => v);
  const expected = checkMacValue(fields, keys, algorithm);
  const result = verifyCheckMacValue(fields, keys, [algorithm]);

  const out = (line: string) => context.stdout(line);
  out(`Received fields (${fields.length}, in the order received):`);
  for (const [name, value] of fields) {
    out(
      name === CHECK_MAC_VALUE_FIELD
        ? `  ${name}  (the signature; shown below)`
        : `  ${displayName(name)} = ${displayValue(value)}`,
    );
  }
  out(
    `Hashed field set (${signed.length} fields, sorted by name case-insensitively, ` +
      `${CHECK_MAC_VALUE_FIELD} excluded):`,
  );
  out(`  ${signed.map(([name]) => displayName(name)).join(', ') || '(none)'}`);
  out(`Algorithm: ${algorithmLabel(algorithm)}`);
  out('Canonical string (HashKey and HashIV masked as ***):');
  out(`  ${maskedCanonicalMacString(fields)}`);
  out(
    `Received CheckMacValue: ${received.length === 0 ? '(none)' : received.map(displayReceived).join(' and ')}`,
  );
  out(`Expected CheckMacValue: ${expected}`);

  if (result.valid) {
    out('VALID');
    return EXIT_CODE.OK;
  }
  out(`INVALID: ${INVALID_REASON[result.reason]}`);
  out('Likely causes (most specific first):');
  for (const cause of diagnoseMismatch(fields, keys, algorithm)) {
    out(`  - ${CAUSE_LABEL[cause.kind]} ${cause.text}`);
  }
  return EXIT_CODE.INVALID;
}

const INVALID_REASON = {
  missing: 'the body has no CheckMacValue (or an empty one)',
  malformed:
    'the received CheckMacValue is malformed (not hexadecimal, or sent more than once)',
  mismatch: 'the received CheckMacValue differs from the expected one',
} as const;

/** A received signature as printed: bare when it is plain hex, quoted otherwise. */
function displayReceived(value: string): string {
  return /^[0-9A-Fa-f]+$/.test(value) ? value : displayValue(value);
}

async function readBody(
  body: string | undefined,
  file: string | undefined,
  context: CliContext,
): Promise<string> {
  if (body !== undefined) return body;
  let raw: string;
  if (file !== undefined && file !== '-') {
    try {
      raw = (await readFile(file)).toString('utf8');
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable';
      throw new CliUsageError(
        `--file: cannot read ${JSON.stringify(file)} (${code})`,
      );
    }
  } else {
    const input = await context.readStdin();
    raw = typeof input === 'string' ? input : input.toString('utf8');
  }
  // A form body never carries a raw line break or a BOM; editors and `echo` add them.
  let cleaned = raw;
  if (cleaned.startsWith('\uFEFF')) {
    cleaned = cleaned.slice(1);
    context.stderr(
      `twpay ${context.commandName}: note: removed a UTF-8 byte order mark from the input`,
    );
  }
  const trimmedEnd = cleaned.replace(/[\r\n]+$/, '');
  if (trimmedEnd !== cleaned) {
    context.stderr(
      `twpay ${context.commandName}: note: removed the trailing line break from the input`,
    );
  }
  return trimmedEnd;
}
