import { randomInt } from 'node:crypto';
import { PaymentsConfigError } from '../errors/payments.error.js';
import {
  MERCHANT_TRADE_NO_MAX_LENGTH,
  MERCHANT_TRADE_NO_PATTERN,
  MERCHANT_TRADE_NO_PREFIX_PATTERN,
} from '../protocol/identifier-patterns.js';

const BASE36_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Whether a value can be posted as `MerchantTradeNo`: 1 to 20 ASCII letters or digits.
 *
 * @publicApi
 */
export function isValidMerchantTradeNo(value: unknown): value is string {
  return typeof value === 'string' && MERCHANT_TRADE_NO_PATTERN.test(value);
}

/**
 * Generates a new `MerchantTradeNo`, exactly 20 characters: `prefix`, then the current time in
 * milliseconds in upper-case base 36 (8 characters until the year 2059), then random base-36 digits
 * from `node:crypto` filling the rest.
 *
 * The gateways never accept a number twice, not even after a failed or abandoned checkout
 * (docs/gateway-protocol.md section 10, pitfall 8), and several replicas generate numbers without talking to each
 * other. The time part makes numbers from different milliseconds distinct; within one millisecond two
 * numbers collide only if all random digits agree: at least 6 of them (about 2^31 values) with a
 * 6-character prefix, 10 (about 2^51) with the default `TW`. The unique constraint on the stored
 * order remains the final guard. Upper case only, so two numbers never differ by letter case alone.
 *
 * @param prefix up to 6 letters or digits, kept as given; the module's `merchantTradeNoPrefix`.
 * @throws PaymentsConfigError when the prefix is longer than 6 characters or has other characters.
 * @example generateMerchantTradeNo('TW') // 'TWM3K9Z1QA7F2XK0B8RD'
 * @publicApi
 */
export function generateMerchantTradeNo(prefix: string): string {
  if (!MERCHANT_TRADE_NO_PREFIX_PATTERN.test(prefix)) {
    throw new PaymentsConfigError(
      'merchantTradeNoPrefix',
      `merchantTradeNoPrefix must be at most 6 letters or digits (MerchantTradeNo allows 20 in all), got ${JSON.stringify(prefix)}`,
    );
  }
  const time = Date.now().toString(36).toUpperCase();
  let random = '';
  for (
    let i = prefix.length + time.length;
    i < MERCHANT_TRADE_NO_MAX_LENGTH;
    i++
  ) {
    random += BASE36_DIGITS[randomInt(BASE36_DIGITS.length)];
  }
  return prefix + time + random;
}

/**
 * The case-folded form of a MerchantTradeNo under which orders are stored uniquely and found.
 *
 * Why: the CheckMacValue is computed over the lower-cased encoding of the fields (docs/gateway-protocol.md
 * §2), so letter case is not authenticated: a buyer holding a signed body can change the case of its
 * MerchantTradeNo and it still verifies. Two orders must therefore never differ by case alone, and a
 * notification must find the same order whatever the case it names it in.
 *
 * @example merchantTradeNoKey('rlbTwin1') // 'RLBTWIN1'
 * @internal
 */
export function merchantTradeNoKey(merchantTradeNo: string): string {
  return merchantTradeNo.toUpperCase();
}
