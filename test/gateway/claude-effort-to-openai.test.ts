/**
 * An Anthropic caller's effort above `high` (`output_config.effort` `xhigh` or `max`:
 * https://platform.claude.com/docs/en/build-with-claude/effort#effort-levels) reaches an OpenAI
 * model that takes the same word as written (`ReasoningEffort` in node_modules/openai/resources/shared.d.ts;
 * gpt-5.2 and gpt-5.1-codex-max take `xhigh`, GPT-6 Astra `max`: catalog/model-rules.ts), with no
 * warning; a model that does not take it (gpt-5.1) still gets `high`, with the warning. The
 * caller is the official Anthropic SDK; the upstreams judge by OpenAI's rules.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';

let upstream: TestUpstream;
let gateway: Gateway;
let client: Anthropic;

before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      chat: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' },
      responses: { dialect: 'openai-responses', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' },
    },
    models: {
      'gpt-5.2': [{ provider: 'chat', model: 'gpt-5.2' }],
      'gpt-5.1': [{ provider: 'chat', model: 'gpt-5.1' }],
      'gpt-6-astra': [{ provider: 'chat', model: 'gpt-6-astra' }],
      'codex-max': [{ provider: 'responses', model: 'gpt-5.1-codex-max' }],
    },
    retry: { attempts: 0 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  client = new Anthropic({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
});
beforeEach(() => upstream.reset());

type Body = Record<string, unknown>;

async function ask(model: string, effort: string): Promise<{ sent: Body | undefined; features: string[] }> {
  const { response } = await client.messages
    .create({ model, max_tokens: 4096, thinking: { type: 'adaptive' }, output_config: { effort } as Anthropic.OutputConfig, messages: [{ role: 'user', content: 'What is 2+2?' }] })
    .withResponse();
  const warnings = JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>;
  return { sent: upstream.requests[0]?.body as Body | undefined, features: warnings.map((warning) => warning.feature) };
}

const chatAnswer = () => ({ kind: 'json' as const, body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });

test('"xhigh" goes to gpt-5.2 as "xhigh", with no warning', async () => {
  upstream.enqueue(chatAnswer());
  const { sent, features } = await ask('gpt-5.2', 'xhigh');
  assert.equal(sent?.['reasoning_effort'], 'xhigh');
  assert.ok(!features.includes('output_config.effort'), features.join(', '));
});

test('"max" goes to GPT-6 Astra as "max", with no warning', async () => {
  upstream.enqueue(chatAnswer());
  const { sent, features } = await ask('gpt-6-astra', 'max');
  assert.equal(sent?.['reasoning_effort'], 'max');
  assert.ok(!features.includes('output_config.effort'), features.join(', '));
});

test('"xhigh" goes to gpt-5.1-codex-max over Responses as reasoning.effort "xhigh", with no warning', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json') });
  const { sent, features } = await ask('codex-max', 'xhigh');
  assert.equal((sent?.['reasoning'] as Body | undefined)?.['effort'], 'xhigh');
  assert.ok(!features.includes('output_config.effort'), features.join(', '));
});

test('"xhigh" to gpt-5.1, which does not take it, goes as "high" with the warning', async () => {
  upstream.enqueue(chatAnswer());
  const { sent, features } = await ask('gpt-5.1', 'xhigh');
  assert.equal(sent?.['reasoning_effort'], 'high');
  assert.ok(features.includes('output_config.effort'), features.join(', '));
});
