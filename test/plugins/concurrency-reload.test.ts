/**
 * A plugin's `concurrency` as reloaded is the limit in force: its calls' settings carry the new
 * limit, and the gate already in use for the plugin takes it, counting the calls still running.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PluginToolRunner } from '../../src/plugins/tool-runner.js';
import { ConcurrencyGate } from '../../src/plugins/concurrency-gate.js';
import { silentLogger } from '../../src/gateway/logger.js';
import type { PluginTool } from '../../src/plugins/plugin-tool.js';

/** A tool that takes 50 ms, configured with `concurrency`, and the most of its calls seen at once. */
function slowTool(concurrency: number, seen: { running: number; peak: number }): PluginTool {
  return {
    definition: { name: 'slow', parameters: { type: 'object' } },
    settings: { name: 'slow', concurrency, timeoutMs: 5000, async: false },
    async execute() {
      seen.running++;
      seen.peak = Math.max(seen.peak, seen.running);
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen.running--;
      return { text: 'ok', isError: false };
    },
  };
}

async function peakAfterReload(before: number, after: number): Promise<number> {
  const runner = new PluginToolRunner(silentLogger);
  const signal = new AbortController().signal;
  const first = { running: 0, peak: 0 };
  await runner.execute(slowTool(before, first), {}, signal, {});
  const seen = { running: 0, peak: 0 };
  await Promise.all([1, 2, 3, 4].map(() => runner.execute(slowTool(after, seen), {}, signal, {})));
  return seen.peak;
}

test('a raised concurrency lets more calls run at once', async () => {
  assert.equal(await peakAfterReload(1, 4), 4);
});

test('a lowered concurrency lets fewer calls run at once', async () => {
  assert.equal(await peakAfterReload(4, 1), 1);
});

test('the gate: a raised limit lets waiters in, a lowered one admits no more until holders leave', async () => {
  const gate = new ConcurrencyGate(1);
  const signal = new AbortController().signal;
  const holder = await gate.acquire(signal);
  let admitted = 0;
  const waiters = [gate.acquire(signal), gate.acquire(signal)].map((waiter) => waiter.then((release) => (admitted++, release)));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(admitted, 0);
  gate.setLimit(3);
  const [second, third] = await Promise.all(waiters);
  assert.equal(admitted, 2);

  gate.setLimit(1);
  let fourthIn = false;
  const fourth = gate.acquire(signal).then((release) => ((fourthIn = true), release));
  holder();
  second?.();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(fourthIn, false, 'one holder left, at the limit of 1');
  third?.();
  (await fourth)();
  assert.equal(fourthIn, true);
});
