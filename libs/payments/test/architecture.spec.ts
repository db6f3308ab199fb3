import { join } from 'node:path';
import { readImportGraph } from './architecture/import-graph.js';
import { importCycles, layerViolations } from './architecture/layer-rules.js';

// The layer rule of libs/payments, written down so it stays true: the vocabulary at the bottom, the
// features above the shared checkout core, the notification routes on top; nothing imports upward,
// and protocol/ and the notification field reader never load Nest or TypeORM (protocol/ not even
// class-validator).

const SOURCE_ROOT = join(import.meta.dirname, '../src');
const ENTITY_PAIR = [
  'subscriptions/entities/payment-subscription.entity.ts',
  'subscriptions/entities/period-authorization.entity.ts',
] as const;

describe('libs/payments architecture', () => {
  const edges = readImportGraph(SOURCE_ROOT);

  it('reads the import graph', () => {
    expect(edges.length).toBeGreaterThan(200);
  });

  it('has no import from a lower layer to a higher one, no Nest or TypeORM in the framework-free layers, no class-validator in protocol/', () => {
    expect(layerViolations(edges)).toEqual([]);
  });

  it('has no import cycle but the TypeORM bidirectional entity pair', () => {
    expect(importCycles(edges, [ENTITY_PAIR])).toEqual([]);
  });

  describe('the rule itself', () => {
    it('flags an upward import', () => {
      expect(
        layerViolations([
          {
            from: 'events/payments-events.ts',
            specifier: '../bnpl/bnpl-status.js',
            to: 'bnpl/bnpl-status.ts',
          },
        ]),
      ).toHaveLength(1);
    });

    it('flags an import across two features of one rank', () => {
      expect(
        layerViolations([
          {
            from: 'bnpl/a.ts',
            specifier: '../subscriptions/b.js',
            to: 'subscriptions/b.ts',
          },
        ]),
      ).toHaveLength(1);
    });

    it('flags Nest and TypeORM in protocol/ and the field reader', () => {
      expect(
        layerViolations([
          { from: 'protocol/x.ts', specifier: '@nestjs/common' },
          { from: 'gateway-messages/y.ts', specifier: 'typeorm' },
          { from: 'notifications/z.ts', specifier: '@nestjs/common' },
        ]),
      ).toHaveLength(2);
    });

    it('flags class-validator in protocol/ only', () => {
      expect(
        layerViolations([
          { from: 'protocol/x.ts', specifier: 'class-validator' },
          { from: 'protocol/y.ts', specifier: 'reflect-metadata' },
          { from: 'gateway-messages/z.ts', specifier: 'class-validator' },
        ]),
      ).toHaveLength(2);
    });

    it('flags a file in no layer', () => {
      expect(
        layerViolations([{ from: 'misc/x.ts', specifier: 'node:fs' }]),
      ).toHaveLength(1);
    });

    it('finds a cycle and lets the allowed pair through', () => {
      const a = { from: 'a.ts', specifier: './b.js', to: 'b.ts' };
      const b = { from: 'b.ts', specifier: './a.js', to: 'a.ts' };
      expect(importCycles([a, b])).toEqual([['a.ts', 'b.ts']]);
      expect(importCycles([a, b], [['b.ts', 'a.ts']])).toEqual([]);
    });
  });
});
