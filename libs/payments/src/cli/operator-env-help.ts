/** Help lines shared by the commands that open the app's database and call the gateway. */
export const OPERATOR_ENV_HELP: readonly string[] = [
  'Settings (the same variables as the app):',
  '  DATABASE_URL        postgres://…, mysql://…, or a SQLite path (default ./data/shop.sqlite)',
  '  TWPAY_GATEWAY       allpay (default) or ecpay',
  '  TWPAY_GATEWAY_URL   the gateway origin (e.g. the simulator); default: the stage host',
  '  TWPAY_MERCHANT_ID, TWPAY_HASH_KEY, TWPAY_HASH_IV   default: the stage test merchant',
];
