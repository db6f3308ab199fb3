import { escapeHtml } from './render-auto-submit-form.js';

/**
 * Markup that is already safe: produced by {@link html}, never by hand from outside input.
 *
 * @publicApi
 */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/**
 * A template tag that escapes every interpolated value with {@link escapeHtml} unless it is itself
 * {@link SafeHtml}; arrays are joined, and `undefined`, `null` and `false` render nothing. Pages built
 * only with it never show an item name, a gateway message or a URL raw. Used by the simulator's pages
 * and the example shop.
 *
 * @example html`<td>${order.itemName}</td>`
 * @publicApi
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
  return escapeHtml(String(value));
}
