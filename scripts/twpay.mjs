// `npm run --silent twpay -- <command>` from the repository: runs the built bin, and builds the
// package first only when the build is missing or older than a source it comes from.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'libs/payments/dist/bin/twpay.js');
const inputs = [
  'libs/payments/src',
  'libs/simulator/src',
  'libs/payments/package.json',
  'tsconfig.json',
  'tsconfig.lib.json',
  'tsconfig.simulator.json',
  'tsconfig.bin.json',
].map((path) => join(root, path));

function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path).map((name) => newestChange(join(path, name))),
  );
}

function builtAt() {
  try {
    return statSync(bin).mtimeMs;
  } catch {
    return -Infinity;
  }
}

if (builtAt() < Math.max(...inputs.map(newestChange))) {
  process.stderr.write('twpay: building the package (sources changed)...\n');
  execFileSync(process.execPath, [join(root, 'scripts/build-package.mjs')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
await import(bin);
