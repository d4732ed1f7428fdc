/**
 * What the repair tests ask of a gateway's admin API: a key of their own (with a budget where one
 * is tested), an OpenAI client for it, and the key's first usage record once it is written.
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

/** An OpenAI client with a new key named `name`, created with `fields` (a budget, say). */
export async function clientWithKey(gatewayUrl: string, name: string, fields: Record<string, unknown> = {}): Promise<OpenAI> {
  const response = await fetch(`${gatewayUrl}/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, ...fields }),
  });
  assert.equal(response.status, 201);
  const { key } = (await response.json()) as { key: string };
  return new OpenAI({ apiKey: key, baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
}

/** The first usage record of key `name`, waited for (the writer records in batches). */
export async function recordOf(gatewayUrl: string, name: string): Promise<UsageRow> {
  let rows: UsageRow[] = [];
  await until(
    async () => {
      const response = await fetch(`${gatewayUrl}/admin/usage?key=${name}`, { headers: { authorization: `Bearer ${adminKey}` } });
      rows = ((await response.json()) as { data: UsageRow[] }).data;
      return rows.length >= 1;
    },
    10_000,
    `the usage record of ${name}`,
  );
  return rows[0] as UsageRow;
}
