/**
 * The callback route a notification arrived on.
 *
 * @publicApi
 */
export type NotificationChannel =
  'return' | 'period' | 'payment_info' | 'order_result' | 'client_redirect';
