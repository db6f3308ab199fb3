import type { ServerResponse } from 'node:http';

/** A complete HTTP answer, framework-free: what the gateway would send back. */
export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
  location?: string;
}

export function htmlAnswer(body: string, status = 200): HttpAnswer {
  return { status, contentType: 'text/html; charset=utf-8', body };
}

export function jsonAnswer(value: unknown, status = 200): HttpAnswer {
  return {
    status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(value),
  };
}

export function textAnswer(body: string, status = 200): HttpAnswer {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}

/** 303 See Other: after a dashboard form post, the browser goes back to the dashboard with a GET. */
export function redirectAnswer(location: string): HttpAnswer {
  return {
    status: 303,
    contentType: 'text/plain; charset=utf-8',
    body: `See ${location}`,
    location,
  };
}

/**
 * Writes an answer on the raw Node response (Express's response is one), so the status and
 * Content-Type are exactly the ones chosen here, whatever the host app's defaults.
 */
export function sendAnswer(res: ServerResponse, answer: HttpAnswer): void {
  res.statusCode = answer.status;
  res.setHeader('Content-Type', answer.contentType);
  if (answer.location) res.setHeader('Location', answer.location);
  res.end(answer.body);
}
