import Database from 'better-sqlite3';
import pg from 'pg';
import { parseDatabaseUrl } from '../src/store/database-url.js';

/** What the soak and probe runs ask of the gateway they run: a caller's key, and its usage records afterwards. */

/** Makes a key through the admin API, allowed the bench models (`soak-*`). */
export async function createKey(origin: string, adminKey: string, name: string): Promise<string> {
  const response = await fetch(`${origin}/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, models: ['soak-*'] }),
  });
  const body = (await response.json()) as { key?: string };
  if (response.status !== 201 || body.key === undefined) throw new Error(`could not create the ${name} key: ${response.status} ${JSON.stringify(body)}`);
  return body.key;
}

/** Usage records by HTTP status, read from the store once the gateway has closed it. */
export async function usageByStatus(databaseUrl: string): Promise<Map<number, number>> {
  const query = 'SELECT status, count(*) AS records FROM usage_records GROUP BY status';
  const location = parseDatabaseUrl(databaseUrl, process.cwd());
  if (location.kind === 'postgres') {
    const client = new pg.Client({ connectionString: location.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ status: number; records: string }>(query);
      return new Map(rows.map((row) => [Number(row.status), Number(row.records)]));
    } finally {
      await client.end();
    }
  }
  const database = new Database(location.path, { readonly: true });
  try {
    const rows = database.prepare(query).all() as Array<{ status: number; records: number }>;
    return new Map(rows.map((row) => [row.status, row.records]));
  } finally {
    database.close();
  }
}
