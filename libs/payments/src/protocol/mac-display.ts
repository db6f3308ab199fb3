import type { CheckMacAlgorithm } from './check-mac-value.js';

// How the diagnosis and the CLI name an algorithm and a field in their messages.

/** `SHA-256` or `MD5`, as people write them. */
export function algorithmLabel(algorithm: CheckMacAlgorithm): string {
  return algorithm === 'sha256' ? 'SHA-256' : 'MD5';
}

/** A field name as printed: bare when it is plain, JSON-quoted when it has anything odd in it. */
export function displayName(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : JSON.stringify(name);
}
