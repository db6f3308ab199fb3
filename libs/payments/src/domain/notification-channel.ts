/**
 * The callback route a notification arrived on.
 *
 * @publicApi
 */
export type NotificationChannel =
  'return' | 'period' | 'payment_info' | 'order_result' | 'client_redirect';

/** The channels a buyer's browser posts to (OrderResultURL, ClientRedirectURL). @internal */
export type BrowserChannel = 'order_result' | 'client_redirect';

/**
 * The browser channels: one-shot posts that never change state, answered with a page a buyer
 * reads rather than protocol text (docs/gateway-protocol.md §6.5).
 *
 * @internal
 */
export const BROWSER_CHANNELS: ReadonlySet<NotificationChannel> =
  new Set<BrowserChannel>(['order_result', 'client_redirect']);
