import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import {
  checkMacValue,
  encodeFormBody,
  unixTimestamp,
  type MacKeys,
} from 'nestjs-twpay/protocol';
import { GatewaySimulatorModule } from '../../src/gateway-simulator.module.js';
import { GatewaySimulator } from '../../src/gateway-simulator.js';
import type { GatewaySimulatorOptions } from '../../src/simulator-options.js';
import { ECPAY } from './orders.js';

/** 2024/03/01 10:00:00 in Taipei: every e2e suite starts its virtual clock here. */
export const START_TIME = new Date('2024-03-01T02:00:00Z');

/** The simulator module in a Nest app on 127.0.0.1, as a host app would mount it. */
export async function startSimulatorApp(
  options: GatewaySimulatorOptions = {},
  configure: (app: INestApplication) => void = () => undefined,
  rawBody = true,
) {
  const moduleRef = await Test.createTestingModule({
    imports: [
      GatewaySimulatorModule.forRoot({ startTime: START_TIME, ...options }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({
    rawBody,
    logger: ['error', 'warn'],
  });
  configure(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return {
    app,
    server: app.getHttpServer(),
    url: `http://127.0.0.1:${port}`,
    simulator: app.get(GatewaySimulator),
    close: () => app.close(),
  };
}

/** A signed query/action request body with a fresh TimeStamp. */
export function signedQuery(
  fields: Record<string, string>,
  keys: MacKeys = ECPAY,
): string {
  const withTime = { TimeStamp: unixTimestamp(), ...fields };
  return encodeFormBody({
    ...withTime,
    CheckMacValue: checkMacValue(withTime, keys),
  });
}

/** The hidden inputs of an auto-submit form, and its action. */
export function autoSubmitForm(html: string): {
  action: string;
  fields: Record<string, string>;
} {
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&#96;/g, '`')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const action = unescape(
    /<form method="post" action="([^"]*)"/.exec(html)?.[1] ?? '',
  );
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(
    /<input type="hidden" name="([^"]*)" value="([^"]*)">/g,
  )) {
    fields[unescape(m[1])] = unescape(m[2]);
  }
  return { action, fields };
}
