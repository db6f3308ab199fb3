import { createHash } from 'node:crypto';
import {
  CHECK_MAC_VALUE_FIELD,
  canonicalMacString,
  checkMacValue,
  type CheckMacAlgorithm,
  type MacKeys,
} from './check-mac-value.js';
import type { GatewayField, GatewayFieldList } from './gateway-fields.js';
import { GATEWAY_PROFILES } from './gateway-profile.js';
import { algorithmLabel, displayName } from './mac-display.js';
import {
  ENCODING_FLAVOURS,
  keepOneOfEach,
  RISKY_CHARACTERS,
  VALUE_TRANSFORMS,
} from './mismatch-variants.js';

// Why a received CheckMacValue does not verify: framework-free, so an app's rejection handler can
// explain a mismatch in its own log as `twpay verify` does on the command line.

/**
 * How sure a cause is:
 * - `match`: a variant was recomputed and gives the received value, so this is what happened;
 * - `hint`: something seen in the body that often breaks the check, not proven here;
 * - `always`: the cause that can never be ruled out from the body alone.
 */
export type CauseKind = 'match' | 'hint' | 'always';

/**
 * One likely reason why a received CheckMacValue does not verify.
 *
 * @publicApi
 */
export interface LikelyCause {
  kind: CauseKind;
  text: string;
}

const DIGEST_LENGTH: Record<CheckMacAlgorithm, number> = {
  sha256: 64,
  md5: 32,
};

/**
 * Explains a CheckMacValue that does not verify, using the pitfalls of docs/gateway-protocol.md section 10.
 * Every "would match if" cause was recomputed here and gave the received value; nothing is claimed
 * from a guess. Causes come back most specific first: matches, then hints, then the wrong-keys cause,
 * which is always listed.
 *
 * @param fields every received field, the CheckMacValue field(s) included
 * @param algorithm the hash the caller expected
 * @publicApi
 */
export function diagnoseMismatch(
  fields: GatewayFieldList,
  keys: MacKeys,
  algorithm: CheckMacAlgorithm,
): LikelyCause[] {
  const matches: string[] = [];
  const hints: string[] = [];
  const received = fields
    .filter(([name]) => name === CHECK_MAC_VALUE_FIELD)
    .map(([, v]) => v);
  const signed = fields.filter(([name]) => name !== CHECK_MAC_VALUE_FIELD);
  const candidates = new Set(
    received.map((value) => value.trim().toUpperCase()),
  );
  const macOf = (list: GatewayFieldList, alg = algorithm, macKeys = keys) =>
    checkMacValue(list, macKeys, alg);
  const isReceived = (mac: string) => candidates.has(mac);
  const expected = macOf(signed);
  const other: CheckMacAlgorithm = algorithm === 'sha256' ? 'md5' : 'sha256';

  // The received value itself (pitfall 1: its length tells the hash).
  if (received.length === 0) {
    hints.push(
      'The body has no CheckMacValue field: it is not a signed gateway message, or the capture lost the field.',
    );
  } else if (received.length > 1) {
    hints.push(
      `The body has ${received.length} CheckMacValue fields; a gateway sends exactly one, so it is malformed.`,
    );
    const index = received.findIndex(
      (value) => value.trim().toUpperCase() === expected,
    );
    if (index >= 0)
      matches.push(
        `CheckMacValue number ${index + 1} of ${received.length} matches.`,
      );
  } else {
    const value = received[0];
    const trimmed = value.trim();
    if (value !== trimmed && trimmed.toUpperCase() === expected) {
      matches.push(
        'Would match if the CheckMacValue itself were trimmed: whitespace was added around it in transit or in the capture.',
      );
    }
    if (!/^[0-9A-Fa-f]+$/.test(trimmed)) {
      hints.push(
        `The received CheckMacValue is not hexadecimal (${trimmed.length} characters): it is not a CheckMacValue, or it was damaged on the way.`,
      );
    } else if (
      trimmed.length !== DIGEST_LENGTH[algorithm] &&
      trimmed.length !== DIGEST_LENGTH[other]
    ) {
      hints.push(
        `The received CheckMacValue has ${trimmed.length} hex characters; SHA-256 gives 64 and MD5 gives 32: it was truncated or padded.`,
      );
    }
  }

  // EncryptType mismatch (pitfall 1).
  if (isReceived(macOf(signed, other))) {
    matches.push(
      `The ${algorithmLabel(other)} digest matches: the sender signed with ${algorithmLabel(other)} but ` +
        `${algorithmLabel(algorithm)} was expected, an EncryptType mismatch (pitfall 1). ` +
        (other === 'md5'
          ? 'Pin SHA-256 (EncryptType=1) on both sides; only a legacy AllPay V2 order is verified with --md5.'
          : 'Drop --md5: V4/V5 orders and the query APIs are signed with SHA-256.'),
    );
  } else if (received.length === 1) {
    const length = received[0].trim().length;
    if (
      /^[0-9A-Fa-f]+$/.test(received[0].trim()) &&
      length === DIGEST_LENGTH[other]
    ) {
      hints.push(
        `The received CheckMacValue has ${length} hex characters, the length of ${algorithmLabel(other)} ` +
          `(${algorithmLabel(algorithm)} has ${DIGEST_LENGTH[algorithm]}): the sender probably uses ` +
          `${algorithmLabel(other)} (EncryptType mismatch, pitfall 1), yet the ${algorithmLabel(other)} ` +
          'digest does not match either, so the fields or the keys differ as well.',
      );
    }
  }

  // Posted value differs from the hashed value (pitfall 2).
  for (const transform of VALUE_TRANSFORMS) {
    const affected = signed.flatMap(([, value], index) =>
      transform.applies(value) ? [index] : [],
    );
    const withChanged = (indexes: readonly number[]) =>
      signed.map(([name, value], index): GatewayField =>
        indexes.includes(index)
          ? [name, transform.apply(value)]
          : [name, value],
      );
    const single = affected.find((index) =>
      isReceived(macOf(withChanged([index]))),
    );
    if (single !== undefined) {
      matches.push(
        `Would match if ${transform.one(displayName(signed[single][0]))}: ${transform.why}.`,
      );
    } else if (
      affected.length > 1 &&
      isReceived(macOf(withChanged(affected)))
    ) {
      const names = affected
        .map((index) => displayName(signed[index][0]))
        .join(', ');
      matches.push(
        `Would match if ${transform.all} (${names}): ${transform.why}.`,
      );
    }
  }

  // Empty fields left out of the MAC (pitfall 5).
  const empty = signed.filter(([, value]) => value === '');
  if (
    empty.length > 0 &&
    isReceived(macOf(signed.filter(([, value]) => value !== '')))
  ) {
    matches.push(
      `Would match if the empty fields (${empty.map(([n]) => displayName(n)).join(', ')}) were left out: ` +
        'the sender hashes only non-empty fields, but the gateways post and hash empty ones too ' +
        '(docs/gateway-protocol.md §2.1 step 1, pitfall 5).',
    );
  }

  // Repeated and bracketed names: what a record- or qs-based parser does to the field set.
  const counts = new Map<string, number>();
  for (const [name] of signed) counts.set(name, (counts.get(name) ?? 0) + 1);
  const repeated = [...counts]
    .filter(([, count]) => count > 1)
    .map(([name]) => name);
  if (repeated.length > 0) {
    hints.push(
      `The body repeats the names ${repeated.map(displayName).join(', ')}: a parser that builds a record ` +
        'keeps only one value per name, so the field set that was signed and the one that was verified can differ.',
    );
    for (const keep of ['first', 'last'] as const) {
      if (isReceived(macOf(keepOneOfEach(signed, keep)))) {
        matches.push(
          `Would match if only the ${keep} occurrence of each repeated name were hashed.`,
        );
      }
    }
  }
  const bracketed = signed
    .filter(([name]) => /\[.*\]/.test(name))
    .map(([name]) => name);
  if (bracketed.length > 0) {
    hints.push(
      `The body has bracketed names (${bracketed.map(displayName).join(', ')}): a qs ("extended") ` +
        "body parser such as Nest's @Body() nests them into objects, so a MAC recomputed from the parsed " +
        'body differs. Recompute over the raw body, as twpay does (docs/gateway-protocol.md §2.3, pitfall 5).',
    );
  }

  // Encoding flavours of other implementations (pitfall 3), recomputed over the real string.
  const canonical = canonicalMacString(signed, keys);
  const hashText = (text: string) =>
    createHash(algorithm).update(text, 'utf8').digest('hex').toUpperCase();
  // Two flavours that give the same string here cannot be told apart: only the first is claimed.
  const tried = new Set([canonical]);
  for (const flavour of ENCODING_FLAVOURS) {
    const variant = flavour.canonical(signed, keys, canonical);
    if (tried.has(variant)) continue;
    tried.add(variant);
    if (isReceived(hashText(variant))) matches.push(flavour.text);
  }

  // Characters that implementations treat differently (pitfalls 3 and 4).
  const risky = signed.flatMap(([name, value]) => {
    const found = RISKY_CHARACTERS.filter((risk) => risk.test(value)).map(
      (risk) => risk.label,
    );
    return found.length > 0
      ? [`${displayName(name)} (${found.join(', ')})`]
      : [];
  });
  if (risky.length > 0) {
    hints.push(
      `Values with characters that implementations treat differently (pitfalls 3 and 4): ${risky.join('; ')}. ` +
        'An encoder other than the .NET table of docs/gateway-protocol.md §2.1 hashes " \\ ~ \' < > CR LF differently; ' +
        'non-ASCII text is hashed as UTF-8 bytes, so a sender or capture in another charset differs; ' +
        'the ECPay Node SDK lower-cases cased non-ASCII letters before encoding. Keep free text ASCII-safe.',
    );
  }
  if (signed.some(([, value]) => value.includes('\uFFFD'))) {
    hints.push(
      'A value contains U+FFFD: bytes that were not UTF-8 were replaced while decoding. The body or ' +
        'the capture is not UTF-8 (pitfall 4: UTF-8 only).',
    );
  }

  // Keys of another environment (pitfall 17).
  const merchantId = signed.find(([name]) => name === 'MerchantID')?.[1];
  for (const profile of Object.values(GATEWAY_PROFILES)) {
    const stage = profile.stageTestMerchant;
    if (stage.hashKey === keys.hashKey && stage.hashIV === keys.hashIV)
      continue;
    const stageKeys = { hashKey: stage.hashKey, hashIV: stage.hashIV };
    const signedWith = (['sha256', 'md5'] as const).find((alg) =>
      isReceived(macOf(signed, alg, stageKeys)),
    );
    if (signedWith) {
      matches.push(
        `It verifies (${algorithmLabel(signedWith)}) with the public ${profile.displayName} stage test keys ` +
          `(merchant ${stage.merchantId}), not with the keys given: it was signed on stage, a wrong ` +
          'environment (pitfall 17).',
      );
    } else if (merchantId === stage.merchantId) {
      hints.push(
        `MerchantID ${merchantId} is the public ${profile.displayName} stage test merchant, but the keys ` +
          'given are not its stage keys (pitfall 17).',
      );
    }
  }

  return [
    ...matches.map((text) => ({ kind: 'match' as const, text })),
    ...hints.map((text) => ({ kind: 'hint' as const, text })),
    {
      kind: 'always',
      text:
        'Wrong HashKey/HashIV, or the keys of the other environment (stage vs production) or of another ' +
        "merchant; a PlatformID message is signed with the platform's keys (pitfalls 16 and 17).",
    },
  ];
}
