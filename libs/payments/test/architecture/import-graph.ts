import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One import statement: which file imports what, as written and, when relative, as a file. */
export interface ImportEdge {
  /** The importing file, relative to the source root, e.g. `bnpl/bnpl-payment.service.ts`. */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** For a relative import: the imported file relative to the source root (`..` when outside). */
  to?: string;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(path)
      ? [path]
      : [];
  });
}

/** Every import of every non-test `.ts` file under `root`, type-only imports included. */
export function readImportGraph(root: string): ImportEdge[] {
  return sourceFiles(root).flatMap((file) => {
    const from = relative(root, file);
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(IMPORT)].map((match): ImportEdge => {
      const specifier = match[1] ?? match[2];
      if (!specifier.startsWith('.')) return { from, specifier };
      const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      return { from, specifier, to: relative(root, target) };
    });
  });
}
