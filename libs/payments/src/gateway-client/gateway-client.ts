import { Inject, Injectable } from '@nestjs/common';
import { PeriodActionsUnsupportedError } from '../errors/gateway-client.errors.js';
import {
  PaymentsConfigError,
  UnsupportedByGatewayError,
} from '../errors/payments.error.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import { checkMacValue } from '../protocol/check-mac-value.js';
import {
  GATEWAY_PROFILES,
  gatewayApiUrl,
  type GatewayApiPaths,
  type GatewayProfile,
} from '../protocol/gateway-profile.js';
import { encodeFormBody } from '../protocol/parse-form-body.js';
import { unixTimestamp } from '../protocol/taipei-time.js';
import {
  DEFAULT_GATEWAY_HTTP_POLICY,
  GATEWAY_CLIENT_OPTIONS,
  type GatewayClientMerchant,
  type GatewayClientOptions,
} from './gateway-client-options.js';
import { GatewayHttp } from './gateway-http.js';
import {
  readPeriodActionAnswer,
  type PeriodAction,
  type PeriodActionResult,
} from './period-action.js';
import { readPeriodInfo, type CreditCardPeriodInfo } from './period-info.js';
import { readTradeInfoAnswer, type TradeInfo } from './trade-info.js';

/**
 * Which merchant a call is made for; the first configured merchant by default.
 *
 * @publicApi
 */
export interface GatewayCallOptions {
  merchantId?: string;
}

/**
 * The gateway's server-to-server query and action APIs (docs/gateway-protocol.md §7): each call is
 * signed with a fresh TimeStamp, sent with a timeout and retries (see {@link GatewayHttpPolicy}), and
 * its answer verified when the gateway signs it and read into a typed result. Failures are
 * `GatewayRequestError`s carrying the gateway's RtnCode/RtnMsg; no HashKey, HashIV or request body
 * ever reaches a log line or an error.
 *
 * A Nest provider inside `PaymentsModule`, and a plain class elsewhere (the CLI, scripts):
 * `new GatewayClient({ gateway: 'ecpay', environment: 'stage', merchants: [...] })`.
 *
 * @publicApi
 */
@Injectable()
export class GatewayClient {
  private readonly profile: GatewayProfile;
  private readonly http: GatewayHttp;

  constructor(
    @Inject(GATEWAY_CLIENT_OPTIONS)
    private readonly options: GatewayClientOptions,
  ) {
    if (options.merchants.length === 0) {
      throw new PaymentsConfigError(
        'merchants',
        PAYMENTS_MESSAGES.gatewayClientWithoutMerchant(),
      );
    }
    this.profile = GATEWAY_PROFILES[options.gateway];
    this.http = new GatewayHttp(
      { ...DEFAULT_GATEWAY_HTTP_POLICY, ...options.http },
      options.fetch ?? globalThis.fetch,
      options.random ?? Math.random,
    );
  }

  /**
   * Until when the gateway asked for silence with HTTP 403; every call fails fast with
   * `GatewayRateLimitedError` until then. `undefined` when calls may go out.
   */
  get rateLimitedUntil(): Date | undefined {
    return this.http.rateLimitedUntil;
  }

  /**
   * QueryCreditCardPeriodInfo (AllPay and ECPay): the agreement, its counters and its ExecLog. `null`
   * when the gateway has no periodic agreement under that MerchantTradeNo (RtnCode 10200047).
   */
  async queryPeriodInfo(
    merchantTradeNo: string,
    call: GatewayCallOptions = {},
  ): Promise<CreditCardPeriodInfo | null> {
    const body = await this.send('queryCreditCardPeriodInfo', {
      merchantTradeNo,
      call,
      idempotent: true,
    });
    return readPeriodInfo(body, merchantTradeNo);
  }

  /**
   * CreditCardPeriodAction `Cancel` (ECPay only): stops every future charge, immediately and for
   * good. Safe to repeat: an agreement already stopped answers `alreadyStopped: true`.
   */
  cancelPeriodicAgreement(
    merchantTradeNo: string,
    call: GatewayCallOptions = {},
  ): Promise<PeriodActionResult> {
    return this.periodAction('Cancel', merchantTradeNo, call);
  }

  /**
   * CreditCardPeriodAction `ReAuth` (ECPay only): asks the gateway to charge the latest failed period
   * again. The gateway runs it from its scheduler and posts the result to PeriodReturnURL like any
   * period. Not retried once it may have reached the gateway, so it is never requested twice.
   */
  reAuthorizeLatestCharge(
    merchantTradeNo: string,
    call: GatewayCallOptions = {},
  ): Promise<PeriodActionResult> {
    return this.periodAction('ReAuth', merchantTradeNo, call);
  }

  /** QueryTradeInfo (ECPay `/V5`, AllPay `/V4`): one order's payment, verified. */
  async queryTradeInfo(
    merchantTradeNo: string,
    call: GatewayCallOptions = {},
  ): Promise<TradeInfo> {
    const merchant = this.merchant(call);
    const body = await this.send('queryTradeInfo', {
      merchantTradeNo,
      call,
      idempotent: true,
    });
    return readTradeInfoAnswer(body, merchant, merchantTradeNo);
  }

  private async periodAction(
    action: PeriodAction,
    merchantTradeNo: string,
    call: GatewayCallOptions,
  ): Promise<PeriodActionResult> {
    const merchant = this.merchant(call);
    const body = await this.send('creditCardPeriodAction', {
      merchantTradeNo,
      call,
      extra: { Action: action },
      // A repeated Cancel is harmless (100006 = already stopped); a repeated ReAuth is not.
      idempotent: action === 'Cancel',
    });
    return readPeriodActionAnswer(body, merchant, { action, merchantTradeNo });
  }

  private send(
    api: keyof GatewayApiPaths,
    request: {
      merchantTradeNo: string;
      call: GatewayCallOptions;
      extra?: Record<string, string>;
      idempotent: boolean;
    },
  ): Promise<string> {
    const merchant = this.merchant(request.call);
    const url = gatewayApiUrl(
      this.profile,
      api,
      this.options.gatewayBaseUrl
        ? { baseUrl: this.options.gatewayBaseUrl }
        : { environment: this.options.environment },
    );
    if (url === null) throw this.unsupported(api);
    return this.http.post({
      api: this.profile.paths[api]!.replace(/^\/Cashier\//, ''),
      url,
      subject: request.merchantTradeNo,
      idempotent: request.idempotent,
      body: () => {
        const fields: Record<string, string> = {
          MerchantID: merchant.merchantId,
          MerchantTradeNo: request.merchantTradeNo,
          ...request.extra,
          // Valid for three minutes at the gateway: taken again for every attempt (§7.1).
          TimeStamp: unixTimestamp(),
          ...(merchant.platformId ? { PlatformID: merchant.platformId } : {}),
        };
        return encodeFormBody({
          ...fields,
          CheckMacValue: checkMacValue(fields, merchant),
        });
      },
    });
  }

  private merchant(call: GatewayCallOptions): GatewayClientMerchant {
    if (call.merchantId === undefined) return this.options.merchants[0];
    const merchant = this.options.merchants.find(
      (m) => m.merchantId === call.merchantId,
    );
    if (!merchant) {
      throw new PaymentsConfigError(
        'merchants',
        PAYMENTS_MESSAGES.merchantNotConfigured(call.merchantId),
      );
    }
    return merchant;
  }

  private unsupported(api: keyof GatewayApiPaths): UnsupportedByGatewayError {
    return api === 'creditCardPeriodAction'
      ? new PeriodActionsUnsupportedError(this.profile.displayName)
      : new UnsupportedByGatewayError(
          PAYMENTS_MESSAGES.gatewayApiMissing(this.profile.displayName, api),
        );
  }
}
