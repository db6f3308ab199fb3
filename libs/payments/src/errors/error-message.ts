/**
 * The message of anything thrown, for a log line or an inbox row: an `Error`'s message, or the thrown
 * value as text. The one way the module reads an error it did not create.
 *
 * @internal
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
