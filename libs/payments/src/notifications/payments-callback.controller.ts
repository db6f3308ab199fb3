import {
  Controller,
  Inject,
  Logger,
  Post,
  Req,
  Res,
  type Type,
} from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PaymentsErrorCode } from '../errors/payments-error-code.js';
import type { NotificationChannel } from '../domain/notification-channel.js';
import { errorMessage } from '../errors/error-message.js';
import type { ResolvedPaymentsOptions } from '../interfaces/payments-module-options.interface.js';
import { PAYMENTS_RESOLVED_OPTIONS } from '../payments.constants.js';
import { BROWSER_CHANNELS } from '../domain/notification-channel.js';
import { BROWSER_REFUSAL_PAGE } from './browser-refusal-page.js';
import { refusalOfBody } from './callback-body-refusal.js';
import { receivedBodyOf, type ReceivedBody } from './read-callback-body.js';
import { NotificationProcessor } from './notification-processor.service.js';
import type { NotificationResult } from './notification-result.js';

/** The wire answer of a server route (docs/gateway-protocol.md §6.3). */
interface WireAnswer {
  status: number;
  body: string;
}

/**
 * What the gateway is told: `1|OK` once the notification is durably recorded (applied, applied before,
 * ignored by the module's rules, or stored for the re-apply job), `0|<reason>` with a 400 for one that
 * will never be valid.
 */
function wireAnswerOf(
  result: Exclude<NotificationResult, { outcome: 'redirect' }>,
): WireAnswer {
  return result.outcome === 'rejected'
    ? { status: 400, body: `0|${result.reason}` }
    : { status: 200, body: '1|OK' };
}

/**
 * The callback routes the gateway (and the buyer's browser) post to, under the module's route prefix:
 *
 * - `notify/return`: ReturnURL (first authorization; BNPL payment result);
 * - `notify/period`: PeriodReturnURL (every later authorization);
 * - `notify/payment-info`: PaymentInfoURL (BNPL application result);
 * - `redirect/order-result`: OrderResultURL (browser);
 * - `redirect/client`: ClientRedirectURL (browser).
 *
 * Each request is recorded in the inbox before it is answered. The answer is `1|OK` once the change is
 * committed or was applied before (or is stored and queued for re-apply), `0|<reason>` with a 4xx for a
 * request that will never be valid, and `0|<reason>` with a 503 when not even the raw body could be
 * stored, so the gateway re-sends.
 *
 * The class is made per module registration, because the prefix is a module setting.
 *
 * @internal
 */
export function createPaymentsCallbackController(
  routePrefix: string,
): Type<unknown> {
  @Controller(routePrefix)
  class PaymentsCallbackController {
    private readonly logger = new Logger(PaymentsCallbackController.name);

    constructor(
      private readonly processor: NotificationProcessor,
      @Inject(PAYMENTS_RESOLVED_OPTIONS)
      private readonly options: ResolvedPaymentsOptions,
    ) {}

    @Post('notify/return')
    notifyReturn(
      @Req() request: RawBodyRequest<Request>,
      @Res() response: Response,
    ): Promise<void> {
      return this.receive('return', request, response);
    }

    @Post('notify/period')
    notifyPeriod(
      @Req() request: RawBodyRequest<Request>,
      @Res() response: Response,
    ): Promise<void> {
      return this.receive('period', request, response);
    }

    @Post('notify/payment-info')
    notifyPaymentInfo(
      @Req() request: RawBodyRequest<Request>,
      @Res() response: Response,
    ): Promise<void> {
      return this.receive('payment_info', request, response);
    }

    @Post('redirect/order-result')
    redirectOrderResult(
      @Req() request: RawBodyRequest<Request>,
      @Res() response: Response,
    ): Promise<void> {
      return this.receive('order_result', request, response);
    }

    @Post('redirect/client')
    redirectClient(
      @Req() request: RawBodyRequest<Request>,
      @Res() response: Response,
    ): Promise<void> {
      return this.receive('client_redirect', request, response);
    }

    private async receive(
      channel: NotificationChannel,
      request: RawBodyRequest<Request>,
      response: Response,
    ): Promise<void> {
      const body = this.bodyOf(request);
      if (!body) {
        // Without the exact bytes the CheckMacValue cannot be recomputed (docs/gateway-protocol.md §2.3).
        this.logger.error(
          `[${PaymentsErrorCode.RAW_BODY_MISSING}] ${request.path}: the request's body was read by another middleware before the payments module's. ` +
            'Register body-reading middleware after the payments module, or create the app with NestFactory.create(AppModule, { rawBody: true }).',
        );
        this.answer(
          response,
          503,
          '0|server misconfigured: raw body unavailable',
        );
        return;
      }
      const refusal = refusalOfBody(
        request,
        body,
        this.options.maxCallbackBodyBytes,
      );
      let result: NotificationResult;
      try {
        const remoteAddress = request.ip ?? null;
        result = refusal
          ? await this.processor.refuseUnreadable(
              channel,
              body,
              remoteAddress,
              refusal.reason,
            )
          : await this.processor.receive(channel, body, remoteAddress);
      } catch (error) {
        this.logger.error(
          `A ${channel} notification could not be stored: ${errorMessage(error)}`,
        );
        this.answer(
          response,
          503,
          '0|temporarily unable to store the notification, please retry',
        );
        return;
      }
      if (result.outcome === 'redirect') {
        response.redirect(303, result.redirectTo);
        return;
      }
      const { status, body: answer } = wireAnswerOf(result);
      const refusedStatus =
        result.outcome === 'rejected' && refusal ? refusal.status : status;
      if (result.outcome === 'rejected' && BROWSER_CHANNELS.has(channel)) {
        // A buyer's browser reads this, not the gateway (docs/gateway-protocol.md §6.5).
        response
          .status(refusedStatus)
          .type('text/html; charset=utf-8')
          .send(BROWSER_REFUSAL_PAGE);
        return;
      }
      this.answer(response, refusedStatus, answer);
    }

    /**
     * The body the module's middleware read, or, when another middleware read it first, the bytes
     * Nest kept with `rawBody: true`.
     */
    private bodyOf(request: RawBodyRequest<Request>): ReceivedBody | null {
      const received = receivedBodyOf(request);
      if (received) return received;
      return Buffer.isBuffer(request.rawBody)
        ? { bytes: request.rawBody, length: request.rawBody.length }
        : null;
    }

    /**
     * Written straight to the socket: the gateway reads the status and the text, nothing else, and
     * express's `send()` would hash every answer for an ETag and check freshness on the hot path.
     */
    private answer(response: Response, status: number, body: string): void {
      response
        .writeHead(status, {
          'Content-Type': 'text/plain; charset=utf-8',
          'Content-Length': Buffer.byteLength(body),
        })
        .end(body);
    }
  }
  return PaymentsCallbackController;
}
