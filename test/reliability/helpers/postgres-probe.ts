import pg from 'pg';

const ADMIN_URL =
  process.env.TWPAY_TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs one query on the given database over a short-lived connection. */
export async function queryOnce<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A database outage as the apps see it: every open connection to `database` is terminated and new
 * ones are refused for `durationMs`, then allowed again. Runs from the `postgres` maintenance
 * database, so the outage does not cut its own connection.
 */
export async function databaseOutage(
  database: string,
  durationMs: number,
): Promise<{ terminated: number }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  admin.on('error', () => {}); // a failed query rejects on its own; the re-allow below still runs
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
    // The pids are chosen first, so pg_terminate_backend never sees another database's backend
    // (the planner may evaluate a WHERE clause's conditions in any order).
    const killed = await admin.query<{ pid: number }>(
      `WITH victims AS MATERIALIZED (
         SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()
       )
       SELECT pid FROM victims WHERE pg_terminate_backend(pid)`,
      [database],
    );
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    return { terminated: killed.rowCount ?? 0 };
  } finally {
    await admin.end().catch(() => {});
    // On a fresh connection: whatever went wrong above, the database must accept connections again.
    await queryOnce(
      ADMIN_URL,
      `ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`,
    );
  }
}

/** Every row of every table in the database's public schema, as one JSON text (for secret scans). */
export async function dumpDatabase(url: string): Promise<string> {
  const tables = await queryOnce<{ table_name: string }>(
    url,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
  );
  const dump: Record<string, unknown[]> = {};
  for (const { table_name } of tables) {
    dump[table_name] = await queryOnce(url, `SELECT * FROM "${table_name}"`);
  }
  return JSON.stringify(dump);
}
