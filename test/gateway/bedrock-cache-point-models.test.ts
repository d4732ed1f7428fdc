/**
 * A caller's own cache breakpoints (Claude Code marks its system prompt and turns on every request)
 * reach Bedrock Converse as `cachePoint` blocks only for the models Bedrock caches for
 * (src/dialects/bedrock/prompt-caching-models.ts); for Llama, Mistral or Claude 3 Sonnet, which Bedrock
 * refuses the whole request for (the judge rule bedrock.converse.cache-point.model-caches in
 * test/support/vendor-rules/bedrock.ts), they are left out, with a warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { bedrockDialect } from '../../src/dialects/bedrock/index.js';

const models = {
  llama: 'us.meta.llama3-3-70b-instruct-v1:0',
  mistral: 'mistral.mistral-large-2407-v1:0',
  claude3sonnet: 'anthropic.claude-3-sonnet-20240229-v1:0',
  sonnet45: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  nova: 'us.amazon.nova-pro-v1:0',
  profile: 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123',
};

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' } },
  models: Object.fromEntries(Object.entries(models).map(([alias, model]) => [alias, [{ provider: 'aws', model }]])),
  retry: { attempts: 1 },
}));

/** A Converse answer in the shape of API_runtime_Converse.html's Response Syntax. */
const converseAnswer = {
  output: { message: { role: 'assistant', content: [{ text: 'Hi.' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 12, outputTokens: 2, totalTokens: 14 },
  metrics: { latencyMs: 10 },
};

/** Asks as Claude Code does: its system prompt and its last turn marked for caching. Returns the body sent and the warnings. */
async function askWithCacheControl(alias: keyof typeof models): Promise<{ body: Record<string, unknown>; warnings: string }> {
  setup.upstream.takeRefusals();
  setup.upstream.enqueue({ kind: 'json', body: converseAnswer });
  const client = new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages
    .create({
      model: alias,
      max_tokens: 100,
      system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }] }],
    })
    .withResponse();
  assert.deepEqual(setup.upstream.takeRefusals(), [], `${alias}: the judge refused what the gateway sent`);
  return { body: setup.upstream.requests.at(-1)?.body as Record<string, unknown>, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

const cachePoints = (body: Record<string, unknown>) => JSON.stringify(body).split('"cachePoint"').length - 1;

for (const alias of ['llama', 'mistral', 'claude3sonnet'] as const) {
  test(`${alias}: the caller's cache breakpoints are left out for a model Bedrock does not cache for, with a warning`, async () => {
    const { body, warnings } = await askWithCacheControl(alias);
    assert.equal(cachePoints(body), 0);
    assert.match(warnings, /cache_breakpoints/);
    assert.ok(warnings.includes(`${models[alias]} has no prompt caching on Bedrock; 2 cache points were left out`), warnings);
  });
}

test('Claude Sonnet 4.5 and Nova keep their cache points, and so does an inference profile naming no model', async () => {
  for (const alias of ['sonnet45', 'nova', 'profile'] as const) {
    const { body, warnings } = await askWithCacheControl(alias);
    assert.equal(cachePoints(body), 2, alias);
    assert.doesNotMatch(warnings, /cache_breakpoints/, alias);
  }
});

test('no breakpoints are placed on a caller’s behalf for a Claude that Bedrock does not cache for', () => {
  assert.equal(bedrockDialect.promptCacheLimits?.(models.claude3sonnet), undefined);
  assert.equal(bedrockDialect.promptCacheLimits?.('anthropic.claude-3-5-sonnet-20240620-v1:0'), undefined);
  assert.equal(bedrockDialect.promptCacheLimits?.(models.sonnet45)?.maxBreakpoints, 4);
});
