import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkMacValue,
  parseTaipeiDateTime,
  verifyCheckMacValue,
  type MacKeys,
} from 'nestjs-twpay/protocol';
import { ECPAY } from '../test/helpers/orders.js';
import { FaultPlan } from './fault-plan.js';
import {
  bnplApplicationFields,
  orderResultFields,
  paymentResultFields,
  periodResultFields,
  resentPaymentResultFields,
} from './notification-builder.js';
import { NotificationSigner } from './notification-signer.js';
import type { Authorization, SimulatedOrder } from './simulator-model.js';

interface Vector {
  id: string;
  algorithm: 'sha256' | 'md5';
  hashKey: string;
  hashIV: string;
  fields: Record<string, string>;
  checkMacValue: string;
}

// The repository's copy of the 16 CheckMacValue vectors (docs/gateway-protocol.md section 3).
const { vectors } = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../payments/test/fixtures/vectors.json'),
    'utf8',
  ),
) as { vectors: Vector[] };
const vector = (id: string) => vectors.find((v) => v.id === id)!;

const at = (taipei: string) => parseTaipeiDateTime(taipei)!;

function authorization(overrides: Partial<Authorization> = {}): Authorization {
  return {
    sequence: 1,
    kind: 'first',
    tradeNo: '20240301100005000001',
    gwsr: 11223343,
    amount: 299,
    rtnCode: '1',
    rtnMsg: '交易成功',
    authCode: '777777',
    processedAt: at('2024/02/01 10:00:05'),
    simulatePaid: false,
    ...overrides,
  };
}

function order(overrides: Partial<SimulatedOrder> = {}): SimulatedOrder {
  return {
    id: 'o1',
    gateway: 'ecpay',
    merchantId: '3002607',
    merchantTradeNo: 'SUBx2024x0001',
    tradeNo: '20240201100000000001',
    tradeDate: at('2024/02/01 10:00:00'),
    payment: 'Credit',
    totalAmount: 299,
    itemName: 'Pro plan',
    storeId: '',
    customFields: ['', '', '', ''],
    needExtraPaidInfo: false,
    urls: { returnUrl: 'https://shop.example.com/return' },
    period: {
      periodType: 'M',
      frequency: 1,
      execTimes: 12,
      periodAmount: 299,
      periodReturnUrl: 'https://shop.example.com/period',
    },
    status: 'paid',
    card: {
      card6no: '431195',
      card4no: '2222',
      invalidFrom: at('2049/12/31 00:00:00'),
      declined: false,
    },
    authorizations: [authorization()],
    ...overrides,
  };
}

const signer = new NotificationSigner(() => ECPAY, new FaultPlan());
const keysOf = (v: Vector): MacKeys => ({
  hashKey: v.hashKey,
  hashIV: v.hashIV,
});

describe('the simulator signs with the algorithm the vectors pin down', () => {
  it.each(
    vectors
      .filter((v) => v.algorithm === 'sha256')
      .map((v) => [v.id, v] as const),
  )('%s', (_id, v) => {
    const own = new NotificationSigner(() => keysOf(v), new FaultPlan());
    expect(own.sign('any', v.fields).fields.CheckMacValue).toBe(
      v.checkMacValue,
    );
  });
});

describe('periodResultFields (PeriodReturnURL)', () => {
  it('given vector V7\u2019s data, yields V7\u2019s field set and CheckMacValue', () => {
    const v7 = vector('V7');
    const second = authorization({
      sequence: 2,
      kind: 'period',
      gwsr: 11223344,
      processedAt: at('2024/03/01 10:00:05'),
    });
    const o = order();
    o.authorizations.push(second);
    const fields = periodResultFields(o, second);
    expect(fields).toEqual(v7.fields);
    expect(signer.sign('3002607', fields).fields.CheckMacValue).toBe(
      'DFB2A14E8DC4EA3223F4404C94265B8553FBB6C02D51426E079A39E5E97C2F32',
    );
  });

  it('counts only successes in TotalSuccessTimes and reports a failure with its own Gwsr', () => {
    const o = order();
    const failed = authorization({
      sequence: 2,
      kind: 'period',
      gwsr: 11223350,
      rtnCode: '10100058',
      rtnMsg: '授權失敗',
      authCode: '',
    });
    o.authorizations.push(failed);
    expect(periodResultFields(o, failed)).toMatchObject({
      RtnCode: '10100058',
      Gwsr: '11223350',
      AuthCode: '',
      TotalSuccessTimes: '1',
    });
  });

  it('has no CustomField at AllPay', () => {
    const o = order({ gateway: 'allpay', merchantId: '2000132' });
    const fields = periodResultFields(o, o.authorizations[0]);
    expect(
      Object.keys(fields).filter((k) => k.startsWith('CustomField')),
    ).toEqual([]);
  });
});

describe('paymentResultFields (ReturnURL)', () => {
  it('has vector V2\u2019s fields plus StoreID and CustomField1-4 for ECPay', () => {
    const v2 = vector('V2');
    const o = order({
      merchantTradeNo: 'WPLL4E341E122DB44D62',
      tradeNo: '1905090000188278',
      tradeDate: at('2019/05/09 00:00:18'),
      totalAmount: 500,
      period: undefined,
    });
    const first = authorization({
      amount: 500,
      processedAt: at('2019/05/09 00:01:21'),
    });
    const fields = paymentResultFields(o, first);
    expect(Object.keys(fields).sort()).toEqual(
      [
        ...Object.keys(v2.fields),
        'StoreID',
        'CustomField1',
        'CustomField2',
        'CustomField3',
        'CustomField4',
      ].sort(),
    );
    // Same values as V2 but the fee (the simulator charges none): with V2's fee and without the
    // ECPay echo fields, the MAC is V2's.
    const {
      StoreID,
      CustomField1,
      CustomField2,
      CustomField3,
      CustomField4,
      ...rest
    } = fields;
    expect([
      StoreID,
      CustomField1,
      CustomField2,
      CustomField3,
      CustomField4,
    ]).toEqual(['', '', '', '', '']);
    expect(checkMacValue({ ...rest, PaymentTypeChargeFee: '1' }, ECPAY)).toBe(
      v2.checkMacValue,
    );
  });

  it('appends the lower-case NeedExtraPaidInfo extras and the periodic counters', () => {
    const o = order({ needExtraPaidInfo: true });
    const fields = paymentResultFields(o, o.authorizations[0]);
    expect(fields).toMatchObject({
      gwsr: '11223343',
      process_date: '2024/02/01 10:00:05',
      auth_code: '777777',
      amount: '299',
      stage: '0',
      stast: '0',
      staed: '0',
      eci: '5',
      card4no: '2222',
      card6no: '431195',
      red_dan: '0',
      red_de_amt: '0',
      red_ok_amt: '0',
      red_yet: '0',
      PeriodType: 'M',
      Frequency: '1',
      ExecTimes: '12',
      PeriodAmount: '299',
      TotalSuccessTimes: '1',
      TotalSuccessAmount: '299',
    });
    expect(
      verifyCheckMacValue(signer.sign('3002607', fields).fields, ECPAY).valid,
    ).toBe(true);
  });

  it('sends RtnMsg=paid on re-sends and Succeeded to the browser, for successes only', () => {
    const o = order();
    const fields = paymentResultFields(o, o.authorizations[0]);
    expect(fields.RtnMsg).toBe('交易成功');
    expect(resentPaymentResultFields(fields).RtnMsg).toBe('paid');
    expect(orderResultFields(o, o.authorizations[0]).RtnMsg).toBe('Succeeded');
    const declined = authorization({ rtnCode: '10100058', rtnMsg: '授權失敗' });
    expect(
      resentPaymentResultFields(paymentResultFields(o, declined)).RtnMsg,
    ).toBe('授權失敗');
    expect(orderResultFields(o, declined).RtnMsg).toBe('授權失敗');
  });

  it('reports a BNPL payment with PaymentType BNPL_URICH and its BNPLTradeNo', () => {
    const result = {
      rtnCode: '1',
      rtnMsg: '交易成功',
      amount: 3000,
      processedAt: at('2024/03/02 09:00:00'),
      simulatePaid: false,
    };
    const o = order({
      payment: 'BNPL',
      totalAmount: 3000,
      period: undefined,
      authorizations: [],
      needExtraPaidInfo: true,
      bnpl: {
        bnplTradeNo: 'U2024030100001',
        installment: 6,
        appliedAt: at('2024/03/01 12:00:00'),
        result,
      },
    });
    const fields = paymentResultFields(o, result);
    expect(fields).toMatchObject({
      RtnCode: '1',
      PaymentType: 'BNPL_URICH',
      TradeAmt: '3000',
      BNPLTradeNo: 'U2024030100001',
      BNPLInstallment: '6',
    });
    expect(fields).not.toHaveProperty('gwsr');
  });
});

describe('bnplApplicationFields (PaymentInfoURL)', () => {
  it('given vector V8\u2019s data, yields V8\u2019s fields and CheckMacValue', () => {
    const v8 = vector('V8');
    const o = order({
      merchantTradeNo: 'BNPL20240301001',
      tradeNo: '2403011200001234',
      tradeDate: at('2024/03/01 12:00:00'),
      payment: 'BNPL',
      totalAmount: 3000,
      period: undefined,
      authorizations: [],
      status: 'bnpl-applying',
      bnpl: {
        bnplTradeNo: 'U2024030100001',
        installment: 6,
        appliedAt: at('2024/03/01 12:00:00'),
      },
    });
    const fields = bnplApplicationFields(o);
    expect(fields).toEqual(v8.fields);
    expect(signer.sign('3002607', fields).fields.CheckMacValue).toBe(
      v8.checkMacValue,
    );
  });
});

describe('NotificationSigner', () => {
  it('corrupts exactly as many MACs as the fault asks, keeping them well-formed', () => {
    const faults = new FaultPlan();
    faults.apply({ corruptNextMacs: 1 });
    const own = new NotificationSigner(() => ECPAY, faults);
    const fields = { MerchantID: '3002607', RtnCode: '1' };
    const bad = own.sign('3002607', fields);
    const good = own.sign('3002607', fields);
    expect(bad.macCorrupted).toBe(true);
    expect(bad.fields.CheckMacValue).toMatch(/^[0-9A-F]{64}$/);
    expect(verifyCheckMacValue(bad.fields, ECPAY)).toMatchObject({
      valid: false,
      reason: 'mismatch',
    });
    expect(good.macCorrupted).toBe(false);
    expect(verifyCheckMacValue(good.fields, ECPAY).valid).toBe(true);
  });
});
