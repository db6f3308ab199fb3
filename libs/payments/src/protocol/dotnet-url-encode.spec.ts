import fc from 'fast-check';
import {
  DotNetUrlEncodedBuffer,
  dotNetUrlEncode,
} from './dotnet-url-encode.js';

const RUNS = { numRuns: 1000 };
const TRICKY = [
  '"',
  '\\',
  '~',
  "'",
  '+',
  '%',
  '&',
  '=',
  '\n',
  '\r',
  ' ',
  '王',
  'É',
];

/** Any UTF-16 code unit (lone surrogates included), any code point, or a character the gateways trip on. */
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom(...TRICKY),
);
const anyText = fc.string({ unit: anyUnit, maxLength: 24 });
const wellFormedText = fc.string({ unit: 'binary', maxLength: 24 });

/** Reference for what UTF-8 does with a lone surrogate: U+FFFD, as .NET's encoder does too. */
function replaceLoneSurrogates(text: string): string {
  return text.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

function decodeForm(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

describe('dotNetUrlEncode: the table of docs/gateway-protocol.md §2.1 step 4', () => {
  it('leaves A-Z a-z 0-9 - _ . ! * ( ) as they are, in their case', () => {
    const safe =
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!*()';
    expect(dotNetUrlEncode(safe)).toBe(safe);
  });

  it('turns a space into +', () => {
    expect(dotNetUrlEncode(' ')).toBe('+');
    expect(dotNetUrlEncode('Apple iphone 15')).toBe('Apple+iphone+15');
  });

  it.each([
    ['~', '%7e'],
    ["'", '%27'],
    ['+', '%2b'],
    ['@', '%40'],
    ['#', '%23'],
    ['/', '%2f'],
    [':', '%3a'],
    ['&', '%26'],
    ['=', '%3d'],
    ['%', '%25'],
    ['"', '%22'],
    [',', '%2c'],
    ['|', '%7c'],
    ['[', '%5b'],
    [']', '%5d'],
    ['{', '%7b'],
    ['}', '%7d'],
    [';', '%3b'],
    ['?', '%3f'],
    ['\\', '%5c'],
    ['<', '%3c'],
    ['>', '%3e'],
    ['`', '%60'],
    ['^', '%5e'],
    ['$', '%24'],
    ['\n', '%0a'],
    ['\r', '%0d'],
    ['\t', '%09'],
    ['\0', '%00'],
    ['\u007f', '%7f'],
  ])('encodes %j as %s', (char, encoded) => {
    expect(dotNetUrlEncode(char)).toBe(encoded);
  });

  it('encodes Chinese as three %xx per character, over UTF-8', () => {
    expect(dotNetUrlEncode('王')).toBe('%e7%8e%8b');
    expect(dotNetUrlEncode('促銷方案')).toBe(
      '%e4%bf%83%e9%8a%b7%e6%96%b9%e6%a1%88',
    ); // vector V1
  });

  it('encodes an astral character as four bytes and a lone surrogate as U+FFFD, never throwing', () => {
    expect(dotNetUrlEncode('😀')).toBe('%f0%9f%98%80');
    expect(dotNetUrlEncode('\uD800')).toBe('%ef%bf%bd');
    expect(dotNetUrlEncode('a\uDC00b')).toBe('a%ef%bf%bdb');
  });

  it("encodes V6's TradeDesc as the reference's encoded string shows", () => {
    expect(
      dotNetUrlEncode("Tom's plan ~ a+b=c @home / 100%").toLowerCase(),
    ).toBe('tom%27s+plan+%7e+a%2bb%3dc+%40home+%2f+100%25');
  });

  it('keeps leading and trailing spaces', () => {
    expect(dotNetUrlEncode(' https://x')).toBe('+https%3a%2f%2fx');
    expect(dotNetUrlEncode('a ')).toBe('a+');
  });
});

describe('dotNetUrlEncode: properties', () => {
  it('writes only [A-Za-z0-9-_.!*()+%], with every % starting a lower-case hex pair', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const encoded = dotNetUrlEncode(text);
        expect(encoded).toMatch(/^[A-Za-z0-9\-_.!*()+%]*$/);
        expect(encoded.replace(/%[0-9a-f]{2}/g, '')).not.toContain('%');
      }),
      RUNS,
    );
  });

  it('decodes back (+ as space, then decodeURIComponent) to the input, for well-formed text', () => {
    fc.assert(
      fc.property(
        fc.oneof(wellFormedText, anyText.map(replaceLoneSurrogates)),
        (text) => {
          expect(decodeForm(dotNetUrlEncode(text))).toBe(text);
        },
      ),
      RUNS,
    );
  });

  it('decodes back to the input with lone surrogates replaced by U+FFFD, for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(decodeForm(dotNetUrlEncode(text))).toBe(
          replaceLoneSurrogates(text),
        );
      }),
      RUNS,
    );
  });

  it('never trims: leading and trailing spaces become + at the ends, and only spaces become +', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const encoded = dotNetUrlEncode(` ${text} `);
        expect(encoded.startsWith('+')).toBe(true);
        expect(encoded.endsWith('+')).toBe(true);
        expect(encoded.split('+').length - 1).toBe(
          ` ${text} `.split(' ').length - 1,
        );
      }),
      RUNS,
    );
  });

  it("agrees, once lower-cased, with the official JS SDKs' recipe (encodeURIComponent, then ' ~ and %20 fixed)", () => {
    fc.assert(
      fc.property(wellFormedText, (text) => {
        const sdk = encodeURIComponent(text)
          .replace(/'/g, '%27')
          .replace(/~/g, '%7e')
          .replace(/%20/g, '+');
        expect(dotNetUrlEncode(text).toLowerCase()).toBe(sdk.toLowerCase());
      }),
      RUNS,
    );
  });
});

describe('DotNetUrlEncodedBuffer', () => {
  /** The table applied byte by byte to the UTF-8 bytes, the plain way. */
  function byteByByte(text: string): string {
    let out = '';
    for (const byte of Buffer.from(text, 'utf8')) {
      const char = String.fromCharCode(byte);
      if (/^[A-Za-z0-9\-_.!*()]$/.test(char)) out += char;
      else if (char === ' ') out += '+';
      else out += '%' + byte.toString(16).padStart(2, '0');
    }
    return out;
  }

  it('appends piece by piece exactly the encodings of the pieces, in case-keeping and lower-case mode', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 6 }), (pieces) => {
        const expected = pieces.map(byteByByte).join('');
        const keeping = new DotNetUrlEncodedBuffer(false);
        const lowering = new DotNetUrlEncodedBuffer(true);
        for (const piece of pieces) {
          keeping.append(piece);
          lowering.append(piece);
        }
        expect(keeping.toString()).toBe(expected);
        expect(lowering.toString()).toBe(expected.toLowerCase());
        expect(lowering.view().toString('latin1')).toBe(lowering.toString());
      }),
      RUNS,
    );
  });

  it('encodes each piece on its own: a surrogate pair split across two appends is two lone surrogates', () => {
    // The CheckMacValue appends a value between ASCII separators, so a value's own lone surrogate
    // stays lone there too: this is the gateway's reading of the joined text (docs/gateway-protocol.md §2.1).
    const buffer = new DotNetUrlEncodedBuffer(false);
    expect(buffer.append('\ud800').append('\udc00').toString()).toBe(
      '%ef%bf%bd%ef%bf%bd',
    );
    expect(buffer.reset().append('\ud800\udc00').toString()).toBe(
      '%f0%90%80%80',
    );
  });

  it('grows past its first capacity without losing what it holds, and starts empty after reset', () => {
    const buffer = new DotNetUrlEncodedBuffer(false);
    const head = 'a~'.repeat(1500);
    const tail = '王😀 '.repeat(20_000);
    buffer.append(head).append(tail);
    expect(buffer.toString()).toBe(byteByByte(head + tail));
    expect(buffer.reset().append('A b').toString()).toBe('A+b');
    expect(dotNetUrlEncode(tail)).toBe(byteByByte(tail));
    expect(dotNetUrlEncode('É')).toBe('%c3%89');
  });
});
