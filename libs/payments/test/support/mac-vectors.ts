import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckMacAlgorithm } from '../../src/protocol/check-mac-value.js';

/** One CheckMacValue test vector of `test/fixtures/vectors.json`: published or captured fields and their value. */
export interface MacVector {
  id: string;
  algorithm: CheckMacAlgorithm;
  hashKey: string;
  hashIV: string;
  fields: Record<string, string>;
  checkMacValue: string;
}

/** Every vector, in the file's order. */
export const vectors: readonly MacVector[] = (
  JSON.parse(
    readFileSync(
      join(import.meta.dirname, '..', 'fixtures', 'vectors.json'),
      'utf8',
    ),
  ) as { vectors: MacVector[] }
).vectors;

/** The vector with this id. */
export function vector(id: string): MacVector {
  const found = vectors.find((v) => v.id === id);
  if (!found) throw new Error(`no vector ${id} in vectors.json`);
  return found;
}
