// The shop's own escaping template tag: HTML helpers are not part of the payments library's API.

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
 * @example html`<td>${order.itemName}</td>`
 */
export function html(
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
