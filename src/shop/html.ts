import { escapeHtml } from 'nestjs-twpay';

/** Markup that is already safe: built by {@link html}, never by hand from outside input. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/**
 * A template tag that escapes every interpolated value with `escapeHtml` unless it is itself
 * {@link SafeHtml}; arrays are joined, and `undefined`, `null` and `false` render nothing. The shop's
 * pages are built only with it, so item names, ids and gateway messages never reach the page raw.
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
