import type { HttpAdapterHost } from '@nestjs/core';
import type { RequestHandler } from 'express';
import { PaymentsConfigError } from '../errors/payments.error.js';

/** The part of an express 5 application this needs: its router's layer stack. */
interface ExpressApplication {
  use(handler: RequestHandler): unknown;
  router: { stack: unknown[] };
}

/**
 * Puts `middleware` first in the express application's stack, ahead of the body parsers Nest
 * registers when the application initialises. Why: a parser that refuses a body (413 over its
 * limit, 415 for a charset, 400 for an encoding or bad JSON) answers before any route or module
 * middleware runs, so the callback routes could not record the request; they read their own bodies.
 *
 * @throws {PaymentsConfigError} when the host does not run on express (the module's callback routes need it)
 * @internal
 */
export function useBeforeBodyParsers(
  adapterHost: HttpAdapterHost,
  middleware: RequestHandler,
): void {
  const app = adapterHost.httpAdapter?.getInstance<ExpressApplication>();
  if (!Array.isArray(app?.router?.stack)) {
    throw new PaymentsConfigError(
      'platform',
      'The callback routes need the express platform (@nestjs/platform-express): they read their own request bodies.',
    );
  }
  app.use(middleware);
  const stack = app.router.stack;
  stack.unshift(...stack.splice(stack.length - 1, 1));
}
