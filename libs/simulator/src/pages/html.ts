// The simulator's own escaping template tag: HTML helpers are not part of the payments library's API.

/**
 * Markup that is already safe: produced by {@link markup}, never by hand from outside input.
 */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/**
 * A template tag that escapes every interpolated value unless it is itself {@link SafeHtml}; arrays
 * are joined, and `undefined`, `null` and `false` render nothing. Pages built only with it never show
 * an item name, a gateway message or a URL raw.
 *
 * @example markup`<td>${order.itemName}</td>`
 */
export function markup(
  strings: TemplateStringsArray,
  ...values: unknown[]
): SafeHtml {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return String(value).replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]);
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** A whole page with the simulator's small inline style sheet: no external assets. */
export function page(title: string, body: SafeHtml): string {
  return markup`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<p class="banner">Local gateway simulator (nestjs-twpay): no real card is charged.</p>
${body}
</body>
</html>
`.value;
}

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 70rem; padding: 0 1rem; color: #222; }
.banner { background: #fff3cd; border: 1px solid #e0c36a; padding: .4rem .8rem; font-size: .9rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; font-size: .9rem; }
th { background: #f4f4f4; }
form.inline { display: inline; }
label { display: block; margin: .5rem 0; }
input, select, button { font-size: 1rem; padding: .25rem .4rem; }
.error { color: #a00; font-weight: bold; }
.ok { color: #070; font-weight: bold; }
.muted { color: #666; font-size: .85rem; }
code, pre { background: #f6f6f6; padding: .1rem .3rem; word-break: break-all; white-space: pre-wrap; }
`;
