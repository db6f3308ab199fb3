// The bare ceiling (run as its own process by the benchmark): a plain node:http server that parses
// the same urlencoded PeriodReturnURL body, hashes it once with SHA-256 and stores it with exactly
// one INSERT that ignores a duplicate, through the database's own driver, then answers `1|OK`.
// Pools have 10 connections, the size TypeORM gives the example app by default.
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { hash } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

type InsertLedgerRow = (
  row: [gwsr: string, merchantTradeNo: string, bodySha256: string],
) => Promise<unknown>;

/** The bare ledger table, created by the server itself (`bench_bare_ledger`, keyed by Gwsr). */
const COLUMNS = `gwsr VARCHAR(20) PRIMARY KEY, merchant_trade_no VARCHAR(20) NOT NULL, body_sha256 CHAR(64) NOT NULL`;

async function connect(url: string): Promise<InsertLedgerRow> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    await pool.query(
      `CREATE TABLE IF NOT EXISTS bench_bare_ledger (${COLUMNS})`,
    );
    return (row) =>
      pool.query(
        'INSERT INTO bench_bare_ledger (gwsr, merchant_trade_no, body_sha256) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        row,
      );
  }
  if (/^(mysql|mariadb):\/\//.test(url)) {
    const pool = mysql.createPool({
      uri: url.replace(/^mariadb:/, 'mysql:'),
      connectionLimit: 10,
    });
    await pool.query(
      `CREATE TABLE IF NOT EXISTS bench_bare_ledger (${COLUMNS})`,
    );
    return (row) =>
      pool.execute(
        'INSERT IGNORE INTO bench_bare_ledger (gwsr, merchant_trade_no, body_sha256) VALUES (?, ?, ?)',
        row,
      );
  }
  const db = new Database(url.replace(/^sqlite:(\/\/)?/, ''));
  db.exec(`CREATE TABLE IF NOT EXISTS bench_bare_ledger (${COLUMNS})`);
  const insert = db.prepare(
    'INSERT OR IGNORE INTO bench_bare_ledger (gwsr, merchant_trade_no, body_sha256) VALUES (?, ?, ?)',
  );
  return async (row) => insert.run(...row);
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const insertLedgerRow = await connect(url);
  const server = createServer((request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const fields = new URLSearchParams(body.toString('utf8'));
      const row: Parameters<InsertLedgerRow>[0] = [
        fields.get('Gwsr') ?? '',
        fields.get('MerchantTradeNo') ?? '',
        hash('sha256', body, 'hex'),
      ];
      insertLedgerRow(row).then(
        () =>
          response
            .writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' })
            .end('1|OK'),
        (error: Error) => response.writeHead(503).end(`0|${error.message}`),
      );
    });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
