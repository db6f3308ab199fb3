import type { RawBodyRequest } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * The bytes of a callback request as they arrived: at most the module's `maxCallbackBodyBytes` of
 * them are kept, and `length` says how many were sent, so a cut body is known to be cut.
 *
 * @internal
 */
export interface ReceivedBody {
  /** The bytes kept, exactly as received (the first `maxCallbackBodyBytes` of them). */
  bytes: Buffer;
  /** How many bytes the request carried; more than `bytes.length` when the body was cut. */
  length: number;
}

const receivedBodies = new WeakMap<Request, ReceivedBody>();

/** The body {@link readCallbackBody} read for this request, if it read one. @internal */
export function receivedBodyOf(request: Request): ReceivedBody | undefined {
  return receivedBodies.get(request);
}

/**
 * Middleware for the callback routes, run before the host's body parsers: reads the whole body
 * itself, whatever its content type, charset, encoding or size, keeping the first `maxBytes` bytes
 * and counting the rest. Why: every request that reaches a callback route is recorded in the inbox
 * and answered `0|<reason>`; a body parser that refuses a body (413, 415, 400) would answer before
 * the route could record it. Once it has read the body, no parser reads it again.
 *
 * @internal
 */
export function readCallbackBody(maxBytes: number) {
  return (
    request: RawBodyRequest<Request>,
    _response: Response,
    next: NextFunction,
  ): void => {
    if (receivedBodies.has(request) || request.readableEnded) {
      next();
      return;
    }
    const chunks: Buffer[] = [];
    let kept = 0;
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      const room = maxBytes - kept;
      if (room <= 0) return;
      const part = chunk.subarray(0, room);
      chunks.push(part);
      kept += part.length;
    });
    request.once('end', () => {
      const bytes = Buffer.concat(chunks);
      receivedBodies.set(request, { bytes, length });
      request.rawBody = bytes;
      // express's body parsers skip a request whose body was read to the end (on-finished).
      request.body = {};
      next();
    });
    request.once('error', (error) => next(error));
  };
}
