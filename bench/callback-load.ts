import autocannon from 'autocannon';
import type { PeriodPostFactory } from './gateway-posts.js';

/** The concurrency the issue measures at. */
export const CONNECTIONS = 20;

/** What one bounded load run measured. */
export interface LoadRun {
  /** Requests answered (with anything). */
  answered: number;
  /** Requests answered 200 `1|OK`. */
  ok: number;
  /** Distinct Gwsr values among the `1|OK` answers (each post carried a fresh one). */
  distinctOkGwsr: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Posts `amount` PeriodReturnURL bodies from `posts` to `path` over `CONNECTIONS` keep-alive
 * connections on the loopback interface, and records every answer.
 */
export async function runCallbackLoad(
  port: number,
  path: string,
  posts: PeriodPostFactory,
  amount: number,
): Promise<LoadRun> {
  const okGwsr = new Set<string>();
  let ok = 0;
  let answered = 0;
  // Timed from the first post to the last answer: autocannon only notices it is done at its next
  // one-second tick, so its `duration` (and the time until it resolves) is rounded up to whole seconds.
  const started = performance.now();
  let lastAnswerAt = started;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    pipelining: 1,
    amount,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        setupRequest: (request, context) => {
          const post = posts.next();
          context.gwsr = post.gwsr;
          return { ...request, body: post.body };
        },
        onResponse: (status, body, context) => {
          answered++;
          lastAnswerAt = performance.now();
          if (status === 200 && body === '1|OK') {
            ok++;
            okGwsr.add(context.gwsr as string);
          }
        },
      },
    ],
  });
  const seconds = (lastAnswerAt - started) / 1000;
  return {
    answered,
    ok,
    distinctOkGwsr: okGwsr.size,
    errors: result.errors + result.timeouts,
    seconds,
    requestsPerSecond: answered / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}
