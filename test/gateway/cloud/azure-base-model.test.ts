/**
 * An Azure deployment of o3 under a name of the customer's own (`prod-o3`): Azure refuses what
 * OpenAI's o3 refuses, in OpenAI's words, whatever the deployment is called ("Unsupported parameter:
 * 'stop' is not supported with this model.", https://github.com/crewAIInc/crewAI/issues/2738;
 * `parallel_tool_calls` for the o-series, https://github.com/langchain-ai/langchain/issues/29416;
 * `temperature` other than 1). The gateway cannot tell from the name, so the catalog entry says it:
 * `catalog: { prod-o3: { baseModel: o3 } }`, as LiteLLM's users set `model_info.base_model` per Azure
 * deployment (https://docs.litellm.ai/docs/proxy/custom_pricing, "Base Model Mapping").
 *
 * The test upstream judges a deployment by its name's model rules, so it knows nothing of `prod-o3`;
 * each request it receives is judged here again as Azure would judge it: as a deployment of o3
 * (the Azure judge of test/support/vendor-rules/azure-openai.ts, with o3 in the path).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream, type RecordedRequest } from '../../support/test-upstream.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';
import { readFixtureJson } from '../../support/fixtures.js';

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: { azure: { dialect: 'azure-openai', baseUrl: upstream.baseUrl, apiVersion: '2025-04-01-preview', apiKey: 'azure-test-key' } },
    models: {
      // Both deployments serve o3; only prod-o3's entry says so.
      prod: [{ provider: 'azure', model: 'prod-o3' }],
      unlabelled: [{ provider: 'azure', model: 'team-o3' }],
    },
    catalog: { 'prod-o3': { baseModel: 'o3' } },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
});
beforeEach(() => upstream.reset());

const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });

/** What Azure answers a request to `deployment` when the deployment serves o3. */
function judgedAsO3(received: RecordedRequest | undefined, deployment: string) {
  assert.ok(received !== undefined);
  return judgeRequest({ ...received, url: received.url.replace(`/deployments/${deployment}/`, '/deployments/o3/') });
}

/**
 * A request with temperature, stop sequences and one tool call at a time. `temperature` is no longer
 * in the Anthropic SDK's own types (1.12), but its earlier versions and other clients send it.
 */
async function askWithSamplingAndTools(model: string) {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i0.response.json') });
  const params: Anthropic.MessageCreateParamsNonStreaming & { temperature: number } = {
    model,
    max_tokens: 2000,
    temperature: 0.2,
    stop_sequences: ['END'],
    tools: [{ name: 'weather', description: 'Get weather information for a location', input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }],
    tool_choice: { type: 'auto', disable_parallel_tool_use: true },
    messages: [{ role: 'user', content: "What's the weather in Florence,Italy?" }],
  };
  return anthropic().messages.create(params).withResponse();
}

test('without baseModel, an o3 deployment of another name is sent what o3 refuses', async () => {
  await askWithSamplingAndTools('unlabelled');
  assert.equal(upstream.requests[0]?.url, '/openai/deployments/team-o3/chat/completions?api-version=2025-04-01-preview');
  const refusal = judgedAsO3(upstream.requests[0], 'team-o3');
  assert.ok(refusal !== undefined, 'Azure refuses it');
  assert.equal(refusal.status, 400);
});

test('with baseModel: o3, the same request is fitted to o3, Azure takes it, and the caller is told what was left out', async () => {
  const { data: message, response } = await askWithSamplingAndTools('prod');
  assert.equal(message.stop_reason, 'tool_use');
  assert.equal(upstream.requests[0]?.url, '/openai/deployments/prod-o3/chat/completions?api-version=2025-04-01-preview');
  const refusal = judgedAsO3(upstream.requests[0], 'prod-o3');
  assert.equal(refusal, undefined, refusal === undefined ? '' : `${refusal.rule}: ${refusal.message}`);
  const body = upstream.requests[0]?.body as Record<string, unknown>;
  assert.equal(body['temperature'], undefined);
  assert.equal(body['stop'], undefined);
  assert.equal(body['parallel_tool_calls'], undefined);
  assert.equal(body['max_tokens'], undefined);
  assert.equal(body['max_completion_tokens'], 2000);
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string; message: string }>;
  assert.ok(warnings.some((warning) => warning.message.includes('prod-o3')), JSON.stringify(warnings));
});
