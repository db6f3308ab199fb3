import { hash } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  CHECK_MAC_VALUE_FIELD,
  checkMacValue,
  verifyCheckMacValue,
} from 'nestjs-twpay/protocol';
// Not exported from the package (the canonical string holds the HashKey and HashIV in clear):
// the benchmark needs only its length.
import { canonicalMacString } from '../libs/payments/src/protocol/check-mac-value.js';
import { ECPAY_STAGE } from '../libs/payments/test/support/gateway-bodies.js';

/** The figures of the CheckMacValue part, in signatures (or verifications) per second. */
export interface MacBenchResult {
  fields: number;
  canonicalLength: number;
  signOpsPerSecond: number;
  verifyOpsPerSecond: number;
  sdkSignOpsPerSecond: number;
  sdkVerifyOpsPerSecond: number;
  rawSha256OpsPerSecond: number;
}

/**
 * A 16-field periodic checkout form as the module posts it to ECPay, with Chinese text, `'` and `~`
 * (the characters the official SDK's encoder fixes up). No `"`, `\` or cased non-ASCII letters: the
 * SDK hashes those differently from the gateway (docs/gateway-protocol.md §2), and the comparison
 * needs both sides to produce the same value.
 */
const CHECKOUT_FORM: Readonly<Record<string, string>> = {
  MerchantID: ECPAY_STAGE.merchantId,
  MerchantTradeNo: 'TW2026120211300001AB',
  MerchantTradeDate: '2026/12/02 19:30:00',
  PaymentType: 'aio',
  TotalAmount: '299',
  TradeDesc: "Tom's plan ~ monthly",
  ItemName: '專業版 月費 x 1 (每月自動扣款)',
  ReturnURL: 'https://shop.example.com/payments/notify/return',
  ChoosePayment: 'Credit',
  EncryptType: '1',
  ClientBackURL: 'https://shop.example.com/subscriptions/0f0e4c1a',
  PeriodAmount: '299',
  PeriodType: 'M',
  Frequency: '1',
  ExecTimes: '12',
  PeriodReturnURL: 'https://shop.example.com/payments/notify/period',
};

interface EcpaySdkHelper {
  gen_chk_mac_value(params: Record<string, string>, mode?: number): string;
}

/** ECPay's official Node SDK, which writes its canonical string to the console on every call. */
function loadOfficialSdk(): EcpaySdkHelper {
  const require = createRequire(import.meta.url);
  const APIHelper =
    require('ecpay_aio_nodejs/lib/ecpay_payment/helper.js') as new (
      options: object,
    ) => EcpaySdkHelper;
  return new APIHelper({
    OperationMode: 'Test',
    MercProfile: {
      MerchantID: ECPAY_STAGE.merchantId,
      HashKey: ECPAY_STAGE.hashKey,
      HashIV: ECPAY_STAGE.hashIV,
    },
    IgnorePayment: [],
    IsProjectContractor: false,
  });
}

/** Runs `work` with console.log silenced (the SDK prints the canonical string, keys included). */
function silenced<T>(work: () => T): T {
  const log = console.log;
  console.log = () => {};
  try {
    return work();
  } finally {
    console.log = log;
  }
}

/** Calls per second of `operation`, in batches, for about `milliseconds`. */
function opsPerSecond(operation: () => unknown, milliseconds: number): number {
  const batch = 500;
  let calls = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(milliseconds) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < batch; i++) operation();
    calls += batch;
    now = process.hrtime.bigint();
  }
  return calls / (Number(now - start) / 1e9);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Signs and verifies the checkout form with the module and with the official SDK, and hashes a string
 * as long as the canonical one: the same rounds interleaved, so a busy machine slows all alike; the
 * median of the rounds is kept.
 */
export function runMacBench(rounds = 5, milliseconds = 600): MacBenchResult {
  const keys = { hashKey: ECPAY_STAGE.hashKey, hashIV: ECPAY_STAGE.hashIV };
  const sdk = loadOfficialSdk();
  const signed = checkMacValue(CHECKOUT_FORM, keys);
  const sdkSigned = silenced(() => sdk.gen_chk_mac_value({ ...CHECKOUT_FORM }));
  if (signed !== sdkSigned)
    throw new Error(
      `the module (${signed}) and ecpay_aio_nodejs (${sdkSigned}) disagree on the benchmark form`,
    );
  const received = { ...CHECKOUT_FORM, [CHECK_MAC_VALUE_FIELD]: signed };
  const sdkVerify = () => {
    const { [CHECK_MAC_VALUE_FIELD]: given, ...rest } = received;
    return sdk.gen_chk_mac_value(rest) === given.toUpperCase();
  };
  if (!verifyCheckMacValue(received, keys).valid || !silenced(sdkVerify))
    throw new Error('the benchmark form does not verify');
  // The same number of characters as the canonical string, hashed once the cheapest way Node has.
  const canonicalLength = canonicalMacString(CHECKOUT_FORM, keys).length;
  const sameLength = 'x'.repeat(canonicalLength);

  const samples: Record<
    Exclude<keyof MacBenchResult, 'fields' | 'canonicalLength'>,
    number[]
  > = {
    signOpsPerSecond: [],
    verifyOpsPerSecond: [],
    sdkSignOpsPerSecond: [],
    sdkVerifyOpsPerSecond: [],
    rawSha256OpsPerSecond: [],
  };
  for (let round = 0; round < rounds; round++) {
    samples.signOpsPerSecond.push(
      opsPerSecond(() => checkMacValue(CHECKOUT_FORM, keys), milliseconds),
    );
    samples.sdkSignOpsPerSecond.push(
      silenced(() =>
        opsPerSecond(
          () => sdk.gen_chk_mac_value({ ...CHECKOUT_FORM }),
          milliseconds,
        ),
      ),
    );
    samples.verifyOpsPerSecond.push(
      opsPerSecond(() => verifyCheckMacValue(received, keys), milliseconds),
    );
    samples.sdkVerifyOpsPerSecond.push(
      silenced(() => opsPerSecond(sdkVerify, milliseconds)),
    );
    samples.rawSha256OpsPerSecond.push(
      opsPerSecond(() => hash('sha256', sameLength, 'hex'), milliseconds),
    );
  }
  return {
    fields: Object.keys(CHECKOUT_FORM).length,
    canonicalLength,
    signOpsPerSecond: median(samples.signOpsPerSecond),
    verifyOpsPerSecond: median(samples.verifyOpsPerSecond),
    sdkSignOpsPerSecond: median(samples.sdkSignOpsPerSecond),
    sdkVerifyOpsPerSecond: median(samples.sdkVerifyOpsPerSecond),
    rawSha256OpsPerSecond: median(samples.rawSha256OpsPerSecond),
  };
}
