/**
 * What the gateway learns per deployment from an upstream's refusals (a model that does not think)
 * is kept for a bounded number of deployments: a caller may name `<provider>/<anything>`, and a set
 * per name grew with every name an upstream refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReasoningRefusalTransport } from '../../src/gateway/reasoning-refusal.js';
import { learnedDeployments } from '../../src/gateway/learned-deployments.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import type { DeploymentCall, DeploymentTransport } from '../../src/gateway/deployment-transport.js';
import type { ChatResponse } from '../../src/interlingua/response.js';

test('models learned not to think are remembered for the most recent deployments only', async () => {
  const asked: string[] = [];
  const inner = {
    complete: async (call: DeploymentCall) => {
      asked.push(`${call.deployment.model}:${call.request.reasoning === undefined ? 'plain' : 'thinking'}`);
      if (call.request.reasoning !== undefined) throw new InterlinguaError('invalid_request', `"${call.deployment.model}" does not support thinking`, { status: 400 });
      return { value: {} as ChatResponse, warnings: [] };
    },
    stream: () => Promise.reject(new Error('not used')),
  } as unknown as DeploymentTransport;
  const transport = new ReasoningRefusalTransport(inner);
  const call = (model: string) =>
    ({ deployment: { provider: { name: 'ollama' }, model }, request: { model, messages: [], sampling: {}, stream: false, reasoning: { enabled: true } } }) as unknown as DeploymentCall;

  for (let index = 0; index < learnedDeployments * 3; index++) await transport.complete(call(`model-${index}`));
  assert.ok(transport.learned <= learnedDeployments, `at most ${learnedDeployments} kept, not ${transport.learned}`);

  // The last one learned still goes without reasoning at once.
  asked.length = 0;
  const last = `model-${learnedDeployments * 3 - 1}`;
  const answered = await transport.complete(call(last));
  assert.deepEqual(asked, [`${last}:plain`]);
  assert.equal(answered.warnings[0]?.feature, 'reasoning');
});
