import type { RawBodyRequest } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** How many bytes of a body no parser read are kept: far above any gateway notification. */
export const UNPARSED_BODY_MAX_BYTES = 1024 * 1024;

/**
 * Middleware for the callback routes: keeps the exact bytes of a body that no body parser read
 * (`rawBody: true` covers form and JSON bodies only), such as `text/plain`, `multipart/form-data`, or
 * a body with an empty or missing content type, up to {@link UNPARSED_BODY_MAX_BYTES}. Why: every
 * request that reaches a callback route is recorded in the inbox, including the ones that will be
 * refused for their content type.
 *
 * @internal
 */
export function readUnparsedBody(
  request: RawBodyRequest<Request>,
  _response: Response,
  next: NextFunction,
): void {
  const parsed = (request as { _body?: boolean })._body === true;
  if (Buffer.isBuffer(request.rawBody) || parsed || request.readableEnded) {
    next();
    return;
  }
  const chunks: Buffer[] = [];
  let kept = 0;
  request.on('data', (chunk: Buffer) => {
    const room = UNPARSED_BODY_MAX_BYTES - kept;
    if (room <= 0) return;
    const part = chunk.subarray(0, room);
    chunks.push(part);
    kept += part.length;
  });
  request.once('end', () => {
    request.rawBody = Buffer.concat(chunks);
    next();
  });
  request.once('error', () => next());
}
