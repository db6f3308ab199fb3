import { INVOICE_RULES, type InvoiceFacts } from './periodic-invoice-rules.js';

type RuleName = keyof typeof INVOICE_RULES;

const item = (taxType?: string) => ({ name: 'x', count: 1, price: 1, taxType });

/** Every rule, with invoices that keep it and invoices that break it (docs/gateway-protocol.md §11.3). */
const TABLE: [RuleName, InvoiceFacts, boolean][] = [
  ['identifierNotDonated', { donation: '0' }, true],
  ['identifierNotDonated', {}, true],
  ['identifierNotDonated', { donation: '1' }, false],
  ['printed', { print: '1' }, true],
  ['printed', { print: '0' }, false],
  ['printed', {}, false],
  ['needsPhone', {}, true],
  ['needsPhone', { customerEmail: 'a@example.com' }, false],
  ['zeroRated', { taxType: '2' }, true],
  ['zeroRated', { taxType: '1' }, false],
  ['taxTypeMix', { taxType: '1', items: [item('2')] }, true],
  ['taxTypeMix', { taxType: '9', items: [item('1'), item('2')] }, true],
  ['taxTypeMix', { taxType: '9', items: [item('1'), item('3')] }, true],
  [
    'taxTypeMix',
    { taxType: '9', items: [item('1'), item('2'), item('3')] },
    false,
  ],
  ['taxTypeMix', { taxType: '9', items: [item('2'), item('3')] }, false],
  ['taxTypeMix', { taxType: '9', items: [item('1')] }, false],
  ['taxTypeMix', { taxType: '9', items: [item('1'), item()] }, false],
  // An invalid item taxType is the item's own error, reported once, not this rule's.
  ['taxTypeMix', { taxType: '9', items: [item('1'), item('7')] }, true],
  ['itemTaxTypesMatch', { taxType: '1', items: [item('1'), item()] }, true],
  ['itemTaxTypesMatch', { taxType: '9', items: [item('1'), item('3')] }, true],
  ['itemTaxTypesMatch', { taxType: '1', items: [item('1'), item('3')] }, false],
  ['notPrinted', { print: '0' }, true],
  ['notPrinted', { print: '1' }, false],
  ['carrierHasNumber', { carrierType: '2' }, true],
  ['carrierHasNumber', { carrierType: '3' }, true],
  ['carrierHasNumber', { carrierType: '1' }, false],
  ['carrierHasNumber', {}, false],
  [
    'carrierNumFormat',
    { carrierType: '2', carrierNum: 'AB12345678901234' },
    true,
  ],
  [
    'carrierNumFormat',
    { carrierType: '2', carrierNum: 'ab12345678901234' },
    false,
  ],
  ['carrierNumFormat', { carrierType: '2', carrierNum: '/ABC+123' }, false],
  ['carrierNumFormat', { carrierType: '3', carrierNum: '/ABC+123' }, true],
  ['carrierNumFormat', { carrierType: '3', carrierNum: '/abc+123' }, false],
  ['carrierNumFormat', { carrierType: '3', carrierNum: '/ABC+1234' }, false],
  ['donationNotPrinted', { donation: '1', print: '0' }, true],
  ['donationNotPrinted', { donation: '0', print: '1' }, true],
  ['donationNotPrinted', { donation: '1', print: '1' }, false],
  ['donated', { donation: '1' }, true],
  ['donated', { donation: '2' }, false],
  ['delivered', { print: '1' }, true],
  ['delivered', { print: '0', donation: '1' }, true],
  ['delivered', { print: '0', carrierType: '1' }, true],
  ['delivered', { print: '0' }, false],
  ['delivered', { print: '0', donation: '0' }, false],
  ['remarkFitsEncoded', {}, true],
  ['remarkFitsEncoded', { invoiceRemark: 'a'.repeat(4000) }, true],
  ['remarkFitsEncoded', { invoiceRemark: 'a'.repeat(4001) }, false],
  // 中 is 9 characters once .NET-URL-encoded (%e4%b8%ad): 444 fit, 445 do not.
  ['remarkFitsEncoded', { invoiceRemark: '中'.repeat(444) }, true],
  ['remarkFitsEncoded', { invoiceRemark: '中'.repeat(445) }, false],
];

describe('INVOICE_RULES (pure predicates of PeriodicInvoiceDto)', () => {
  it.each(TABLE)('%s(%j) is %s', (rule, invoice, kept) => {
    expect(INVOICE_RULES[rule](invoice)).toBe(kept);
  });

  it('has a row that keeps and a row that breaks every rule', () => {
    for (const rule of Object.keys(INVOICE_RULES) as RuleName[]) {
      const outcomes = new Set(
        TABLE.filter(([name]) => name === rule).map(([, , kept]) => kept),
      );
      expect([rule, [...outcomes].sort()]).toEqual([rule, [false, true]]);
    }
  });
});
