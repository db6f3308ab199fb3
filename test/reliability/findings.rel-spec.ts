/**
 * Issue 11, findings 1-6: one focused test each, on the example app in-process (the database of
 * TWPAY_TEST_DB; MariaDB where the finding is MariaDB's). They state what the fixes must satisfy.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { DataSource } from 'typeorm';
import { checkMacValue } from 'nestjs-twpay/protocol';
import { AppModule } from '../../src/app.module.js';
import { readAppConfig } from '../../src/config/app-config.js';
import {
  bnplApplicationFields,
  ECPAY_STAGE,
  firstAuthorizationFields,
  monthlyProcessDate,
  periodFields,
  signedBody,
} from '../../libs/payments/test/support/gateway-bodies.js';
import { startExampleApp, type ExampleApp } from '../helpers/example-app.js';
import { postRaw } from './helpers/http-client.js';

const AMOUNT = 299;

describe('issue 11 findings on the example app', () => {
  let shop: ExampleApp;
  let server: App;
  let gwsr = 50_000_000;

  beforeAll(async () => {
    shop = await startExampleApp({ env: { TWPAY_GATEWAY: 'ecpay' } });
    server = shop.app.getHttpServer();
  }, 120_000);
  afterAll(async () => {
    await shop?.close();
  });

  function subscribe(merchantTradeNo?: string) {
    return request(server)
      .post('/api/subscriptions')
      .send({
        periodAmount: AMOUNT,
        periodType: 'M',
        frequency: 1,
        execTimes: 12,
        itemName: 'Findings plan',
        ...(merchantTradeNo ? { merchantTradeNo } : {}),
      });
  }

  async function activeSubscription(): Promise<{
    id: string;
    merchantTradeNo: string;
  }> {
    const created = await subscribe().expect(201);
    await notify('return', first(created.body.merchantTradeNo)).expect(
      200,
      '1|OK',
    );
    return created.body;
  }

  function first(merchantTradeNo: string): Record<string, string> {
    return firstAuthorizationFields({
      merchantTradeNo,
      amount: AMOUNT,
      gwsr: String(gwsr++),
    });
  }

  function notify(
    channel: 'return' | 'period' | 'payment-info',
    fields: Record<string, string>,
  ) {
    return request(server)
      .post(`/payments/notify/${channel}`)
      .type('form')
      .send(signedBody(fields));
  }

  async function inboxRows(): Promise<number> {
    return shop.app
      .get(DataSource)
      .query('SELECT count(*) AS n FROM twpay_gateway_notification')
      .then((rows: Array<{ n: string | number }>) => Number(rows[0].n));
  }

  async function status(id: string): Promise<string> {
    return (await request(server).get(`/api/subscriptions/${id}`).expect(200))
      .body.status;
  }

  describe('1. letter case is not authenticated, so no decision may depend on it', () => {
    it('refuses a supplied MerchantTradeNo that differs only in case from an existing one', async () => {
      await subscribe('RLBTWIN1').expect(201);
      const twin = await subscribe('rlbtwin1');
      expect(twin.status).toBe(400);
    });

    it('a lower-cased MerchantTradeNo in a signed paid body activates no other order', async () => {
      const genuine = await subscribe('CASEPAY2').expect(201);
      const twin = await subscribe('casepay2'); // refused once finding 1 is fixed
      const fields = first('CASEPAY2');
      const lowered = { ...fields, MerchantTradeNo: 'casepay2' };
      // The premise: the MAC of the lower-cased body is the MAC of the genuine one.
      expect(checkMacValue(lowered, ECPAY_STAGE)).toBe(
        checkMacValue(fields, ECPAY_STAGE),
      );
      await notify('return', fields).expect(200, '1|OK');
      await notify('return', lowered);
      expect(await status(genuine.body.id)).toBe('active');
      const others: Array<{ status: string }> = await shop.app
        .get(DataSource)
        .createQueryBuilder()
        .select('s.status', 'status')
        .from('twpay_subscription', 's')
        .where('LOWER(s.merchant_trade_no) = :no', { no: 'casepay2' })
        .andWhere('s.id <> :id', { id: genuine.body.id })
        .getRawMany();
      expect(others.map((o) => o.status)).toEqual(
        twin.status === 201 ? ['pending'] : [],
      );
      const periods = (
        await request(server).get(`/api/subscriptions/${genuine.body.id}`)
      ).body.periods;
      expect(periods).toHaveLength(1);
    });

    it('a BNPL application result with PaymentType=bnpl_urich on notify/return does not fail an applying order', async () => {
      const created = await request(server)
        .post('/api/bnpl-orders')
        .send({ totalAmount: 3600, itemName: 'Case BNPL' })
        .expect(201);
      const no = created.body.merchantTradeNo as string;
      const application = bnplApplicationFields({
        merchantTradeNo: no,
        amount: 3600,
      });
      await notify('payment-info', application).expect(200, '1|OK');
      const bnplStatus = async () =>
        (
          await request(server)
            .get(`/api/bnpl-orders/${created.body.id}`)
            .expect(200)
        ).body.status;
      expect(await bnplStatus()).toBe('applying');
      await notify('return', { ...application, PaymentType: 'bnpl_urich' });
      expect(await bnplStatus()).toBe('applying');
    });
  });

  it('2. a first-authorization body posted to notify/period is refused and changes nothing', async () => {
    const created = await subscribe().expect(201);
    const answer = await notify('period', first(created.body.merchantTradeNo));
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.text).toMatch(/^0\|/);
    expect(await status(created.body.id)).toBe('pending');
  });

  it('3. a TotalSuccessTimes no integer column holds is refused with 400 0|<field and rule>', async () => {
    const subscription = await activeSubscription();
    const answer = await notify(
      'period',
      periodFields({
        merchantTradeNo: subscription.merchantTradeNo,
        amount: AMOUNT,
        gwsr: String(gwsr++),
        totalSuccessTimes: 999999999999,
        processDate: monthlyProcessDate(1),
      }),
    );
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/^0\|.*TotalSuccessTimes/);
  });

  describe('4. every request leaves an inbox row and a 4xx 0|<reason>', () => {
    const body = () =>
      signedBody(
        periodFields({
          merchantTradeNo: 'NOSUCHORDER1',
          amount: AMOUNT,
          gwsr: '1',
          totalSuccessTimes: 2,
          processDate: monthlyProcessDate(1),
        }),
      );

    it.each<[string, Record<string, string>]>([
      ['text/plain', { 'content-type': 'text/plain' }],
      [
        'multipart/form-data',
        { 'content-type': 'multipart/form-data; boundary=x' },
      ],
      ['an empty content type', { 'content-type': '' }],
      ['no content type', {}],
    ])('a body sent as %s', async (_name, headers) => {
      const before = await inboxRows();
      const answer = await postRaw(`${shop.url}/payments/notify/period`, {
        body: Buffer.from(body(), 'utf8'),
        headers,
      });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.text).toMatch(/^0\|/);
      expect(await inboxRows()).toBe(before + 1);
    });

    it('a body over the body parser limit', async () => {
      const before = await inboxRows();
      const answer = await request(server)
        .post('/payments/notify/period')
        .type('form')
        .send(`${body()}&CustomField1=${'a'.repeat(150_000)}`);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.text).toMatch(/^0\|/);
      expect(await inboxRows()).toBe(before + 1);
    });

    it('a NUL byte in a value', async () => {
      const before = await inboxRows();
      const answer = await request(server)
        .post('/payments/notify/period')
        .type('form')
        .send(
          body().replace(
            'MerchantTradeNo=NOSUCHORDER1',
            'MerchantTradeNo=NOSUCH%00ORDER1',
          ),
        );
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(await inboxRows()).toBe(before + 1);
    });
  });

  describe('5. log forging and reflection', () => {
    it('answers a CR/LF in MerchantID on one line', async () => {
      const fields = first('NOSUCHORDER2');
      const answer = await notify('return', {
        ...fields,
        MerchantID: '3002607\r\nFORGED line',
      });
      expect(answer.status).toBe(400);
      expect(answer.text).not.toMatch(/[\r\n]/);
    });

    it('bounds what a 60 KB MerchantID echoes', async () => {
      const answer = await notify('return', {
        ...first('NOSUCHORDER3'),
        MerchantID: 'M'.repeat(60_000),
      });
      expect(answer.status).toBe(400);
      expect(answer.text.length).toBeLessThan(1_000);
    });
  });

  it('6. a missing PaymentType is refused with words that name it, not "got $value"', async () => {
    const { PaymentType: _omitted, ...fields } = bnplApplicationFields();
    const answer = await notify('payment-info', fields);
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/PaymentType/);
    expect(answer.text).not.toContain('$value');
  });
});

describe('issue 11 finding 4 on MariaDB: a body over 65,535 bytes', () => {
  it('is recorded and answered 4xx 0|<reason>', async () => {
    const shop = await startExampleApp({
      databaseKind: 'mariadb',
      env: { TWPAY_GATEWAY: 'ecpay' },
    });
    try {
      const fields = {
        ...periodFields({
          merchantTradeNo: 'NOSUCHORDER4',
          amount: AMOUNT,
          gwsr: '1',
          totalSuccessTimes: 2,
          processDate: monthlyProcessDate(1),
        }),
        CustomField1: 'a'.repeat(70_000),
      };
      const answer = await request(shop.app.getHttpServer())
        .post('/payments/notify/period')
        .type('form')
        .send(signedBody(fields));
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.text).toMatch(/^0\|/);
      const rows: Array<{ n: string | number }> = await shop.app
        .get(DataSource)
        .query('SELECT count(*) AS n FROM twpay_gateway_notification');
      expect(Number(rows[0].n)).toBe(1);
    } finally {
      await shop.close();
    }
  }, 120_000);
});

describe('issue 11 finding 6 at boot and in the example config', () => {
  it('warns at boot about a HashKey or HashIV that is not 16 characters, without printing it', async () => {
    const warnings: string[] = [];
    const capture: LoggerService = {
      log: () => {},
      error: () => {},
      warn: (message: unknown) => warnings.push(String(message)),
    };
    const config = {
      ...readAppConfig({
        TWPAY_GATEWAY: 'ecpay',
        TWPAY_HASH_KEY: 'shortKey123',
        TWPAY_HASH_IV: 'EkRm7iFT261dpevs',
      }),
      database: { type: 'better-sqlite3' as const, database: ':memory:' },
    };
    const app = await NestFactory.create(AppModule.register(config), {
      logger: capture,
      abortOnError: false,
    });
    try {
      await app.init();
    } finally {
      await app.close();
      Logger.overrideLogger(false);
    }
    expect(warnings.some((w) => /HashKey/.test(w) && /16/.test(w))).toBe(true);
    expect(warnings.join('\n')).not.toContain('shortKey123');
  }, 60_000);

  it('reports a bad PUBLIC_URL as PUBLIC_URL', () => {
    expect(() => readAppConfig({ PUBLIC_URL: 'not a url' })).toThrow(
      /PUBLIC_URL/,
    );
  });

  it('prints the levels up to LOG_LEVEL, and names LOG_LEVEL when it is unknown', () => {
    expect(readAppConfig({}).logLevels).toContain('debug');
    expect(readAppConfig({ LOG_LEVEL: 'log' }).logLevels).toEqual([
      'fatal',
      'error',
      'warn',
      'log',
    ]);
    expect(() => readAppConfig({ LOG_LEVEL: 'chatty' })).toThrow(/LOG_LEVEL/);
  });
});
