import { IsInt, IsString } from 'class-validator';
import { PaymentsErrorCode } from '../errors/payments-error-code.js';
import {
  PaymentsConfigError,
  PaymentsValidationError,
  type FieldViolation,
} from '../errors/payments.error.js';
import type { GatewayName } from '../protocol/gateway-profile.js';
import { OnlyAt, Required } from '../validation/field-rules.js';
import { CreatePeriodicPaymentDto } from '../subscriptions/dto/create-periodic-payment.dto.js';
import { validateCheckoutRequest } from './validate-checkout-request.js';

const order = {
  periodAmount: 299,
  periodType: 'M',
  frequency: 1,
  execTimes: 12,
  itemName: 'Pro',
};

function violationsOf(
  input: unknown,
  gateway: GatewayName = 'ecpay',
): FieldViolation[] {
  try {
    validateCheckoutRequest(CreatePeriodicPaymentDto, input, gateway);
  } catch (error) {
    if (error instanceof PaymentsValidationError) return error.violations;
    throw error;
  }
  throw new Error('expected a PaymentsValidationError');
}

describe('validateCheckoutRequest', () => {
  it('returns an instance of the DTO class with its defaults, leaving the input alone', () => {
    const input = { ...order, browserResult: undefined };
    const dto = validateCheckoutRequest(
      CreatePeriodicPaymentDto,
      input,
      'ecpay',
    );
    expect(dto).toBeInstanceOf(CreatePeriodicPaymentDto);
    expect(dto).toMatchObject({ ...order, browserResult: true });
    expect(input).toEqual({ ...order, browserResult: undefined });
  });

  it('accepts an instance it returned before', () => {
    const dto = validateCheckoutRequest(
      CreatePeriodicPaymentDto,
      order,
      'allpay',
    );
    expect(
      validateCheckoutRequest(CreatePeriodicPaymentDto, dto, 'allpay'),
    ).toEqual(dto);
  });

  it('throws a PaymentsValidationError with the INVALID_REQUEST code and every message', () => {
    const attempt = () =>
      validateCheckoutRequest(
        CreatePeriodicPaymentDto,
        { ...order, frequency: 13, remark: '' },
        'ecpay',
      );
    expect(attempt).toThrow(PaymentsValidationError);
    expect(attempt).toThrow(
      expect.objectContaining({
        code: PaymentsErrorCode.INVALID_REQUEST,
        message:
          'Invalid payment request: frequency must be between 1 and 12 when periodType is M; remark must not be empty',
      }),
    );
  });

  it.each([null, 'order', 42, [order], undefined])(
    'rejects %j as a whole',
    (input) => {
      expect(violationsOf(input)).toEqual([
        {
          field: '',
          rule: 'isObject',
          message: 'the request must be an object',
        },
      ]);
    },
  );

  it('refuses a gateway it does not know', () => {
    expect(() =>
      validateCheckoutRequest(
        CreatePeriodicPaymentDto,
        order,
        'paypal' as GatewayName,
      ),
    ).toThrow(PaymentsConfigError);
  });

  it('rejects unknown fields instead of dropping them, at every depth', () => {
    const invoice = {
      print: '0',
      carrierType: '1',
      customerEmail: 'a@b.co',
      customerNmae: 'typo',
      items: [{ name: 'Pro', count: 1, word: '月', price: 299, unit: '月' }],
    };
    const { periodAmount, ...rest } = order;
    expect(
      violationsOf({ ...rest, periodamount: periodAmount, invoice }),
    ).toEqual([
      {
        field: 'periodamount',
        rule: 'whitelistValidation',
        message: 'periodamount is not an accepted field',
      },
      {
        field: 'periodAmount',
        rule: 'isDefined',
        message: 'periodAmount is required',
      },
      {
        field: 'invoice.customerNmae',
        rule: 'whitelistValidation',
        message: 'invoice.customerNmae is not an accepted field',
      },
      {
        field: 'invoice.items[0].unit',
        rule: 'whitelistValidation',
        message: 'invoice.items[0].unit is not an accepted field',
      },
    ]);
  });

  it('names nested fields by their dotted path, in the message too', () => {
    const invoice = {
      print: '0',
      carrierType: '1',
      customerEmail: 'a@b.co',
      items: [
        { name: 'Pro', count: 1, word: '月', price: 249 },
        { name: 'Setup', count: 1, word: '次', price: '50' },
      ],
    };
    expect(violationsOf({ ...order, invoice })).toEqual([
      {
        field: 'invoice.items[1].price',
        rule: 'isInt',
        message: 'invoice.items[1].price must be an integer number',
      },
    ]);
  });

  it('reports the first broken rule of each field, and every broken field', () => {
    expect(
      violationsOf({
        ...order,
        itemName: ['x'.repeat(500)],
        customFields: ['a"b', 'x'.repeat(60)],
      }),
    ).toEqual([
      {
        field: 'itemName',
        rule: 'isString',
        message: 'itemName must be a string',
      },
      {
        field: 'customFields',
        rule: 'maxLength',
        message:
          'each value in customFields must be shorter than or equal to 50 characters',
      },
    ]);
  });

  it('does not coerce: numbers stay numbers, strings stay strings', () => {
    expect(
      violationsOf({ ...order, periodAmount: '299', periodType: 77 }).map(
        (v) => v.rule,
      ),
    ).toEqual(['isInt', 'isIn']);
  });

  it('serves any DTO class, with its gateway rules in groups (e.g. a future BNPL DTO)', () => {
    class ProbeDto {
      @IsInt()
      @Required()
      amount: number;

      @IsString()
      @OnlyAt('ecpay', 'probe')
      note?: string;
    }
    expect(
      validateCheckoutRequest(ProbeDto, { amount: 1, note: 'n' }, 'ecpay'),
    ).toBeInstanceOf(ProbeDto);
    expect(() =>
      validateCheckoutRequest(ProbeDto, { amount: 1, note: 'n' }, 'allpay'),
    ).toThrow('note is supported by ECPay only (probe)');
  });
});
