import { html } from '../html.js';
import { renderLayout } from './page-layout.js';
import type { ShopContext } from './shop-context.js';

/** A plain error page (unknown subscription or plan). */
export function renderMessagePage(
  title: string,
  message: string,
  context: ShopContext,
): string {
  return renderLayout(
    title,
    context,
    html`<h1>${title}</h1>
      <p>${message}</p>
      <p><a href="/">Back to the plans</a></p>`,
  );
}
