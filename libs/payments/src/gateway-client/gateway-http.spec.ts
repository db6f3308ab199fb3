import { Logger, type LoggerService } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayRateLimitedError } from '../errors/gateway-client.errors.js';
import { GatewayRequestError } from '../errors/payments.error.js';
import { GatewayClient } from './gateway-client.js';
import type { GatewayClientOptions } from './gateway-client-options.js';

const SECRET = { hashKey: 'S3cretHashKey123', hashIV: 'S3cretHashIV4567' };

/** A loopback server answering each request with the next scripted status (the last one repeats). */
async function scriptedServer(
  statuses: Array<number | 'hang' | 'drop'>,
  body = 'MerchantID=M1&MerchantTradeNo=T1&RtnCode=1&RtnMsg=OK',
) {
  const requests: { at: number; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let received = '';
    req.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    req.on('end', () => {
      requests.push({ at: Date.now(), body: received });
      const step = statuses[Math.min(requests.length, statuses.length) - 1];
      if (step === 'hang') return;
      if (step === 'drop') return void req.socket.destroy();
      res.statusCode = step;
      res.end(step === 200 ? body : `status ${step}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function client(
  baseUrl: string,
  http: GatewayClientOptions['http'] = {},
  gateway: GatewayClientOptions['gateway'] = 'ecpay',
) {
  return new GatewayClient({
    gateway,
    environment: 'stage',
    gatewayBaseUrl: baseUrl,
    merchants: [{ merchantId: 'M1', ...SECRET }],
    http: {
      timeoutMs: 1_000,
      maxAttempts: 3,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
      ...http,
    },
  });
}

describe('GatewayClient over HTTP: retries, timeouts and the 403 pause', () => {
  const servers: Array<{ close: () => Promise<void> }> = [];
  const logs: string[] = [];
  const capture: LoggerService = {
    log: (m) => logs.push(String(m)),
    warn: (m) => logs.push(String(m)),
    error: (m) => logs.push(String(m)),
  };
  beforeAll(() => Logger.overrideLogger(capture));
  afterAll(() => Logger.overrideLogger(false));
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const serve = async (...args: Parameters<typeof scriptedServer>) => {
    const server = await scriptedServer(...args);
    servers.push(server);
    return server;
  };

  it('retries network drops and 5xx with back-off, then succeeds, re-signing each attempt', async () => {
    const server = await serve(['drop', 500, 502, 200]);
    const info = client(server.url, { maxAttempts: 4 }).queryTradeInfo('T1');
    // The scripted 200 is not a signed trade answer: what matters here is that it was reached.
    await expect(info).rejects.toThrow(
      /QueryTradeInfo for T1 answered RtnCode 1/,
    );
    expect(server.requests).toHaveLength(4);
    for (const { body } of server.requests) {
      const fields = new URLSearchParams(body);
      expect(fields.get('MerchantTradeNo')).toBe('T1');
      expect(Number(fields.get('TimeStamp'))).toBeCloseTo(
        Date.now() / 1000,
        -1,
      );
      expect(fields.get('CheckMacValue')).toMatch(/^[0-9A-F]{64}$/);
    }
  });

  it('gives up after maxAttempts with GatewayRequestError naming the last failure', async () => {
    const server = await serve([503]);
    await expect(client(server.url).queryPeriodInfo('T1')).rejects.toThrow(
      new GatewayRequestError(
        'QueryCreditCardPeriodInfo for T1 failed after 3 attempts: HTTP 503. Check that the gateway URL is reachable from this server.',
      ),
    );
    expect(server.requests).toHaveLength(3);
  });

  it('aborts an attempt that takes longer than timeoutMs', async () => {
    const server = await serve(['hang']);
    const started = Date.now();
    await expect(
      client(server.url, { timeoutMs: 150, maxAttempts: 2 }).queryPeriodInfo(
        'T1',
      ),
    ).rejects.toThrow(/failed after 2 attempts: no answer within 150 ms/);
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('waits a jittered, growing back-off between attempts', async () => {
    const server = await serve([500]);
    const slow = new GatewayClient({
      gateway: 'ecpay',
      environment: 'stage',
      gatewayBaseUrl: server.url,
      merchants: [{ merchantId: 'M1', ...SECRET }],
      http: { maxAttempts: 3, retryBaseDelayMs: 100, retryMaxDelayMs: 150 },
      random: () => 0.999,
    });
    await expect(slow.queryPeriodInfo('T1')).rejects.toThrow(
      GatewayRequestError,
    );
    const [a, b, c] = server.requests.map((r) => r.at);
    expect(b - a).toBeGreaterThanOrEqual(90); // ~100 ms x 0.999
    expect(c - b).toBeGreaterThanOrEqual(140); // 200 ms capped at 150 ms
  });

  it('does not resend a ReAuth that may have reached the gateway, but does resend a Cancel', async () => {
    const reAuth = await serve([500, 200]);
    await expect(
      client(reAuth.url).reAuthorizeLatestCharge('T1'),
    ).rejects.toThrow(/failed after 1 attempt: HTTP 500/);
    expect(reAuth.requests).toHaveLength(1);
    const cancel = await serve([500, 500, 500]);
    await expect(
      client(cancel.url).cancelPeriodicAgreement('T1'),
    ).rejects.toThrow(/failed after 3 attempts/);
    expect(cancel.requests).toHaveLength(3);
  });

  it('retries a refused connection even for a ReAuth (nothing was sent)', async () => {
    const closed = await serve([200]);
    const url = closed.url;
    await closed.close();
    await expect(client(url).reAuthorizeLatestCharge('T1')).rejects.toThrow(
      /failed after 3 attempts: network error ECONNREFUSED/,
    );
  });

  it('does not retry another 4xx', async () => {
    const server = await serve([404]);
    await expect(client(server.url).queryPeriodInfo('T1')).rejects.toThrow(
      /answered HTTP 404/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('pauses every call after HTTP 403 ("too fast") without touching the network, then resumes', async () => {
    const server = await serve([403, 200]);
    const limited = client(server.url, { rateLimitBackoffMs: 300 });
    const first = limited.queryPeriodInfo('T1');
    await expect(first).rejects.toBeInstanceOf(GatewayRateLimitedError);
    await expect(first).rejects.toMatchObject({
      code: 'TWPAY_GATEWAY_REQUEST_FAILED',
    });
    expect(limited.rateLimitedUntil?.getTime()).toBeGreaterThan(Date.now());
    await expect(limited.cancelPeriodicAgreement('T1')).rejects.toBeInstanceOf(
      GatewayRateLimitedError,
    );
    expect(server.requests).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(limited.rateLimitedUntil).toBeUndefined();
    await expect(limited.queryPeriodInfo('T1')).rejects.toThrow(/JSON object/);
    expect(server.requests).toHaveLength(2);
  });

  it('writes neither the HashKey, the HashIV nor a request body into logs or errors', async () => {
    logs.length = 0;
    const server = await serve([500]);
    const error = await client(server.url)
      .queryPeriodInfo('T1')
      .catch((e: unknown) => e);
    const seen = [...logs, String(error), JSON.stringify(error)].join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [
      SECRET.hashKey,
      SECRET.hashIV,
      'CheckMacValue',
      'TimeStamp=',
    ]) {
      expect(seen).not.toContain(secret);
    }
  });
});
