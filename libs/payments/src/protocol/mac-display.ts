import type { CheckMacAlgorithm } from './check-mac-value.js';

/**
 * `SHA-256` or `MD5`, as people write them.
 *
 * @publicApi
 */
export function algorithmLabel(algorithm: CheckMacAlgorithm): string {
  return algorithm === 'sha256' ? 'SHA-256' : 'MD5';
}

/**
 * A field name as printed: bare when it is plain, JSON-quoted when it has anything odd in it.
 *
 * @publicApi
 */
export function displayName(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : JSON.stringify(name);
}
