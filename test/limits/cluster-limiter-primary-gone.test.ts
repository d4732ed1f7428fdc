/**
 * A worker of `serve --workers N` whose primary is gone (its IPC channel closed, or a message to it
 * cannot be sent) gets no answer to any question it asked or asks: the limiter fails them at once,
 * so a limited key's request is answered (503, retry) rather than held to the drain's deadline, and
 * what finished requests count (settle) completes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { ClusterLimiter, type LimitsChannel } from '../../src/limits/cluster-limiter.js';
import type { LimitsBatch } from '../../src/limits/cluster-limits-protocol.js';
import { AccessGate } from '../../src/gateway/access-gate.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import type { GatewayKey } from '../../src/keys/gateway-key.js';

/** A worker's end of a channel whose primary never answers; `disconnect()` closes it, as the primary's death does. */
function silentPrimary(options: { sendThrows?: boolean } = {}): { channel: LimitsChannel; sent: LimitsBatch[]; disconnect: () => void } {
  const events = new EventEmitter();
  const sent: LimitsBatch[] = [];
  const channel: LimitsChannel = {
    send: (message) => {
      if (options.sendThrows === true) throw new Error('channel closed');
      sent.push(message);
    },
    on: (event, listener) => events.on(event, listener),
    off: (event, listener) => events.off(event, listener),
  };
  return { channel, sent, disconnect: () => events.emit('disconnect') };
}

/** Lets every turn's questions be sent, and what settles now settle. */
async function turns(count = 10): Promise<void> {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
}

const stillWaiting = Symbol('still waiting');

/** How `promise` ends, its value or its error, watched from the moment it is made (so a failure is no unhandled rejection). */
function watched(promise: Promise<unknown>): Promise<{ value: unknown } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** How a watched promise has ended by now, or `stillWaiting`: raced against an already resolved marker. */
function outcomeNow(ending: Promise<unknown>): Promise<unknown> {
  return Promise.race([ending, Promise.resolve(stillWaiting)]);
}

const noRecords = () => Promise.reject(new Error('the records are not read here'));
const hold = { id: 'hold-1', keyId: 'k', periodStart: 0, dollars: 0.5 };

function assertPrimaryGone(outcome: unknown): void {
  assert.notEqual(outcome, stillWaiting, 'still waiting for a primary that is gone');
  const error = (outcome as { error?: unknown }).error;
  assert.ok(error instanceof InterlinguaError, `refused with the primary's absence, got ${String(error ?? JSON.stringify(outcome))}`);
  assert.deepEqual({ code: error.code, status: error.status, retryable: error.retryable }, { code: 'store_unavailable', status: 503, retryable: true });
}

test('questions under way when the primary goes fail at once: admissions refused with a 503, bookkeeping done', async () => {
  const { channel, sent, disconnect } = silentPrimary();
  const limiter = new ClusterLimiter(channel, () => 1_000_000);
  const requests = watched(limiter.admitRequest('k', 10));
  const tokens = watched(limiter.admitTokens('k', 1_000));
  const spent = watched(limiter.spent('k', 0, noRecords));
  const reserved = watched(limiter.reserveSpend(hold, 10, noRecords));
  const added = watched(limiter.addSpend('k', 0, 1));
  const released = watched(limiter.releaseSpend(hold));
  await turns();
  assert.equal(sent.length, 1, 'the questions went to the primary');
  disconnect();
  await turns();
  for (const admission of [requests, tokens, spent, reserved]) assertPrimaryGone(await outcomeNow(admission));
  assert.deepEqual(await outcomeNow(added), { value: undefined });
  assert.deepEqual(await outcomeNow(released), { value: undefined });
});

test('after the primary is gone nothing more is sent, limited requests are refused and what finished requests count completes', async () => {
  const { channel, sent, disconnect } = silentPrimary();
  const limiter = new ClusterLimiter(channel, () => 1_000_000);
  disconnect();
  const gate = new AccessGate(undefined as never, limiter, noRecords);
  const key: GatewayKey = { id: 'k', name: 'orphaned', prefix: 'il-', rpm: 10, tpm: 1_000, budget: { usd: 10, period: 'total' }, metadata: {}, createdAt: 0 };
  const admission = gate.admit(key, 'any', async () => 0.5);
  assert.ok(admission instanceof Promise);
  const admitted = watched(admission);
  const settled = watched(gate.settle(key, { inputTokens: 10, outputTokens: 5 }, 0.25, hold));
  const requests = watched(limiter.admitRequest('k', 10));
  await turns();
  assertPrimaryGone(await outcomeNow(admitted));
  assert.deepEqual(await outcomeNow(settled), { value: undefined });
  assertPrimaryGone(await outcomeNow(requests));
  assert.deepEqual(sent, []);
  await limiter.close();
});

test('a primary that cannot be sent to is as gone as one whose channel closed', async () => {
  const { channel } = silentPrimary({ sendThrows: true });
  const limiter = new ClusterLimiter(channel, () => 1_000_000);
  const spent = watched(limiter.spent('k', 0, noRecords));
  const requests = watched(limiter.admitRequest('k', 10));
  const added = watched(limiter.addSpend('k', 0, 1));
  await turns();
  const tokens = watched(limiter.admitTokens('k', 1_000));
  await turns();
  assertPrimaryGone(await outcomeNow(spent));
  assertPrimaryGone(await outcomeNow(requests));
  assert.deepEqual(await outcomeNow(added), { value: undefined });
  assertPrimaryGone(await outcomeNow(tokens));
});
