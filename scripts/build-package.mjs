// Builds the nestjs-twpay package into libs/payments/dist, in the layout its manifest declares:
// dist/index.js (the Nest module), dist/protocol/index.js, dist/simulator/index.js and the
// dist/bin/twpay.js bin. Three compilations, because the simulator depends on the library and the
// bin (the CLI's composition root) on both: each one compiles against the declarations of the
// previous one, so no output climbs out of the package folder and every cross-package import keeps
// its package name, which resolves by package self-reference once installed. The bin is compiled
// apart (its program re-reads the CLI sources, whose output already sits in dist) and only its own
// files are copied in, at the same depth so its source map stays right.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'libs/payments/dist');
const binBuild = join(root, 'libs/payments/.bin-build');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

rmSync(dist, { recursive: true, force: true });
rmSync(binBuild, { recursive: true, force: true });
for (const config of [
  'tsconfig.lib.json',
  'tsconfig.simulator.json',
  'tsconfig.bin.json',
]) {
  execFileSync(process.execPath, [tsc, '-p', config], {
    cwd: root,
    stdio: 'inherit',
  });
}
cpSync(join(binBuild, 'bin'), join(dist, 'bin'), { recursive: true });
rmSync(binBuild, { recursive: true, force: true });
chmodSync(join(dist, 'bin/twpay.js'), 0o755);
