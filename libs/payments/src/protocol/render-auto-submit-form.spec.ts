import fc from 'fast-check';
import { checkMacValue } from './check-mac-value.js';
import type { GatewayFieldList } from './gateway-fields.js';
import { escapeHtml, renderAutoSubmitForm } from './render-auto-submit-form.js';

const RUNS = { numRuns: 1000 };
const KEYS = { hashKey: 'pwFHCqoQZGmho4w6', hashIV: 'EkRm7iFT261dpevs' };

const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom(
    '"',
    "'",
    '<',
    '>',
    '&',
    '`',
    '&amp;',
    '&quot;',
    '&#39;',
    '\\',
    '~',
    '+',
    ' ',
    '王',
  ),
);
const anyText = fc.string({ unit: anyUnit, maxLength: 16 });

/** Undoes escapeHtml; `&amp;` last, so `&amp;quot;` comes back as `&quot;`. */
function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&');
}

/** Reads the hidden inputs back the simple way: name="…" value="…" with entities undone. */
function readInputs(html: string): [string, string][] {
  return [
    ...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g),
  ].map((m) => [unescapeHtml(m[1]), unescapeHtml(m[2])]);
}

function readAction(html: string): string {
  return unescapeHtml(/<form method="post" action="([^"]*)"/.exec(html)![1]);
}

describe('escapeHtml', () => {
  it.each([
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['"', '&quot;'],
    ["'", '&#39;'],
    ['`', '&#96;'],
    ['&amp;', '&amp;amp;'],
    ['王 ~\\', '王 ~\\'],
  ])('escapes %j as %j', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });
});

describe('renderAutoSubmitForm', () => {
  const signed: GatewayFieldList = [
    ['ItemName', 'Say "hi" & <b>bye</b>'],
    ['TradeDesc', "Tom's plan ~ a+b=c"],
    ['we"ird<name>', "x'y&z"],
    ['StoreID', ''],
    ['CheckMacValue', 'ABC'],
  ];
  const action =
    'https://payment-stage.ecpay.com.tw/Cashier/AioCheckOut/V5?a="1"&b=<2>\'';

  it('escapes " \' < > & in names, values and the action', () => {
    const html = renderAutoSubmitForm(action, signed);
    expect(html).toContain(
      '<input type="hidden" name="ItemName" value="Say &quot;hi&quot; &amp; &lt;b&gt;bye&lt;/b&gt;">',
    );
    expect(html).toContain(
      '<input type="hidden" name="TradeDesc" value="Tom&#39;s plan ~ a+b=c">',
    );
    expect(html).toContain(
      'name="we&quot;ird&lt;name&gt;" value="x&#39;y&amp;z"',
    );
    expect(html).toContain(
      'action="https://payment-stage.ecpay.com.tw/Cashier/AioCheckOut/V5?a=&quot;1&quot;&amp;b=&lt;2&gt;&#39;"',
    );
    expect(html).not.toContain('<b>');
  });

  it('reads back to exactly the signed strings, in order, so the MAC still holds', () => {
    const html = renderAutoSubmitForm(action, signed);
    expect(readInputs(html)).toEqual(signed);
    expect(readAction(html)).toBe(action);
    expect(checkMacValue(readInputs(html), KEYS)).toBe(
      checkMacValue(signed, KEYS),
    );
  });

  it('renders a record in its entry order', () => {
    expect(readInputs(renderAutoSubmitForm('/x', { b: '2', a: '1' }))).toEqual([
      ['b', '2'],
      ['a', '1'],
    ]);
  });

  it('posts by itself, as UTF-8, with a button when scripts are off', () => {
    const html = renderAutoSubmitForm('/x', { a: '1' });
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<body onload="document.forms[0].submit()">');
    expect(html).toContain('method="post"');
    expect(html).toContain('accept-charset="UTF-8"');
    expect(html).toContain('<noscript><button type="submit">');
  });

  it('reads back any names, values and action exactly (property)', () => {
    const fields = fc.array(fc.tuple(anyText, anyText), { maxLength: 6 });
    fc.assert(
      fc.property(anyText, fields, (anyAction, list) => {
        const html = renderAutoSubmitForm(anyAction, list);
        expect(readInputs(html)).toEqual(list);
        expect(readAction(html)).toBe(anyAction);
      }),
      RUNS,
    );
  });
});
