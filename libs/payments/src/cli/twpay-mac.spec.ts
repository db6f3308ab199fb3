import fc from 'fast-check';
import { maskedCanonicalMacString } from '../protocol/check-mac-value.js';
import { encodeFormBody } from '../protocol/parse-form-body.js';
import type { CliIo } from './cli-command.js';
import { runCli } from './run-cli.js';
import { vectors } from '../../test/support/mac-vectors.js';

const KEY = 'pwFHCqoQZGmho4w6';
const IV = 'EkRm7iFT261dpevs';
const KEYS = ['--hash-key', KEY, '--hash-iv', IV];

async function twpay(argv: string[], io: Partial<CliIo> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, {
    stdout: (l) => stdout.push(l),
    stderr: (l) => stderr.push(l),
    env: {},
    ...io,
  });
  return { code, stdout, stderr, all: [...stdout, ...stderr].join('\n') };
}

/** Neither secret, in any case or encoded form, anywhere in the output. */
function expectNoSecrets(output: string, ...secrets: string[]) {
  for (const secret of secrets) {
    expect(output.toLowerCase()).not.toContain(secret.toLowerCase());
    expect(output.toLowerCase()).not.toContain(
      encodeURIComponent(secret).toLowerCase(),
    );
  }
}

describe('twpay mac', () => {
  it('prints the must-show CheckMacValue (vector V9) as its last line, and no secret', async () => {
    const r = await twpay([
      'mac',
      '--hash-key',
      'pwFHCqoQZGmho4w6',
      '--hash-iv',
      'EkRm7iFT261dpevs',
      'MerchantID=3002607',
      'MerchantTradeNo=SUBx2024x0001',
      'TimeStamp=1709258400',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.at(-1)).toBe(
      'CheckMacValue: 9EBABB8707D96F8A238D03A122BA02B834E653A802380270CF8A6AD77B8856C3',
    );
    expect(r.stdout).toContain(
      'hashkey%3d***%26merchantid%3d3002607%26merchanttradeno%3dsubx2024x0001%26timestamp%3d1709258400%26hashiv%3d***',
    );
    expect(r.stdout).toContain('Algorithm: SHA-256');
    expect(r.stderr).toEqual([]);
    expectNoSecrets(r.all, KEY, IV);
  });

  it.each(vectors.map((v) => [v.id, v] as const))(
    'reproduces vector %s from Name=Value arguments and from --body',
    async (_id, v) => {
      const keys = ['--hash-key', v.hashKey, '--hash-iv', v.hashIV];
      const md5 = v.algorithm === 'md5' ? ['--md5'] : [];
      const args = Object.entries(v.fields).map(
        ([n, value]) => `${n}=${value}`,
      );
      const fromArgs = await twpay(['mac', ...keys, ...md5, ...args]);
      expect(fromArgs.stdout.at(-1)).toBe(`CheckMacValue: ${v.checkMacValue}`);
      const fromBody = await twpay([
        'mac',
        ...keys,
        ...md5,
        '--body',
        encodeFormBody(v.fields),
      ]);
      expect(fromBody.stdout.at(-1)).toBe(`CheckMacValue: ${v.checkMacValue}`);
      expectNoSecrets(fromArgs.all + fromBody.all, v.hashKey, v.hashIV);
    },
  );

  it('--json prints exactly one JSON object with checkMacValue, canonical and algorithm', async () => {
    const r = await twpay([
      'mac',
      ...KEYS,
      '--json',
      'MerchantID=3002607',
      'TimeStamp=1709258400',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toHaveLength(1);
    const json = JSON.parse(r.stdout[0]) as Record<string, string>;
    expect(Object.keys(json).sort()).toEqual([
      'algorithm',
      'canonical',
      'checkMacValue',
    ]);
    expect(json.algorithm).toBe('sha256');
    expect(json.checkMacValue).toMatch(/^[0-9A-F]{64}$/);
    expect(json.canonical).toBe(
      maskedCanonicalMacString({
        MerchantID: '3002607',
        TimeStamp: '1709258400',
      }),
    );
    expectNoSecrets(r.all, KEY, IV);
  });

  it('--md5 gives vector V1-md5, also as JSON', async () => {
    const v = vectors.find((x) => x.id === 'V1-md5')!;
    const args = Object.entries(v.fields).map(([n, value]) => `${n}=${value}`);
    const r = await twpay(['mac', ...KEYS, '--md5', ...args]);
    expect(r.stdout.at(-1)).toBe(
      'CheckMacValue: 59D592BDBEEFEB697713106D818DD292',
    );
    expect(r.stdout).toContain('Algorithm: MD5');
    // V1 posts EncryptType=1, which means SHA-256: the tool says so, and still does what was asked.
    expect(r.stderr).toEqual([
      'twpay mac: note: EncryptType=1 means SHA-256, but --md5 was given',
    ]);
    const json = await twpay(['mac', ...KEYS, '--md5', '--json', ...args]);
    expect(JSON.parse(json.stdout[0])).toMatchObject({
      algorithm: 'md5',
      checkMacValue: '59D592BDBEEFEB697713106D818DD292',
    });
  });

  it('--body keeps a leading space (V11), empty values and "=" in values', async () => {
    const v11 = vectors.find((x) => x.id === 'V11')!;
    const r = await twpay([
      'mac',
      ...KEYS,
      '--body',
      encodeFormBody(v11.fields),
    ]);
    expect(r.stdout.at(-1)).toBe(`CheckMacValue: ${v11.checkMacValue}`);
    expect(r.stdout.join('\n')).toContain('returnurl%3d+https%3a%2f%2f5569');
    const odd = await twpay([
      'mac',
      ...KEYS,
      '--body',
      'StoreID=&ReturnURL=https%3A%2F%2Fx%2F%3Fa%3D1',
    ]);
    expect(odd.stdout).toContain(
      'hashkey%3d***%26returnurl%3dhttps%3a%2f%2fx%2f%3fa%3d1%26storeid%3d%26hashiv%3d***',
    );
  });

  it('adds Name=Value arguments after --body fields, and splits them at the first "="', async () => {
    const r = await twpay([
      'mac',
      ...KEYS,
      '--body',
      'MerchantID=3002607',
      'X=a=b',
      'StoreID=',
    ]);
    expect(r.stdout).toContain(
      'Hashed fields (3, sorted by name case-insensitively): MerchantID, StoreID, X',
    );
    expect(r.stdout.join('\n')).toContain('%26x%3da%3db%26');
  });

  it('ignores a CheckMacValue among the inputs, and says so on stderr', async () => {
    const base = await twpay([
      'mac',
      ...KEYS,
      'MerchantID=3002607',
      'TimeStamp=1709258400',
    ]);
    const withMac = await twpay([
      'mac',
      ...KEYS,
      'MerchantID=3002607',
      'CheckMacValue=ABCDEF',
      'TimeStamp=1709258400',
    ]);
    expect(withMac.code).toBe(0);
    expect(withMac.stdout).toEqual(base.stdout);
    expect(withMac.stderr).toEqual([
      'twpay mac: note: the CheckMacValue field among the inputs is ignored: it is never part of what is signed',
    ]);
    const body = await twpay([
      'mac',
      ...KEYS,
      '--body',
      'MerchantID=3002607&TimeStamp=1709258400&CheckMacValue=00',
    ]);
    expect(body.stdout).toEqual(base.stdout);
    expect(body.stderr).toHaveLength(1);
  });

  it('warns about malformed --body pairs by position, never echoing them, and still computes', async () => {
    const r = await twpay([
      'mac',
      ...KEYS,
      '--body',
      `MerchantID=3002607&${KEY}&=x&&T=50%zz`,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toEqual([
      'twpay mac: warning: body pair 2 has no "=": it is hashed as a field with an empty value',
      'twpay mac: warning: body pair 3 has an empty name: it is hashed as such',
      'twpay mac: warning: body pair 4 has a "%" not followed by two hex digits: it is kept as typed',
    ]);
    expect(r.stdout.at(-1)).toMatch(/^CheckMacValue: [0-9A-F]{64}$/);
    const clean = await twpay(['mac', ...KEYS, '--body', 'A=1&B=%41']);
    expect(clean.stderr).toEqual([]);
  });

  it('notes names given twice and a near-CheckMacValue that is hashed', async () => {
    const r = await twpay(['mac', ...KEYS, 'a=1', 'A=2', 'checkmacvalue=x']);
    expect(r.code).toBe(0);
    expect(r.stderr).toEqual([
      'twpay mac: note: checkmacvalue is not spelled CheckMacValue, so it IS hashed like any other field',
      'twpay mac: note: names given more than once (ignoring case), all hashed in the order given: a',
    ]);
  });

  it('reads the keys from TWPAY_HASH_KEY and TWPAY_HASH_IV, options first', async () => {
    const env = { TWPAY_HASH_KEY: KEY, TWPAY_HASH_IV: IV };
    const args = [
      'MerchantID=3002607',
      'MerchantTradeNo=SUBx2024x0001',
      'TimeStamp=1709258400',
    ];
    const r = await twpay(['mac', ...args], { env });
    expect(r.stdout.at(-1)).toBe(
      'CheckMacValue: 9EBABB8707D96F8A238D03A122BA02B834E653A802380270CF8A6AD77B8856C3',
    );
    expectNoSecrets(r.all, KEY, IV);
    const overridden = await twpay(
      ['mac', '--hash-key', 'other-key-000000', ...args],
      { env },
    );
    expect(overridden.stdout.at(-1)).not.toBe(r.stdout.at(-1));
  });

  describe('usage errors: exit 2, stderr only, naming the argument, never a secret', () => {
    it.each<[string, string[], string]>([
      [
        'a missing --hash-key',
        ['mac', '--hash-iv', IV, 'A=1'],
        'twpay mac: missing --hash-key (or set TWPAY_HASH_KEY)',
      ],
      [
        'a missing --hash-iv',
        ['mac', '--hash-key', KEY, 'A=1'],
        'twpay mac: missing --hash-iv (or set TWPAY_HASH_IV)',
      ],
      [
        'an empty --hash-key',
        ['mac', '--hash-key=', '--hash-iv', IV, 'A=1'],
        'twpay mac: --hash-key is empty',
      ],
      [
        'no fields',
        ['mac', ...KEYS],
        'twpay mac: no fields: give Name=Value arguments or --body <urlencoded>',
      ],
      [
        'a key given without its option',
        ['mac', '--hash-iv', IV, KEY, 'A=1'],
        'twpay mac: field argument 1 is not Name=Value: it has no "=" (not echoed, in case it is a secret)',
      ],
      [
        'a field with no name',
        ['mac', ...KEYS, 'A=1', '=x'],
        'twpay mac: field argument 2 has an empty name',
      ],
      [
        'a mistyped option',
        ['mac', `--hash-ky=${KEY}`, '--hash-iv', IV, 'A=1'],
        "twpay mac: unknown option '--hash-ky'",
      ],
      [
        'a value on a flag',
        ['mac', ...KEYS, '--md5=yes', 'A=1'],
        "twpay mac: option '--md5' takes no value",
      ],
      [
        '--body without its value',
        ['mac', ...KEYS, '--body'],
        "twpay mac: option '--body' needs a value",
      ],
    ])('%s', async (_why, argv, message) => {
      const r = await twpay(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toEqual([]);
      expect(r.stderr).toEqual([message, "Run 'twpay mac --help' for usage."]);
      expectNoSecrets(r.all, KEY, IV);
    });
  });

  it('never prints the keys, whatever the fields (property)', async () => {
    const secret = fc.string({
      unit: fc.constantFrom(
        ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
      ),
      minLength: 16,
      maxLength: 16,
    });
    const field = fc.tuple(
      fc
        .string({ unit: 'binary', minLength: 1, maxLength: 8 })
        .filter((n) => !n.includes('=')),
      fc.string({ unit: 'binary', maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(
        secret,
        secret,
        fc.array(field, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (key, iv, fields, json) => {
          const args = fields.map(([n, v]) => `${n}=${v}`);
          const r = await twpay([
            'mac',
            '--hash-key',
            key,
            '--hash-iv',
            iv,
            ...(json ? ['--json'] : []),
            ...args,
          ]);
          expect(r.code).toBe(0);
          expectNoSecrets(r.all, key, iv);
        },
      ),
      { numRuns: 300 },
    );
  });
});
