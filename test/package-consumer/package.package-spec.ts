import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The package as a user gets it: `npm run package`, then a separate ESM Nest app (from ./template)
// installs the tarball and the peer dependencies, type-checks against its declarations with
// skipLibCheck off, boots, and runs the installed `twpay`. Nothing here resolves to the sources.
const ROOT = join(import.meta.dirname, '../..');
const KEY = 'pwFHCqoQZGmho4w6';
const IV = 'EkRm7iFT261dpevs';
const MINUTES = 60_000;

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('the packed nestjs-twpay, installed into a fresh Nest app', () => {
  let tarball: string;
  let files: string[];
  let app: string;

  beforeAll(() => {
    tarball = run('npm', ['run', '--silent', 'package'], ROOT)
      .trim()
      .split('\n')
      .at(-1)!;
    files = run('tar', ['-tzf', tarball], ROOT)
      .trim()
      .split('\n')
      .map((entry) => entry.replace(/^package\//, ''));

    app = mkdtempSync(join(tmpdir(), 'twpay-consumer-'));
    cpSync(join(import.meta.dirname, 'template'), app, { recursive: true });
    const manifest = readFileSync(join(app, 'package.json'), 'utf8')
      .replace('PACKAGE_TARBALL', tarball)
      // The native SQLite driver is linked from the repository's install rather than compiled
      // again (minutes of node-gyp on a busy machine); everything else comes from the registry.
      .replace(
        /"better-sqlite3": "[^"]+"/,
        `"better-sqlite3": "file:${join(ROOT, 'node_modules/better-sqlite3')}"`,
      );
    writeFileSync(join(app, 'package.json'), manifest);
    run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
      ],
      app,
    );
  }, 10 * MINUTES);

  afterAll(() => {
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it('packs every exports target and the bin, with README, LICENSE and CHANGELOG', () => {
    const manifest = JSON.parse(
      readFileSync(join(ROOT, 'libs/payments/package.json'), 'utf8'),
    ) as {
      exports: Record<string, string | Record<string, string>>;
      bin: Record<string, string>;
    };
    const targets = [
      ...Object.values(manifest.exports).flatMap((target) =>
        typeof target === 'string' ? [target] : Object.values(target),
      ),
      ...Object.values(manifest.bin),
    ].map((target) => target.replace(/^\.\//, ''));
    expect(targets).toEqual(
      expect.arrayContaining([
        'dist/index.js',
        'dist/protocol/index.js',
        'dist/simulator/index.js',
        'dist/bin/twpay.js',
      ]),
    );
    expect(targets.filter((target) => !files.includes(target))).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining(['README.md', 'LICENSE', 'CHANGELOG.md']),
    );
  });

  it('packs no spec, test, fixture or TypeScript source', () => {
    const unwanted = files.filter(
      (file) =>
        /\.(spec|e2e-spec)\.|(^|\/)(test|fixtures)\//.test(file) ||
        (file.endsWith('.ts') && !file.endsWith('.d.ts')),
    );
    expect(unwanted).toEqual([]);
    expect(files.some((file) => file.endsWith('.js.map'))).toBe(true);
  });

  it(
    'type-checks the app against the installed declarations, skipLibCheck off',
    () => {
      expect(() =>
        run(process.execPath, ['node_modules/typescript/bin/tsc'], app),
      ).not.toThrow();
    },
    5 * MINUTES,
  );

  it(
    'boots on SQLite with the shipped migrations, rebuilds the checkout form through nestjs-twpay/protocol, answers 1|OK to a signed first authorization, and runs the packaged simulator',
    () => {
      const out = run(process.execPath, ['dist/smoke.js'], app);
      expect(out.trim().split('\n')).toEqual([
        'ok: a pending subscription',
        'ok: a signed form',
        'ok: nestjs-twpay/protocol rebuilds the signed form',
        'ok: the signed first authorization answered 1|OK',
        'ok: the subscription is active',
        'ok: the inbox is healthy',
        'ok: the packaged simulator serves its dashboard',
      ]);
    },
    2 * MINUTES,
  );

  it('installs a twpay bin whose mac prints the V9 value and never the key or IV', () => {
    const twpay = join(app, 'node_modules/.bin/twpay');
    const out = run(
      twpay,
      [
        'mac',
        '--hash-key',
        KEY,
        '--hash-iv',
        IV,
        'MerchantID=3002607',
        'MerchantTradeNo=SUBx2024x0001',
        'TimeStamp=1709258400',
      ],
      app,
    );
    expect(out.trim().split('\n').at(-1)).toBe(
      'CheckMacValue: 9EBABB8707D96F8A238D03A122BA02B834E653A802380270CF8A6AD77B8856C3',
    );
    expect(out.toLowerCase()).not.toContain(KEY.toLowerCase());
    expect(out.toLowerCase()).not.toContain(IV.toLowerCase());
    const { version } = JSON.parse(
      readFileSync(join(ROOT, 'libs/payments/package.json'), 'utf8'),
    ) as { version: string };
    expect(run(twpay, ['--version'], app).trim()).toBe(`twpay ${version}`);
  });
});
