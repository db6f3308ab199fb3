/** ECPay's public stage merchant (docs/gateway-protocol.md §4): not a secret. */
export const ECPAY_STAGE = {
  merchantId: '3002607',
  hashKey: 'pwFHCqoQZGmho4w6',
  hashIV: 'EkRm7iFT261dpevs',
};
