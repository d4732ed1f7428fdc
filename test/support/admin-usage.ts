/**
 * What usage tests ask of a gateway's admin API: a key of their own (with a budget where one is
 * tested), an OpenAI client for it, and the key's usage record once it is written. The gateway's
 * configuration names `adminKey`.
 */
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { until } from '../replicas/support/plugin-jobs.js';

export const adminKey = 'admin-key-for-tests-0123456789';

export interface UsageRow {
  status: number;
  errorCode?: string;
  inputTokens: number;
  outputTokens: number;
  cost: number | null;
}

/** A new key named `name`, created with `fields` (a budget, say): its secret. */
export async function createKey(gatewayUrl: string, name: string, fields: Record<string, unknown> = {}): Promise<string> {
  const response = await fetch(`${gatewayUrl}/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, ...fields }),
  });
  assert.equal(response.status, 201);
  return ((await response.json()) as { key: string }).key;
}

/** An OpenAI client with a new key named `name`, created with `fields`. */
export async function clientWithKey(gatewayUrl: string, name: string, fields: Record<string, unknown> = {}): Promise<OpenAI> {
  return new OpenAI({ apiKey: await createKey(gatewayUrl, name, fields), baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
}

/** The first usage record of key `name`, waited for (the writer records in batches); `only` also checks it is the one. */
export async function recordOf<Row extends UsageRow = UsageRow>(gatewayUrl: string, name: string, only = false): Promise<Row> {
  let rows: Row[] = [];
  await until(
    async () => {
      const response = await fetch(`${gatewayUrl}/admin/usage?key=${name}`, { headers: { authorization: `Bearer ${adminKey}` } });
      rows = ((await response.json()) as { data: Row[] }).data;
      return rows.length >= 1;
    },
    10_000,
    `the usage record of ${name}`,
  );
  if (only) assert.equal(rows.length, 1);
  return rows[0] as Row;
}
