/**
 * `logit_bias` on Azure OpenAI reasoning deployments. Azure's reasoning-models page lists it among the
 * parameters "currently unsupported with reasoning models" (github.com/MicrosoftDocs/azure-ai-docs,
 * articles/foundry/openai/how-to/reasoning.md, "Not Supported"). A deployment named after its model, or
 * one whose `catalog:` entry names the model as `baseModel`, is known to be such a model; the bias is
 * left out, with a warning, and a non-reasoning deployment still gets it. The caller is the openai SDK;
 * the test upstream judges each request by Azure's rules (test/support/vendor-rules/azure-openai.ts).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { readFixtureJson } from '../../support/fixtures.js';

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      azure: { dialect: 'azure-openai', baseUrl: upstream.baseUrl, apiVersion: '2025-04-01-preview', apiKey: 'azure-test-key' },
      'azure-v1': { dialect: 'azure-openai', baseUrl: upstream.baseUrl, apiKey: 'azure-test-key' },
    },
    models: {
      'o3-mini': [{ provider: 'azure', model: 'o3-mini' }],
      'gpt-5-mini': [{ provider: 'azure-v1', model: 'gpt-5-mini' }],
      'prod-reasoner': [{ provider: 'azure', model: 'prod-reasoner' }],
      'gpt-4o': [{ provider: 'azure', model: 'gpt-4o' }],
    },
    catalog: { 'prod-reasoner': { baseModel: 'o4-mini' } },
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

const openai = () => new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });

/** Asks `model` with a token bias; what Azure was sent and the warnings the caller got. */
async function askWithBias(model: string): Promise<{ sent: Record<string, unknown>; url: string; warnings: Array<{ feature: string; message: string }> }> {
  // test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-tool.i1.response.json: a recorded Azure chat completion.
  upstream.enqueue({ kind: 'json', body: readFixtureJson('azure-openai/fantasy-gpt5mini-chat-tool.i1.response.json') });
  const { data: completion, response } = await openai()
    .chat.completions.create({ model, max_completion_tokens: 500, logit_bias: { '50256': -100 }, messages: [{ role: 'user', content: 'Say hi' }] })
    .withResponse();
  assert.ok(completion.choices.length > 0);
  const received = upstream.requests[0]!;
  return {
    sent: received.body as Record<string, unknown>,
    url: received.url,
    warnings: JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string; message: string }>,
  };
}

for (const [model, path] of [
  ['o3-mini', '/openai/deployments/o3-mini/chat/completions?api-version=2025-04-01-preview'],
  ['gpt-5-mini', '/openai/v1/chat/completions'],
  ['prod-reasoner', '/openai/deployments/prod-reasoner/chat/completions?api-version=2025-04-01-preview'],
] as const) {
  test(`a reasoning deployment (${model}) is sent no logit_bias, and the caller is told`, async () => {
    const { sent, url, warnings } = await askWithBias(model);
    assert.equal(url, path);
    assert.equal(sent['logit_bias'], undefined);
    assert.ok(warnings.some((warning) => warning.feature === 'logit_bias'), JSON.stringify(warnings));
  });
}

test('a deployment of a model that takes logit_bias (gpt-4o) is sent it as asked', async () => {
  const { sent, warnings } = await askWithBias('gpt-4o');
  assert.deepEqual(sent['logit_bias'], { '50256': -100 });
  assert.ok(!warnings.some((warning) => warning.feature === 'logit_bias'), JSON.stringify(warnings));
});
