/** One HTTP request a test sends to a callback route, and what came back. */
export interface Answer {
  status: number;
  text: string;
  contentType: string;
}

/** A request body and its headers, exactly as sent (no content type is added when none is given). */
export interface RawRequest {
  body: Buffer;
  headers?: Record<string, string>;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** POSTs the bytes as given; a network failure answers status 0 with the error as text. */
export async function postRaw(
  url: string,
  request: RawRequest,
): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body: request.body,
      headers: request.headers ?? {},
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return {
      status: response.status,
      text: await response.text(),
      contentType: response.headers.get('content-type') ?? '',
    };
  } catch (error) {
    return { status: 0, text: String(error), contentType: '' };
  }
}

/** POSTs a form body as the gateway does. */
export function postForm(url: string, body: string): Promise<Answer> {
  return postRaw(url, {
    body: Buffer.from(body, 'utf8'),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** What re-sending until `1|OK` took. */
export interface Delivery {
  final: Answer;
  /** Answers with a 5xx status or no answer at all, each followed by a re-send. */
  retried: number;
}

/**
 * Sends a form body as a gateway that re-sends on failure would: again after every 5xx or network
 * error, up to `maxAttempts` times and until `deadline` (epoch ms), `pauseMs` apart.
 */
export async function deliverUntilAnswered(
  url: string,
  body: string,
  limits: { maxAttempts: number; deadline: number; pauseMs: number },
): Promise<Delivery> {
  let retried = 0;
  for (let attempt = 1; ; attempt++) {
    const answer = await postForm(url, body);
    const transient = answer.status === 0 || answer.status >= 500;
    if (
      !transient ||
      attempt >= limits.maxAttempts ||
      Date.now() > limits.deadline
    )
      return { final: answer, retried };
    retried++;
    await new Promise((resolve) => setTimeout(resolve, limits.pauseMs));
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight; results in input order. */
export async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, worker),
  );
  return results;
}
