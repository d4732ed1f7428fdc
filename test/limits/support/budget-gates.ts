import { randomUUID } from 'node:crypto';
import { AccessGate } from '../../../src/gateway/access-gate.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import type { GatewayKey } from '../../../src/keys/gateway-key.js';
import type { KeyAuthenticator } from '../../../src/keys/key-authenticator.js';
import type { Limiter, SpendHold } from '../../../src/limits/limiter.js';
import { StoreHandle } from '../../../src/store/store-handle.js';

/** A key with a `total` budget (its period starts at 0) and no other limit. */
export function budgetKey(usd: number): GatewayKey {
  return { id: randomUUID(), name: 'budgeted', prefix: 'il-test', budget: { usd, period: 'total' }, metadata: {}, createdAt: 0 };
}

/** A replica's (or worker's) admission over `limiter`, its records in an empty database. */
export function gateOver(limiter: Limiter): AccessGate {
  const store = new StoreHandle({ kind: 'sqlite', path: ':memory:' });
  // Admission reads only the key it is given; the authenticator is for the HTTP layer.
  return new AccessGate(undefined as unknown as KeyAuthenticator, limiter, () => store.get());
}

export type Admitted = { gate: AccessGate; hold: SpendHold | undefined };

/**
 * `count` requests of `key` admitted at once, spread over `gates`, each whose most possible cost
 * is `ceiling`: those admitted, and how many were refused for the budget.
 */
export async function burst(gates: readonly AccessGate[], key: GatewayKey, ceiling: number, count: number): Promise<{ admitted: Admitted[]; refused: number }> {
  const outcomes = await Promise.allSettled(
    Array.from({ length: count }, async (_, index) => {
      const gate = gates[index % gates.length] as AccessGate;
      const hold = (await gate.admit(key, 'chat', async () => ceiling)) ?? undefined;
      return { gate, hold };
    }),
  );
  const admitted: Admitted[] = [];
  let refused = 0;
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') admitted.push(outcome.value);
    else if (outcome.reason instanceof InterlinguaError && outcome.reason.code === 'rate_limited' && /has spent its budget/.test(outcome.reason.message)) refused++;
    else throw outcome.reason;
  }
  return { admitted, refused };
}

/** Every admitted request answered, each costing `cost`. */
export async function answerAll(admitted: readonly Admitted[], key: GatewayKey, cost: number): Promise<void> {
  for (const { gate, hold } of admitted) await gate.settle(key, { inputTokens: 1, outputTokens: 1 }, cost, hold);
}
