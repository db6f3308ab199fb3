import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkMacValue, verifyCheckMacValue, type CheckMacAlgorithm } from './check-mac-value.js';

interface Vector {
  id: string;
  algorithm: CheckMacAlgorithm;
  hashKey: string;
  hashIV: string;
  fields: Record<string, string>;
  checkMacValue: string;
}

const { vectors } = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../test/fixtures/vectors.json'), 'utf8'),
) as { vectors: Vector[] };

describe('checkMacValue: published vectors', () => {
  it('has all 16 vectors', () => expect(vectors).toHaveLength(16));

  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const keys = { hashKey: v.hashKey, hashIV: v.hashIV };
    expect(checkMacValue(v.fields, keys, v.algorithm)).toBe(v.checkMacValue);
    const received = { ...v.fields, CheckMacValue: v.checkMacValue.toLowerCase() };
    expect(verifyCheckMacValue(received, keys, [v.algorithm])).toEqual({
      valid: true,
      algorithm: v.algorithm,
    });
  });
});
