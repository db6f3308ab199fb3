import { Controller, Logger, Post, Req, Res, type Type } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PaymentsErrorCode } from '../errors/payments-error-code.js';
import type { NotificationChannel } from '../domain/notification-channel.js';
import { errorMessage } from '../errors/error-message.js';
import { PAYMENTS_MESSAGES } from '../errors/payments.messages.js';
import { untrustedExcerpt } from '../untrusted-text.js';
import { NotificationProcessor } from './notification-processor.service.js';
import type { NotificationResult } from './notification-result.js';

/**
 * Whether the body is a form, as the gateways post (docs/gateway-protocol.md §6.3). Any other body is
 * stored and refused for what it is, rather than read as a form.
 */
function isFormBody(request: Request): boolean {
  return /^application\/x-www-form-urlencoded\s*(;|$)/i.test(
    request.get('content-type') ?? '',
  );
}

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
 * The callback routes the gateway (and the buyer's browser) post to, under the module's route prefix
 * (DESIGN.md "Contract"):
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

    constructor(private readonly processor: NotificationProcessor) {}

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
      if (!Buffer.isBuffer(request.rawBody)) {
        // Without the exact bytes the CheckMacValue cannot be recomputed (REFERENCE.md 2.3).
        this.logger.error(
          `[${PaymentsErrorCode.RAW_BODY_MISSING}] ${request.path}: the request's raw body is unavailable. ` +
            'Create the app with NestFactory.create(AppModule, { rawBody: true }).',
        );
        this.answer(
          response,
          503,
          '0|server misconfigured: raw body unavailable',
        );
        return;
      }
      let result: NotificationResult;
      try {
        const rawBody = request.rawBody.toString('utf8');
        const remoteAddress = request.ip ?? null;
        result = isFormBody(request)
          ? await this.processor.receive(channel, rawBody, remoteAddress)
          : await this.processor.refuseUnreadable(
              channel,
              rawBody,
              remoteAddress,
              PAYMENTS_MESSAGES.notAFormBody(
                untrustedExcerpt(request.get('content-type') ?? '(none)'),
              ),
            );
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
      const { status, body } = wireAnswerOf(result);
      this.answer(response, status, body);
    }

    private answer(response: Response, status: number, body: string): void {
      response.status(status).type('text/plain; charset=utf-8').send(body);
    }
  }
  return PaymentsCallbackController;
}
