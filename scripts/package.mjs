// `npm run package`: builds nestjs-twpay (library, protocol, simulator, bin), packs it with
// `npm pack` into artifacts/, and prints the tarball's absolute path as its last line.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const packageDir = join(root, 'libs/payments');
const artifacts = join(root, 'artifacts');

execFileSync(process.execPath, [join(root, 'scripts/build-package.mjs')], {
  stdio: 'inherit',
});
// The package's documents are the repository's: copied in for the pack (git-ignored there).
for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md'])
  copyFileSync(join(root, file), join(packageDir, file));
mkdirSync(artifacts, { recursive: true });
const [packed] = JSON.parse(
  execFileSync(
    'npm',
    ['pack', '--json', '--pack-destination', artifacts, '--ignore-scripts'],
    { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  ),
);
console.log(`${packed.entryCount} files, ${packed.size} bytes packed`);
console.log(join(artifacts, packed.filename));
