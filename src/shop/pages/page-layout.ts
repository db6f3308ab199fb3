import { html, SafeHtml } from '../html.js';
import type { ShopContext } from './shop-context.js';
import { SHOP_STYLESHEET } from './shop-stylesheet.js';

/**
 * Wraps a page's body in the shop's HTML document: title, stylesheet, header navigation (with the
 * simulator's link when it is mounted) and footer.
 */
export function renderLayout(
  title: string,
  context: ShopContext,
  body: SafeHtml,
): string {
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · TWPay demo shop</title>
        <style>
          ${new SafeHtml(SHOP_STYLESHEET)}
        </style>
      </head>
      <body>
        <header>
          <a href="/" class="brand">TWPay demo shop</a>
          <nav>
            <a href="/">Plans</a>
            <a href="/subscriptions">Subscriptions</a
            >${context.simulator && html` <a href="/simulator">Simulator</a>`}
          </nav>
        </header>
        <main>${body}</main>
        <footer class="muted">
          An example app for <code>nestjs-twpay</code>.
        </footer>
      </body>
    </html> `.value;
}
