/**
 * Usage records for the tests of the per-key day totals, and the sums they must equal: the
 * queries the budget check ran over every usage row before the day table existed.
 */
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/open-store.js';
import type { UsageRecord } from '../../src/usage/usage-record.js';
import type { PeriodSpend } from '../../src/usage/key-spend.js';
import { periodStart } from '../../src/keys/budget-period.js';

export const dayMs = 86_400_000;
/** Thursday 26 February 2026, UTC midnight: the records run over a week's and a month's start. */
export const firstDay = Date.UTC(2026, 1, 26);
export const days = 6;
export const keyIds = ['key-a', 'key-b', 'key-c'];

/** A small deterministic generator (mulberry32), so a failure can be run again as it was. */
function numbers(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `count` records over `days` UTC days from `firstDay`: three keys and records without one, about
 * one in six without a price, costs in millionths of a dollar as the price table gives them, and
 * some at a midnight exactly or the millisecond before it.
 */
export function spreadRecords(count: number, seed: number, idPrefix = 'req'): UsageRecord[] {
  const next = numbers(seed);
  return Array.from({ length: count }, (_, index) => {
    const day = Math.floor(next() * days);
    const edge = next();
    const within = edge < 0.05 ? 0 : edge < 0.1 ? dayMs - 1 : Math.floor(next() * dayMs);
    const keyId = [...keyIds, undefined][Math.floor(next() * 4)];
    const unpriced = next() < 1 / 6;
    return {
      id: `${idPrefix}-${seed}-${index}`,
      createdAt: firstDay + day * dayMs + within,
      model: 'chat',
      caller: 'openai-chat',
      stream: false,
      status: 200,
      inputTokens: 10,
      outputTokens: 5,
      cachedTokens: 0,
      reasoningTokens: 0,
      cost: unpriced ? null : Math.round(next() * 40_000) / 1_000_000,
      latencyMs: 100,
      ...(keyId === undefined ? {} : { keyId, keyName: keyId }),
    };
  });
}

/** The key's spend since `since` as summed over every usage row: the query the day table replaces. */
export async function spendOverUsageRows(store: Store, keyId: string, since: number): Promise<PeriodSpend> {
  const row = await store.db
    .selectFrom('usage_records')
    .select((select) => [select.fn.sum<number | string | null>('cost').as('cost'), select.fn.sum<number | string | null>('no_price').as('unpriced')])
    .where('key_id', '=', keyId)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return { cost: Number(row?.cost ?? 0), unpricedRequests: Number(row?.unpriced ?? 0) };
}

/** Every period start a budget can have over the records, a moment before them, and moments inside a day. */
export function periodStarts(): number[] {
  const starts = new Set<number>([0, firstDay - dayMs, firstDay + 12_345, firstDay + 3 * dayMs - 1, firstDay + 4 * dayMs + 43_200_000]);
  for (let day = 0; day <= days; day++) {
    const now = firstDay + day * dayMs + 1_000;
    for (const period of ['day', 'week', 'month', 'total'] as const) starts.add(periodStart(period, now));
  }
  return [...starts].sort((a, b) => a - b);
}

/**
 * The spend read from the day table equals the sum over the usage rows: to the cent and within
 * rounding of the last bits (the day totals add in another order), the unpriced count exactly.
 */
export function assertSameSpend(actual: PeriodSpend, expected: PeriodSpend, what: string): void {
  assert.equal(actual.unpricedRequests, expected.unpricedRequests, `${what}: unpriced requests`);
  assert.equal(Math.round(actual.cost * 100), Math.round(expected.cost * 100), `${what}: cents`);
  assert.ok(Math.abs(actual.cost - expected.cost) < 1e-9, `${what}: ${actual.cost} against ${expected.cost}`);
}
