/**
 * A failure in the gateway's own code during an attempt (here the stack overflow a deeply nested
 * value causes while a request is written) is no failure of the deployment: it does not cool the
 * deployment down for every other caller and is not retried there; the next deployment answers.
 * An upstream's failure still counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { ChatEngine } from '../../src/gateway/chat-engine.js';
import { ModelRouter } from '../../src/gateway/model-router.js';
import { Cancellation } from '../../src/gateway/cancellation.js';
import type { DeploymentTransport } from '../../src/gateway/deployment-transport.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { ChatResponse } from '../../src/interlingua/response.js';
import type { UsageAttempt } from '../../src/usage/usage-record.js';

const config = resolveConfig({
  providers: {
    first: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k' },
    second: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k' },
  },
  models: {
    pair: {
      deployments: [
        { provider: 'first', model: 'm1' },
        { provider: 'second', model: 'm2', priority: 1 },
      ],
      routing: { cooldown: { failures: 1, windowMs: 60_000, cooldownMs: 3_600_000 } },
    },
  },
  retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 10 },
});

const request: ChatRequest = { model: 'pair', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], sampling: {}, stream: false };

const answer: ChatResponse = { id: 'r', model: 'm2', content: [{ type: 'text', text: 'hello' }], finishReason: { unified: 'stop' }, usage: { inputTokens: 1, outputTokens: 1 } };

/** An engine whose first deployment fails with `failure`, and whose second answers or fails as an upstream. */
function engineFailingWith(failure: () => unknown, secondAnswers = false) {
  const calls = { first: 0, second: 0 };
  const transport = (name: 'first' | 'second'): DeploymentTransport => {
    const attempt = () => {
      calls[name]++;
      if (name === 'second' && secondAnswers) return { value: answer, warnings: [] };
      throw name === 'first' ? failure() : new InterlinguaError('upstream_error', 'second: bad gateway', { retryable: false });
    };
    return { complete: async () => attempt(), stream: async () => { throw new Error('not streamed here'); } };
  };
  const router = new ModelRouter(config);
  const engine = new ChatEngine(router, config.retry, (provider) => transport(provider.name as 'first' | 'second'));
  const healthy = async () => (await engine.balancer.snapshot(router.resolve('pair'))).deployments.map((deployment) => `${deployment.name} ${deployment.healthy}`);
  return { engine, calls, healthy };
}

test("an exception in the gateway's own code leaves the deployment healthy, is not retried there, and the next deployment answers", async () => {
  const { engine, calls, healthy } = engineFailingWith(() => new RangeError('Maximum call stack size exceeded'), true);
  for (let round = 0; round < 3; round++) {
    const attempts: UsageAttempt[] = [];
    const answered = await engine.complete(request, { cancellation: new Cancellation(), attempts });
    assert.equal(answered.deployment.provider.name, 'second');
    assert.deepEqual(attempts.map(({ deployment, status, errorCode }) => ({ deployment, status, errorCode })), [
      { deployment: 'first/m1', status: 500, errorCode: 'internal' },
      { deployment: 'second/m2', status: 200, errorCode: undefined },
    ]);
  }
  assert.deepEqual(calls, { first: 3, second: 3 }, 'tried once each time, never retried');
  assert.deepEqual(await healthy(), ['first/m1 true', 'second/m2 true']);
});

test("where no other deployment answers, the gateway's own fault reaches the caller as internal", async () => {
  const { engine } = engineFailingWith(() => new RangeError('Maximum call stack size exceeded'));
  const single = { ...request, model: 'pair' };
  await assert.rejects(engine.complete(single, { cancellation: new Cancellation() }), (error: unknown) => error instanceof InterlinguaError);
});

test("an upstream's failure still cools its deployment down and moves on to the next", async () => {
  const { engine, calls, healthy } = engineFailingWith(() => new InterlinguaError('upstream_error', 'first: bad gateway', { retryable: false }));
  await assert.rejects(engine.complete(request, { cancellation: new Cancellation() }), (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error');
  assert.deepEqual(calls, { first: 1, second: 1 });
  assert.deepEqual(await healthy(), ['first/m1 false', 'second/m2 false']);
});
