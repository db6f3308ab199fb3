import type { Request } from 'express';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import { untrustedExcerpt } from '../untrusted-text.js';
import type { ReceivedBody } from './read-callback-body.js';

/** Why a body is refused before it is read as a form, and the status that says so. @internal */
export interface BodyRefusal {
  status: 413 | 415;
  reason: string;
}

/**
 * Why a callback body cannot be read as a notification at all, or null when it can: cut at the
 * size limit, compressed, not a form (the gateways post `application/x-www-form-urlencoded`,
 * docs/gateway-protocol.md §6.3), or in a charset other than UTF-8. Media type, charset and encoding
 * are compared in any letter case, as HTTP defines them.
 *
 * @internal
 */
export function refusalOfBody(
  request: Request,
  body: ReceivedBody,
  maxBytes: number,
): BodyRefusal | null {
  if (body.length > body.bytes.length) {
    return {
      status: 413,
      reason: PAYMENTS_MESSAGES.bodyTooLarge(body.length, maxBytes),
    };
  }
  const encoding = (request.get('content-encoding') ?? '').trim();
  if (encoding !== '' && encoding.toLowerCase() !== 'identity') {
    return {
      status: 415,
      reason: PAYMENTS_MESSAGES.unsupportedContentEncoding(
        untrustedExcerpt(encoding),
      ),
    };
  }
  const contentType = request.get('content-type') ?? '';
  const [mediaType, ...parameters] = contentType.split(';');
  if (mediaType.trim().toLowerCase() !== 'application/x-www-form-urlencoded') {
    return {
      status: 415,
      reason: PAYMENTS_MESSAGES.notAFormBody(
        untrustedExcerpt(contentType || '(none)'),
      ),
    };
  }
  const charset = parameters
    .map((parameter) => parameter.split('='))
    .find(([name]) => name.trim().toLowerCase() === 'charset')?.[1]
    ?.trim()
    .replace(/^"(.*)"$/, '$1');
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    return {
      status: 415,
      reason: PAYMENTS_MESSAGES.unsupportedCharset(untrustedExcerpt(charset)),
    };
  }
  return null;
}
