import fc from 'fast-check';
import {
  checkMacValue,
  encodeFormBody,
  type MacKeys,
} from 'nestjs-twpay/protocol';
import {
  bnplApplicationFields,
  firstAuthorizationFields,
  periodFields,
  tamperCheckMacValue,
} from '../../../libs/payments/test/support/gateway-bodies.js';
import type { RawRequest } from './http-client.js';

/** The five callback routes, under the default `payments` prefix. */
export const CALLBACK_ROUTES = [
  '/payments/notify/return',
  '/payments/notify/period',
  '/payments/notify/payment-info',
  '/payments/redirect/order-result',
  '/payments/redirect/client',
] as const;
export type CallbackRoute = (typeof CALLBACK_ROUTES)[number];

/** A generated request none of whose bodies carries a valid CheckMacValue. */
export interface HostileRequest extends RawRequest {
  category: string;
  route: CallbackRoute;
}

/** What the corpus may aim at: real orders of the run, and the merchant's keys (to sign wrongly). */
export interface CorpusTarget {
  merchantId: string;
  keys: MacKeys;
  subscriptionTradeNos: string[];
  bnplTradeNos: string[];
}

/** A line an attacker tries to forge in the logs through a CR/LF in a value (finding 5). */
export const FORGED_LOG_LINE = 'FORGED-LOG-LINE [PaymentsModule] all good';

type Fields = Record<string, string>;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const route = fc.constantFrom(...CALLBACK_ROUTES);
const form = (body: string, headers: Record<string, string> = FORM) => ({
  body: Buffer.from(body, 'utf8'),
  headers,
});

/**
 * The hostile corpus: named categories with how many of each, every case of issue 11's findings
 * 1-6 among them. Every body lacks a valid CheckMacValue (wrong key, tampered, random or none), so
 * none may change state.
 */
export function hostileCategories(target: CorpusTarget): Array<{
  category: string;
  count: number;
  arbitrary: fc.Arbitrary<RawRequest>;
}> {
  const wrongKeys: MacKeys = {
    hashKey: 'x'.repeat(16),
    hashIV: 'y'.repeat(16),
  };
  const subscription = fc.constantFrom(...target.subscriptionTradeNos);
  const bnpl = fc.constantFrom(...target.bnplTradeNos);
  const period: fc.Arbitrary<Fields> = fc
    .record({
      merchantTradeNo: subscription,
      totalSuccessTimes: fc.integer({ min: 2, max: 30 }),
      gwsr: fc.stringMatching(/^[0-9]{1,12}$/),
    })
    .map((o) => ({
      ...periodFields({
        ...o,
        amount: 299,
        processDate: '2026/01/01 10:00:05',
      }),
      MerchantID: target.merchantId,
    }));
  const first: fc.Arbitrary<Fields> = subscription.map((merchantTradeNo) => ({
    ...firstAuthorizationFields({ merchantTradeNo, amount: 299 }),
    MerchantID: target.merchantId,
  }));
  const application: fc.Arbitrary<Fields> = bnpl.map((merchantTradeNo) => ({
    ...bnplApplicationFields({ merchantTradeNo }),
    MerchantID: target.merchantId,
  }));
  const gatewayShaped = fc.oneof(period, first, application);
  const tampered = (fields: Record<string, string>) =>
    form(tamperCheckMacValue(signed(fields, target.keys)));
  const withValue = (name: string, value: fc.Arbitrary<string>) =>
    fc
      .tuple(gatewayShaped, value)
      .map(([fields, v]) => tampered({ ...fields, [name]: v }));

  return [
    // Finding 1: letter case (the MAC of a real body still verifies; here it is tampered).
    {
      category: 'case-flipped values, tampered MAC',
      count: 800,
      arbitrary: fc
        .tuple(
          gatewayShaped,
          fc.constantFrom(
            'MerchantTradeNo',
            'PaymentType',
            'RtnCode',
            'SimulatePaid',
          ),
        )
        .map(([fields, name]) =>
          tampered({ ...fields, [name]: flipCase(fields[name] ?? 'x') }),
        ),
    },
    {
      category: 'BNPL PaymentType lower-cased, tampered MAC',
      count: 200,
      arbitrary: application.map((f) =>
        tampered({ ...f, PaymentType: 'bnpl_urich', RtnCode: '0' }),
      ),
    },
    // Finding 2: channel confusion (a first authorization's shape on every route).
    {
      category: 'first-authorization shape, tampered MAC',
      count: 400,
      arbitrary: first.map(tampered),
    },
    // Finding 3: values no column holds.
    {
      category: 'numbers out of range, tampered MAC',
      count: 600,
      arbitrary: fc
        .tuple(
          gatewayShaped,
          fc.constantFrom(
            'TotalSuccessTimes',
            'Amount',
            'TradeAmt',
            'ExecTimes',
            'Frequency',
            'BNPLInstallment',
            'RtnCode',
          ),
          fc.constantFrom(
            '999999999999',
            '-1',
            '1e309',
            '2147483648',
            'NaN',
            '0x10',
            ' 1',
            '１',
          ),
        )
        .map(([fields, name, value]) => tampered({ ...fields, [name]: value })),
    },
    // Finding 4: bodies that used to leave no inbox row.
    {
      category: 'multipart/form-data',
      count: 300,
      arbitrary: gatewayShaped.map((f) => multipart(signed(f, wrongKeys))),
    },
    {
      category: 'text/plain',
      count: 300,
      arbitrary: gatewayShaped.map((f) =>
        form(signed(f, wrongKeys), { 'content-type': 'text/plain' }),
      ),
    },
    {
      category: 'empty content type',
      count: 300,
      arbitrary: gatewayShaped.map((f) =>
        form(signed(f, wrongKeys), { 'content-type': '' }),
      ),
    },
    {
      category: 'no content type',
      count: 300,
      arbitrary: gatewayShaped.map((f) => form(signed(f, wrongKeys), {})),
    },
    {
      category: 'application/json',
      count: 200,
      arbitrary: gatewayShaped.map((f) =>
        form(JSON.stringify(f), { 'content-type': 'application/json' }),
      ),
    },
    {
      category: 'NUL byte in a value',
      count: 300,
      arbitrary: fc
        .tuple(
          gatewayShaped,
          fc.constantFrom(
            'MerchantTradeNo',
            'RtnMsg',
            'CustomField1',
            'MerchantID',
          ),
        )
        .map(([f, name]) =>
          form(signed({ ...f, [name]: `${f[name] ?? ''}\u0000x` }, wrongKeys)),
        ),
    },
    {
      category: 'body over 65,535 bytes',
      count: 40,
      arbitrary: gatewayShaped.map((f) =>
        form(signed({ ...f, CustomField1: 'a'.repeat(70_000) }, wrongKeys)),
      ),
    },
    {
      category: 'body over the parser limit',
      count: 20,
      arbitrary: gatewayShaped.map((f) =>
        form(signed({ ...f, CustomField2: 'b'.repeat(150_000) }, wrongKeys)),
      ),
    },
    {
      category: 'unsupported charset',
      count: 200,
      arbitrary: gatewayShaped.map((f) =>
        form(signed(f, wrongKeys), {
          'content-type': 'application/x-www-form-urlencoded; charset=koi8-r',
        }),
      ),
    },
    {
      category: 'undecodable content encoding',
      count: 200,
      arbitrary: fc
        .tuple(
          gatewayShaped,
          fc.constantFrom('gzip', 'deflate', 'br', 'zstd-x'),
        )
        .map(([f, encoding]) =>
          form(signed(f, wrongKeys), { ...FORM, 'content-encoding': encoding }),
        ),
    },
    {
      category: 'invalid JSON',
      count: 100,
      arbitrary: fc
        .string()
        .map((s) => form(`{${s}`, { 'content-type': 'application/json' })),
    },
    // Finding 5: log forging and reflection.
    {
      category: 'CR/LF in MerchantID',
      count: 400,
      arbitrary: fc
        .tuple(
          gatewayShaped,
          fc.constantFrom('\r\n', '\n', '\r', '\u2028', '\u001b[2K\r'),
        )
        .map(([f, eol]) =>
          form(
            signed(
              {
                ...f,
                MerchantID: `${target.merchantId}${eol}${FORGED_LOG_LINE}`,
              },
              wrongKeys,
            ),
          ),
        ),
    },
    {
      category: 'CR/LF in MerchantTradeNo',
      count: 300,
      arbitrary: fc
        .tuple(gatewayShaped, fc.constantFrom('\r\n', '\n'))
        .map(([f, eol]) =>
          tampered({
            ...f,
            MerchantTradeNo: `${f.MerchantTradeNo}${eol}${FORGED_LOG_LINE}`,
          }),
        ),
    },
    {
      category: '60 KB MerchantID',
      count: 40,
      arbitrary: gatewayShaped.map((f) =>
        form(signed({ ...f, MerchantID: 'M'.repeat(60_000) }, wrongKeys)),
      ),
    },
    {
      category: 'control characters in values',
      count: 300,
      arbitrary: withValue(
        'RtnMsg',
        fc.string({
          unit: fc
            .integer({ min: 0, max: 31 })
            .map((c) => String.fromCharCode(c)),
          minLength: 1,
        }),
      ),
    },
    // Finding 6: a missing PaymentType.
    {
      category: 'missing PaymentType',
      count: 200,
      arbitrary: first.map((f) => {
        const { PaymentType: _omitted, ...rest } = f;
        return tampered(rest);
      }),
    },
    // The rest of the attack surface.
    {
      category: 'signed with the wrong key',
      count: 800,
      arbitrary: gatewayShaped.map((f) => form(signed(f, wrongKeys))),
    },
    {
      category: 'valid-shaped, one field mutated, tampered MAC',
      count: 800,
      arbitrary: fc
        .tuple(gatewayShaped, fc.string({ maxLength: 40 }))
        .chain(([f, v]) =>
          fc
            .constantFrom(...Object.keys(f))
            .map((name) => tampered({ ...f, [name]: v })),
        ),
    },
    {
      category: 'missing CheckMacValue',
      count: 300,
      arbitrary: gatewayShaped.map((f) => form(encodeFormBody(f))),
    },
    {
      category: 'malformed CheckMacValue',
      count: 300,
      arbitrary: fc
        .tuple(gatewayShaped, fc.string({ maxLength: 70 }))
        .map(([f, mac]) => form(encodeFormBody({ ...f, CheckMacValue: mac }))),
    },
    {
      category: 'unknown MerchantID',
      count: 300,
      arbitrary: fc
        .tuple(
          gatewayShaped,
          fc
            .string({ maxLength: 12 })
            .filter((id) => id.trim() !== target.merchantId),
        )
        .map(([f, id]) => form(signed({ ...f, MerchantID: id }, target.keys))),
    },
    {
      category: 'repeated fields',
      count: 300,
      arbitrary: gatewayShaped.map((f) =>
        form(
          `${signed(f, target.keys)}&MerchantTradeNo=${encodeURIComponent(f.MerchantTradeNo)}`,
        ),
      ),
    },
    {
      category: 'random form fields',
      count: 900,
      arbitrary: fc
        .dictionary(
          fc.string({ maxLength: 20 }),
          fc.string({ maxLength: 60 }),
          { maxKeys: 30 },
        )
        .map((d) => form(encodeFormBody(d))),
    },
    {
      category: 'random bytes as a form',
      count: 400,
      arbitrary: fc
        .uint8Array({ maxLength: 2_000 })
        .map((bytes) => ({ body: Buffer.from(bytes), headers: FORM })),
    },
    {
      category: 'broken percent-encoding',
      count: 300,
      arbitrary: fc
        .tuple(
          gatewayShaped,
          fc.constantFrom('%', '%zz', '%E4%B8', '%C0%AF', '%FF%FE'),
        )
        .map(([f, bad]) =>
          form(`${tamperCheckMacValue(signed(f, target.keys))}&RtnMsg=${bad}`),
        ),
    },
    { category: 'empty body', count: 100, arbitrary: fc.constant(form('')) },
  ];
}

/** The whole corpus: each category's count of generated requests, each at a random route. */
export function hostileCorpus(
  target: CorpusTarget,
  seed: number,
): HostileRequest[] {
  return hostileCategories(target).flatMap(
    ({ category, count, arbitrary }, index) =>
      fc
        .sample(fc.tuple(arbitrary, route), {
          numRuns: count,
          seed: seed + index,
        })
        .map(([request, to]) => ({ ...request, category, route: to })),
  );
}

function signed(fields: Record<string, string>, keys: MacKeys): string {
  return encodeFormBody({
    ...fields,
    CheckMacValue: checkMacValue(fields, keys),
  });
}

function flipCase(value: string): string {
  const lower = value.toLowerCase();
  return lower === value ? value.toUpperCase() : lower;
}

function multipart(formBody: string): RawRequest {
  const boundary = '----twpayReliability';
  const parts = [...new URLSearchParams(formBody)].map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`, 'utf8'),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
