import type { ImportEdge } from './import-graph.js';

/**
 * The layers of `libs/payments/src`, bottom first: a file may import from its own layer group or from
 * a lower rank, never from a higher rank nor from another group of the same rank (features do not
 * import each other). Root files are classified one by one.
 */
export const LAYERS: Readonly<Record<string, number>> = {
  protocol: 0,
  errors: 0,
  interfaces: 1,
  validation: 1,
  domain: 2,
  events: 4,
  'gateway-messages': 3,
  migrations: 3,
  persistence: 3,
  support: 3,
  checkout: 4,
  'gateway-client': 4,
  subscriptions: 5,
  bnpl: 5,
  notifications: 6,
  reconciliation: 6,
  health: 7,
  module: 8,
  cli: 8,
  bin: 9,
};

/** Files at the root of `src`: the module's assembly, or support every layer above domain may use. */
const ROOT_FILES: Readonly<Record<string, string>> = {
  'payments.constants.ts': 'support',
  'resolve-payments-options.ts': 'support',
  'payments-routes.ts': 'support',
  'database-errors.ts': 'support',
  'database-url.ts': 'support',
  'payments-options-view.ts': 'support',
  'recurring-pass.ts': 'support',
  'payments.module.ts': 'module',
  'payments.module-definition.ts': 'module',
  'payments.decorators.ts': 'module',
  'entities.ts': 'module',
  'index.ts': 'module',
};

/** Layers that must stay framework-free: what apps and the CLI use without Nest or a database. */
export const FRAMEWORK_FREE = new Set([
  'protocol',
  'gateway-messages',
  'validation',
  'domain',
]);

const FRAMEWORK = /^(@nestjs\/|typeorm$|typeorm\/)/;

/** Layers that must not need the DTO machinery either: `nestjs-twpay/protocol` runs without it. */
const VALIDATOR_FREE = new Set(['protocol']);

const VALIDATOR = /^(class-validator|class-transformer|reflect-metadata)$/;

/** The layer group of a file relative to the source root, or `undefined` when unclassified. */
export function layerOf(file: string): string | undefined {
  const [top, ...rest] = file.split('/');
  if (rest.length === 0) return ROOT_FILES[top];
  return top in LAYERS ? top : undefined;
}

/** Every import that breaks the layer rule, in words. */
export function layerViolations(edges: readonly ImportEdge[]): string[] {
  const problems: string[] = [];
  for (const edge of edges) {
    const from = layerOf(edge.from);
    if (from === undefined) {
      problems.push(`${edge.from}: not in any layer; classify it in LAYERS`);
      continue;
    }
    if (edge.to === undefined) {
      if (FRAMEWORK_FREE.has(from) && FRAMEWORK.test(edge.specifier)) {
        problems.push(
          `${edge.from} imports ${edge.specifier}, but ${from}/ must not depend on Nest or TypeORM`,
        );
      }
      if (VALIDATOR_FREE.has(from) && VALIDATOR.test(edge.specifier)) {
        problems.push(
          `${edge.from} imports ${edge.specifier}, but ${from}/ must not depend on class-validator`,
        );
      }
      continue;
    }
    if (edge.to.startsWith('..')) continue; // outside the library's source (the simulator)
    const to = layerOf(edge.to);
    if (to === undefined || to === from) continue;
    if (LAYERS[to] >= LAYERS[from]) {
      problems.push(
        `${edge.from} (${from}, rank ${LAYERS[from]}) imports ${edge.to} (${to}, rank ${LAYERS[to]}): an arrow up or across`,
      );
    }
  }
  return problems;
}

/**
 * Import cycles between files, each as the list of files around it; type-only imports count, as they
 * do for a reader. `allowed` lists cycles (as sorted file pairs) that are accepted.
 */
export function importCycles(
  edges: readonly ImportEdge[],
  allowed: readonly (readonly [string, string])[] = [],
): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (to === undefined || to.startsWith('..')) continue;
    if (!next.has(from)) next.set(from, new Set());
    next.get(from)!.add(to);
  }
  const isAllowed = (cycle: string[]) =>
    cycle.length === 2 &&
    allowed.some(
      ([a, b]) =>
        (cycle[0] === a && cycle[1] === b) ||
        (cycle[0] === b && cycle[1] === a),
    );
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const walk = (node: string, path: string[]) => {
    const at = path.indexOf(node);
    if (at >= 0) {
      const cycle = path.slice(at);
      const key = [...cycle].sort().join(' ');
      if (!seen.has(key) && !isAllowed(cycle)) cycles.push(cycle);
      seen.add(key);
      return;
    }
    if (path.length > 40) return;
    for (const target of next.get(node) ?? []) walk(target, [...path, node]);
  };
  for (const node of next.keys()) walk(node, []);
  return cycles;
}
