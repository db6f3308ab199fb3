// The bare ceilings (run as their own process by the benchmark): a plain node:http server that
// parses the same urlencoded PeriodReturnURL body, hashes it once with SHA-256 and stores it through
// the database's own driver, then answers `1|OK`. Pools have 10 connections, the size TypeORM gives
// the example app by default. `BARE_WRITES` says what it stores:
//
// - `one` (the default, the ceiling): exactly one INSERT that ignores a duplicate;
// - `callback`: the four writes the module's callback transaction must make, in the cheapest form the
//   database offers and with no application logic: the ledger insert that ignores a duplicate, an
//   upsert of the subscription's row (its row lock and version bump), an outbox insert and an inbox
//   insert, as one statement on PostgreSQL (data-modifying CTEs, autocommit), one multi-statement
//   transaction in one round trip on MariaDB, one transaction on SQLite. What this reaches is the
//   most any implementation of that transaction can reach on the machine.
//
// `BARE_ROUTER=nest` serves the same behind a Nest route instead of a plain node:http handler.
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { hash } from 'node:crypto';
import { createServer } from 'node:http';
import {
  Controller,
  Header,
  HttpCode,
  Module,
  Post,
  Req,
  type RawBodyRequest,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Request } from 'express';
import pg from 'pg';

/** What one request stores: its Gwsr, its order and the body's hash (which stands in for the body). */
type Row = [gwsr: string, merchantTradeNo: string, bodySha256: string];
type Store = (row: Row) => Promise<unknown>;

/** The bare ledger table, keyed by Gwsr; the bench counts its rows afterwards. */
const LEDGER = `bench_bare_ledger (gwsr VARCHAR(20) PRIMARY KEY, merchant_trade_no VARCHAR(20) NOT NULL, body_sha256 CHAR(64) NOT NULL)`;
/** The three more tables of the `callback` shape. */
const CALLBACK_TABLES = [
  `bench_bare_subscription (merchant_trade_no VARCHAR(20) PRIMARY KEY, version INT NOT NULL, periods INT NOT NULL)`,
  `bench_bare_outbox (gwsr VARCHAR(20) PRIMARY KEY, name VARCHAR(40) NOT NULL, payload CHAR(64) NOT NULL)`,
  `bench_bare_inbox (gwsr VARCHAR(20) PRIMARY KEY, channel VARCHAR(20) NOT NULL, body_sha256 CHAR(64) NOT NULL)`,
];

async function connect(url: string, callbackShape: boolean): Promise<Store> {
  const tables = callbackShape ? [LEDGER, ...CALLBACK_TABLES] : [LEDGER];
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    for (const table of tables)
      await pool.query(`CREATE TABLE IF NOT EXISTS ${table}`);
    const sql = callbackShape
      ? `WITH ledger AS (INSERT INTO bench_bare_ledger VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING gwsr),
           subscription AS (INSERT INTO bench_bare_subscription SELECT $2, 1, 1 FROM ledger
             ON CONFLICT (merchant_trade_no) DO UPDATE SET version = bench_bare_subscription.version + 1,
             periods = bench_bare_subscription.periods + 1 RETURNING 1),
           outbox AS (INSERT INTO bench_bare_outbox SELECT gwsr, 'twpay.period.succeeded', $3 FROM ledger RETURNING 1)
         INSERT INTO bench_bare_inbox VALUES ($1, 'period', $3) ON CONFLICT DO NOTHING`
      : 'INSERT INTO bench_bare_ledger VALUES ($1, $2, $3) ON CONFLICT DO NOTHING';
    return (row) => pool.query(sql, row);
  }
  if (/^(mysql|mariadb):\/\//.test(url)) {
    const pool = mysql.createPool({
      uri: url.replace(/^mariadb:/, 'mysql:'),
      connectionLimit: 10,
      multipleStatements: callbackShape,
    });
    for (const table of tables)
      await pool.query(`CREATE TABLE IF NOT EXISTS ${table}`);
    if (!callbackShape)
      return (row) =>
        pool.execute(
          'INSERT IGNORE INTO bench_bare_ledger VALUES (?, ?, ?)',
          row,
        );
    return ([gwsr, merchantTradeNo, sha]) =>
      pool.query(
        `START TRANSACTION;
         INSERT IGNORE INTO bench_bare_ledger VALUES (?, ?, ?);
         INSERT INTO bench_bare_subscription VALUES (?, 1, 1)
           ON DUPLICATE KEY UPDATE version = version + 1, periods = periods + 1;
         INSERT IGNORE INTO bench_bare_outbox VALUES (?, 'twpay.period.succeeded', ?);
         INSERT IGNORE INTO bench_bare_inbox VALUES (?, 'period', ?);
         COMMIT`,
        [gwsr, merchantTradeNo, sha, merchantTradeNo, gwsr, sha, gwsr, sha],
      );
  }
  const db = new Database(url.replace(/^sqlite:(\/\/)?/, ''));
  for (const table of tables) db.exec(`CREATE TABLE IF NOT EXISTS ${table}`);
  const ledger = db.prepare(
    'INSERT OR IGNORE INTO bench_bare_ledger VALUES (?, ?, ?)',
  );
  if (!callbackShape) return async (row) => ledger.run(...row);
  const subscription = db.prepare(
    `INSERT INTO bench_bare_subscription VALUES (?, 1, 1) ON CONFLICT (merchant_trade_no)
     DO UPDATE SET version = version + 1, periods = periods + 1`,
  );
  const outbox = db.prepare(
    "INSERT OR IGNORE INTO bench_bare_outbox VALUES (?, 'twpay.period.succeeded', ?)",
  );
  const inbox = db.prepare(
    "INSERT OR IGNORE INTO bench_bare_inbox VALUES (?, 'period', ?)",
  );
  const store = db.transaction(([gwsr, merchantTradeNo, sha]: Row) => {
    ledger.run(gwsr, merchantTradeNo, sha);
    subscription.run(merchantTradeNo);
    outbox.run(gwsr, sha);
    inbox.run(gwsr, sha);
  });
  return async (row) => store(row);
}

/** What one request stores, read from its body. */
function rowOf(body: Buffer): Row {
  const fields = new URLSearchParams(body.toString('utf8'));
  return [
    fields.get('Gwsr') ?? '',
    fields.get('MerchantTradeNo') ?? '',
    hash('sha256', body, 'hex'),
  ];
}

function serveOnNodeHttp(store: Store, port: number): void {
  const server = createServer((request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      store(rowOf(Buffer.concat(chunks))).then(
        () =>
          response
            .writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' })
            .end('1|OK'),
        (error: Error) => response.writeHead(503).end(`0|${error.message}`),
      );
    });
  });
  server.listen(port, '127.0.0.1');
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

/**
 * The same store behind a Nest 12 route on express with its default body parsers and the raw body
 * kept (as the example app has them): what routing through Nest costs before any application logic.
 */
async function serveOnNest(store: Store, port: number): Promise<void> {
  @Controller('payments')
  class NotifyController {
    @Post('notify/period')
    @HttpCode(200)
    @Header('Content-Type', 'text/plain; charset=utf-8')
    async notify(@Req() request: RawBodyRequest<Request>): Promise<string> {
      await store(rowOf(request.rawBody!));
      return '1|OK';
    }
  }
  @Module({ controllers: [NotifyController] })
  class SkeletonModule {}
  const app = await NestFactory.create(SkeletonModule, {
    logger: false,
    rawBody: true,
  });
  await app.listen(port, '127.0.0.1');
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const store = await connect(url, process.env.BARE_WRITES === 'callback');
  const port = Number(process.env.PORT);
  if (process.env.BARE_ROUTER === 'nest') await serveOnNest(store, port);
  else serveOnNodeHttp(store, port);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
