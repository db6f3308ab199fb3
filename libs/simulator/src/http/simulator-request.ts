import type { IncomingMessage } from 'node:http';
import { parseFormBody, type GatewayFieldList } from 'nestjs-twpay/protocol';

/** The request as Nest's Express adapter hands it over: `rawBody` with `rawBody: true`, `body` parsed. */
export type SimulatorRequest = IncomingMessage & {
  rawBody?: Buffer;
  body?: unknown;
  originalUrl?: string;
};

/**
 * The exact posted form fields. The CheckMacValue covers every field exactly as sent (docs/gateway-protocol.md
 * 2.3), so they are read from the raw bytes when the app was created with `rawBody: true`. Without
 * it, the parsed body is the fallback: flat string fields survive, but bracketed names (`a[b]`) do
 * not, so a MAC over such fields would not verify.
 */
export function readFormFields(req: SimulatorRequest): GatewayFieldList {
  if (Buffer.isBuffer(req.rawBody)) return parseFormBody(req.rawBody);
  if (req.body === null || typeof req.body !== 'object') return [];
  return Object.entries(req.body).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
}

/**
 * Where the simulator is mounted: the request path minus the route's own path, so links and form
 * actions stay right under a global prefix or inside a host app ('' at the root).
 */
export function mountRoot(req: SimulatorRequest, routePath: string): string {
  const path = (req.originalUrl ?? req.url ?? '')
    .split('?')[0]
    .replace(/\/+$/, '');
  return path.endsWith(routePath)
    ? path.slice(0, path.length - routePath.length)
    : '';
}
