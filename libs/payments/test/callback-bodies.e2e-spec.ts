import { gzipSync } from 'node:zlib';
import { GatewayNotificationEntity } from 'nestjs-twpay';
import { parseFormBody, verifyCheckMacValue } from 'nestjs-twpay/protocol';
import {
  createPaymentsTestApp,
  type PaymentsTestApp,
} from './fixtures/payments-test-app.js';
import { REAL_WORLD_BODIES } from './fixtures/real-world-bodies.js';
import {
  ECPAY_STAGE,
  periodFields,
  signedBody,
} from './support/gateway-bodies.js';

const DB = process.env.TWPAY_TEST_DB ?? 'sqlite';
const LIMIT = 100_000;

/**
 * Every request that reaches a callback route is recorded with its exact bytes before it is
 * answered, whatever its content type, charset, encoding or size (issue 11 finding 4).
 */
describe(`callback bodies are recorded whatever their bytes (${DB})`, () => {
  let t: PaymentsTestApp;
  let url: string;

  beforeAll(async () => {
    t = await createPaymentsTestApp({ maxCallbackBodyBytes: LIMIT });
    await t.app.listen(0, '127.0.0.1');
    url = await t.app.getUrl();
  });
  afterAll(async () => {
    await t?.close();
  });

  const periodBody = () =>
    signedBody(
      periodFields({
        merchantTradeNo: 'NOSUCHORDER1',
        amount: 299,
        totalSuccessTimes: 2,
        processDate: '2024/04/01 10:00:05',
        gwsr: '2',
      }),
    );

  /** POSTs the bytes exactly as given (supertest would serialise a Buffer under a form type). */
  async function post(
    route: string,
    body: Buffer | string,
    headers: Record<string, string>,
  ) {
    const response = await fetch(`${url}/payments/${route}`, {
      method: 'POST',
      body: Buffer.isBuffer(body) ? body : Buffer.from(body),
      headers,
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  }

  /** The one inbox row written since `before`. */
  async function newestRow(before: number): Promise<GatewayNotificationEntity> {
    const rows = await t.dataSource
      .getRepository(GatewayNotificationEntity)
      .find({ order: { receivedAt: 'ASC' } });
    expect(rows).toHaveLength(before + 1);
    return rows[rows.length - 1];
  }

  const inboxCount = () =>
    t.dataSource.getRepository(GatewayNotificationEntity).count();

  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

  it.each<[string, () => Buffer, Record<string, string>, number, RegExp]>([
    [
      'over maxCallbackBodyBytes',
      () => Buffer.from(`${periodBody()}&CustomField1=${'a'.repeat(LIMIT)}`),
      FORM,
      413,
      /^0\|malformed: body of \d+ bytes is over the 100000-byte limit/,
    ],
    [
      'in a charset other than UTF-8',
      () => Buffer.from(periodBody()),
      { 'content-type': 'application/x-www-form-urlencoded; charset=Big5' },
      415,
      /^0\|malformed: charset Big5 is not UTF-8/,
    ],
    [
      'gzip-compressed',
      () => gzipSync(periodBody()),
      { ...FORM, 'content-encoding': 'gzip' },
      415,
      /^0\|malformed: content encoding gzip/,
    ],
    [
      'invalid JSON',
      () => Buffer.from('{"MerchantID": '),
      { 'content-type': 'application/json' },
      415,
      /^0\|malformed: content type application\/json is not/,
    ],
  ])(
    'a body %s is recorded, bytes and length, and refused',
    async (_name, body, headers, status, answer) => {
      const before = await inboxCount();
      const sent = body();
      const response = await post('notify/period', sent, headers);
      expect(response.status).toBe(status);
      expect(response.text).toMatch(answer);
      const row = await newestRow(before);
      expect(row.outcome).toBe('rejected');
      expect(row.rawLength).toBe(sent.length);
      expect(row.rawBytes).toEqual(sent.subarray(0, Math.min(LIMIT, 48_000)));
    },
  );

  it('refuses a NUL byte with a 400 that names the field, and keeps the bytes', async () => {
    const before = await inboxCount();
    const sent = Buffer.from(
      periodBody().replace(
        'MerchantTradeNo=NOSUCHORDER1',
        'MerchantTradeNo=NO%00SUCH\u0000',
      ),
    );
    const response = await post('notify/period', sent, FORM);
    expect(response.status).toBe(400);
    expect(response.text).toBe(
      '0|malformed: field MerchantTradeNo holds a NUL byte',
    );
    const row = await newestRow(before);
    expect(row.rawBytes).toEqual(sent);
    expect(row.rawBody).not.toContain('\u0000');
    expect(row.merchantTradeNo).toBe('NO\\u0000SUCH\\u0000');
  });

  it('keeps bytes that are not UTF-8 exactly', async () => {
    const before = await inboxCount();
    const sent = Buffer.from([0x4d, 0x3d, 0xff, 0xfe, 0x00, 0x80]);
    expect((await post('notify/period', sent, FORM)).status).toBe(400);
    expect((await newestRow(before)).rawBytes).toEqual(sent);
  });

  it('never accepts a signed body longer than the inbox keeps', async () => {
    const before = await inboxCount();
    // A valid MAC over 60,000 bytes: stored cut at 48,000, it could never be verified again.
    const long = signedBody({
      ...periodFields({
        merchantTradeNo: 'NOSUCHORDER2',
        amount: 299,
        totalSuccessTimes: 2,
        processDate: '2024/04/01 10:00:05',
        gwsr: '2',
      }),
      CustomField1: 'x'.repeat(60_000),
    });
    const response = await post('notify/period', long, FORM);
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/over the 48000 bytes the inbox keeps/);
    const row = await newestRow(before);
    expect(row.rawLength).toBe(Buffer.byteLength(long));
    expect(row.rawBytes?.length).toBe(48_000);
  });

  it('answers a buyer on a browser route with a page, not protocol text', async () => {
    const response = await post('redirect/order-result', 'a=1', {
      'content-type': 'text/plain',
    });
    expect(response.status).toBe(415);
    expect(response.type).toMatch(/^text\/html/);
    expect(response.text).toContain('The payment result could not be read');
    expect(response.text).not.toMatch(/^0\|/);
  });

  describe('bodies shaped like real gateway posts (docs/gateway-protocol.md §12.5)', () => {
    it.each(Object.entries(REAL_WORLD_BODIES))(
      '%s verifies only as received',
      (_name, body) => {
        const fields = parseFormBody(body);
        expect(verifyCheckMacValue(fields, ECPAY_STAGE).valid).toBe(true);
        const withoutEmpty = fields.filter(([, value]) => value !== '');
        expect(verifyCheckMacValue(withoutEmpty, ECPAY_STAGE).valid).toBe(
          false,
        );
      },
    );

    it('a value with a run of spaces does not verify once the spaces are collapsed', () => {
      const collapsed = parseFormBody(REAL_WORLD_BODIES.runOfSpaces).map(
        ([name, value]) =>
          [name, value.replace(/ +/g, ' ')] as [string, string],
      );
      expect(verifyCheckMacValue(collapsed, ECPAY_STAGE).valid).toBe(false);
    });

    it.each(Object.entries(REAL_WORLD_BODIES))(
      'the callback route verifies %s and keeps its bytes',
      async (_name, body) => {
        const before = await inboxCount();
        const response = await post('notify/return', body, FORM);
        // No such order here: refused for that, after the CheckMacValue was accepted.
        expect(response.text).toMatch(/^0\|/);
        const row = await newestRow(before);
        expect(row.verification).toBe('valid');
        expect(row.rawBytes?.toString('utf8')).toBe(body);
      },
    );
  });
});
