import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

// nestjs/config's package-manifest test: every package the library imports must be declared in its
// publishable manifest, or a user's install breaks at run time.
const LIB_ROOT = join(import.meta.dirname, '..');
const SOURCES = [join(LIB_ROOT, 'src'), join(LIB_ROOT, '../simulator/src')];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

describe('libs/payments/package.json', () => {
  const manifest = JSON.parse(
    readFileSync(join(LIB_ROOT, 'package.json'), 'utf8'),
  ) as {
    name: string;
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    exports: Record<string, unknown>;
    bin: Record<string, string>;
  };
  const declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);

  it('declares every package the library imports', () => {
    const imported = new Set<string>();
    for (const file of SOURCES.flatMap(sourceFiles)) {
      const text = readFileSync(file, 'utf8');
      // Type-only imports vanish at run time, so they need no declaration.
      const runtimeImports =
        /^\s*(?:import|export)\s+(type\s+)?(?:[^'"`;]*?\sfrom\s*)?'([^'.][^']*)'/gm;
      for (const [, typeOnly, specifier] of text.matchAll(runtimeImports)) {
        if (typeOnly) continue;
        if (specifier.startsWith('node:') || builtinModules.includes(specifier))
          continue;
        imported.add(packageName(specifier));
      }
    }
    // The simulator and the bin import the library by its own name: a package self-reference.
    const missing = [...imported].filter(
      (name) => name !== manifest.name && !declared.has(name),
    );
    expect(missing).toEqual([]);
    expect(imported.size).toBeGreaterThan(3);
  });

  it('is the publishable nestjs-twpay package with three entry points and the twpay bin', () => {
    expect(manifest.name).toBe('nestjs-twpay');
    expect(Object.keys(manifest.exports)).toEqual([
      '.',
      './protocol',
      './simulator',
      './package.json',
    ]);
    expect(manifest.bin).toEqual({ twpay: './dist/bin/twpay.js' });
  });

  // What each built file is compiled from (scripts/build-package.mjs): a target whose source is
  // missing would be absent from the tarball. `npm run test:package` checks the packed file list.
  it.each([
    ['.', 'src/index.ts'],
    ['./protocol', 'src/protocol/index.ts'],
    ['./simulator', '../simulator/src/index.ts'],
  ])('compiles the %s entry point from %s', (entry, source) => {
    const target = manifest.exports[entry] as Record<string, string>;
    const built = source
      .replace(/^\.\.\/simulator\/src\//, 'dist/simulator/')
      .replace(/^src\//, 'dist/');
    expect(target).toEqual({
      types: `./${built.replace(/\.ts$/, '.d.ts')}`,
      default: `./${built.replace(/\.ts$/, '.js')}`,
    });
    expect(statSync(join(LIB_ROOT, source)).isFile()).toBe(true);
  });

  it('builds the bin from the CLI composition root', () => {
    expect(statSync(join(LIB_ROOT, 'src/bin/twpay.ts')).isFile()).toBe(true);
    expect(readFileSync(join(LIB_ROOT, 'src/bin/twpay.ts'), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    );
  });
});
