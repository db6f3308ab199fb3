/**
 * The gateways this module speaks to.
 *
 * @publicApi
 */
export type GatewayName = 'allpay' | 'ecpay';

/** @publicApi */
export type GatewayEnvironment = 'stage' | 'production';

/**
 * The server-to-server and browser APIs a later call may need. `null` where a gateway has no such API.
 *
 * @publicApi
 */
export interface GatewayApiPaths {
  /** Browser form POST that creates an order (docs/gateway-protocol.md section 1). */
  aioCheckOut: string;
  /** One order's status; the reply is a signed `key=value&…` string (docs/gateway-protocol.md §7.3). */
  queryTradeInfo: string;
  /** A periodic order with its execution log; JSON reply (docs/gateway-protocol.md §7.1). */
  queryCreditCardPeriodInfo: string;
  /** ReAuth / Cancel of a periodic order: ECPay only (docs/gateway-protocol.md §7.2). */
  creditCardPeriodAction: string | null;
}

/**
 * Everything that differs between AllPay V4 and ECPay V5 (docs/gateway-protocol.md sections 1, 5.2 and 11.7).
 *
 * @publicApi
 */
export interface GatewayProfile {
  readonly name: GatewayName;
  readonly displayName: string;
  readonly hosts: Readonly<Record<GatewayEnvironment, string>>;
  readonly paths: Readonly<GatewayApiPaths>;
  /** ItemName: String(200) at AllPay, String(400) at ECPay. */
  readonly itemNameMaxLength: number;
  /** CustomField1-4 exist at ECPay only. */
  readonly supportsCustomFields: boolean;
  /** ECPay's card-less instalments (ChoosePayment=BNPL). */
  readonly supportsBnpl: boolean;
  /** The e-invoice `Donation` value that means "do not donate": `0` at ECPay, `2` at AllPay. */
  readonly invoiceDonationNo: '0' | '2';
  /** Public stage test merchant (docs/gateway-protocol.md section 4). Not a secret: published by the gateway. */
  readonly stageTestMerchant: {
    merchantId: string;
    hashKey: string;
    hashIV: string;
  };
}

/** @publicApi */
export const ALLPAY_PROFILE: GatewayProfile = {
  name: 'allpay',
  displayName: "AllPay (歐付寶/O'Pay)",
  hosts: {
    stage: 'https://payment-stage.allpay.com.tw',
    production: 'https://payment.allpay.com.tw',
  },
  paths: {
    aioCheckOut: '/Cashier/AioCheckOut/V4',
    queryTradeInfo: '/Cashier/QueryTradeInfo/V4',
    queryCreditCardPeriodInfo: '/Cashier/QueryCreditCardPeriodInfo',
    creditCardPeriodAction: null,
  },
  itemNameMaxLength: 200,
  supportsCustomFields: false,
  supportsBnpl: false,
  invoiceDonationNo: '2',
  stageTestMerchant: {
    merchantId: '2000132',
    hashKey: '5294y06JbISpM5x9',
    hashIV: 'v77hoKGq4kWxNNIS',
  },
};

/** @publicApi */
export const ECPAY_PROFILE: GatewayProfile = {
  name: 'ecpay',
  displayName: 'ECPay (綠界)',
  hosts: {
    stage: 'https://payment-stage.ecpay.com.tw',
    production: 'https://payment.ecpay.com.tw',
  },
  paths: {
    aioCheckOut: '/Cashier/AioCheckOut/V5',
    queryTradeInfo: '/Cashier/QueryTradeInfo/V5',
    queryCreditCardPeriodInfo: '/Cashier/QueryCreditCardPeriodInfo',
    creditCardPeriodAction: '/Cashier/CreditCardPeriodAction',
  },
  itemNameMaxLength: 400,
  supportsCustomFields: true,
  supportsBnpl: true,
  invoiceDonationNo: '0',
  stageTestMerchant: {
    merchantId: '3002607',
    hashKey: 'pwFHCqoQZGmho4w6',
    hashIV: 'EkRm7iFT261dpevs',
  },
};

/** @publicApi */
export const GATEWAY_PROFILES: Readonly<Record<GatewayName, GatewayProfile>> = {
  allpay: ALLPAY_PROFILE,
  ecpay: ECPAY_PROFILE,
};

/**
 * The absolute URL of one API: on the environment's host, or on `baseUrl` when given (the local
 * simulator, a proxy). Returns `null` for an API the gateway does not have.
 *
 * @publicApi
 */
export function gatewayApiUrl(
  profile: GatewayProfile,
  api: keyof GatewayApiPaths,
  target: { environment: GatewayEnvironment } | { baseUrl: string },
): string | null {
  const path = profile.paths[api];
  if (path === null) return null;
  const base =
    'baseUrl' in target ? target.baseUrl : profile.hosts[target.environment];
  return base.replace(/\/+$/, '') + path;
}
