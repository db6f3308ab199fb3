import request from 'supertest';
import { readAppConfig } from '../src/config/app-config.js';
import { startExampleApp, type ExampleApp } from './helpers/example-app.js';

const DB = process.env.TWPAY_TEST_DB ?? 'sqlite';

describe(`example shop: health, API docs and settings (${DB})`, () => {
  let shop: ExampleApp;

  beforeAll(async () => {
    shop = await startExampleApp();
  });
  afterAll(async () => {
    await shop?.close();
  });

  it('GET /health answers ok with the database and the payments inbox', async () => {
    const res = await request(shop.url).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      details: {
        database: { status: 'up' },
        payments: {
          status: 'up',
          backlog: 0,
          failed: 0,
          abandoned: 0,
          oldestUnappliedAgeSeconds: null,
        },
      },
    });
  });

  it('GET /api/docs serves Swagger UI, and the OpenAPI document lists the JSON API', async () => {
    const page = await request(shop.url).get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    const doc = await request(shop.url).get('/api/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths as object)).toEqual(
      expect.arrayContaining([
        '/api/subscriptions',
        '/api/subscriptions/{id}',
        '/api/bnpl-orders',
        '/api/bnpl-orders/{id}',
        '/health',
      ]),
    );
    expect(doc.body.paths['/api/subscriptions'].post.summary).toBe(
      'Start a subscription and get its signed checkout form',
    );
  });

  it('reports a bad setting under its variable name, all at once', () => {
    expect(() =>
      readAppConfig({ PUBLIC_URL: 'shop.example.com', PORT: 'x' }),
    ).toThrow(
      'Invalid shop settings: PORT must be a port number (got "x"); PUBLIC_URL must be',
    );
    expect(() => readAppConfig({ PUBLIC_URL: 'ftp://shop' })).toThrow(
      /PUBLIC_URL must be the shop's absolute http\(s\) URL/,
    );
    expect(() => readAppConfig({ PUBLIC_URL: 'ftp://shop' })).not.toThrow(
      /gatewayBaseUrl/,
    );
  });
});
