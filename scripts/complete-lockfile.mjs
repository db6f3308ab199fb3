#!/usr/bin/env node
// The npm registry this project installs from serves only the linux-x64-gnu builds of oxlint's and
// unrs-resolver's native bindings. `npm install` then leaves the other platforms' optional packages
// out of package-lock.json, and `npm ci` refuses the lock as "not in sync". This adds an entry for
// each missing optional platform package, with the os/cpu/libc it is for, so `npm ci` skips it on
// every other platform without fetching it. Run after any `npm install` that rewrites the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openharmony', 'win32'];
const CPU = [
  ['arm64', 'arm64'],
  ['arm-', 'arm'],
  ['x64', 'x64'],
  ['ia32', 'ia32'],
  ['ppc64', 'ppc64'],
  ['riscv64', 'riscv64'],
  ['s390x', 's390x'],
  ['loong64', 'loong64'],
];

function platformOf(name) {
  const os = OS.find((o) => name.includes(`-${o}-`));
  const cpu = CPU.find(([marker]) => name.includes(marker))?.[1];
  if (!os || !cpu) return undefined;
  const libc =
    os === 'linux' ? (name.includes('musl') ? ['musl'] : ['glibc']) : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

let added = 0;
for (const [where, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(
    meta.optionalDependencies ?? {},
  )) {
    const nested = where
      ? `${where}/node_modules/${name}`
      : `node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (packages[nested] || packages[top]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    packages[top] = { version, ...platform, optional: true };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  ),
);
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} optional platform entries`);
