/**
 * A Converse caller (the AWS SDK) reads the cache writes by lifetime in `usage.cacheDetails`, as
 * Bedrock reports them ("Detailed breakdown of cache writes by TTL … Sorted by TTL duration (1h
 * before 5m)", API_runtime_TokenUsage.html): from a Bedrock upstream, and from an Anthropic one
 * whose `cache_creation` splits its writes, whole and streamed. A one-hour write costs more than a
 * five-minute one, so without the split the caller cannot price its writes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConverseCommand, ConverseStreamCommand, type TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';
import { bedrockRuntimeClient } from './support/aws-callers.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: {
    aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' },
    an: { dialect: 'anthropic', baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
  },
  models: {
    'claude-on-bedrock': [{ provider: 'aws', model: 'us.anthropic.claude-sonnet-4-20250514-v1:0' }],
    'claude-on-anthropic': [{ provider: 'an', model: 'claude-sonnet-4-20250514' }],
  },
  retry: { attempts: 0 },
}));
const client = () => bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
const messages = [{ role: 'user' as const, content: [{ text: 'Hi' }] }];

/** The recorded Anthropic answer and stream with 1000 tokens read from the cache and 300 written, 100 of them for an hour. */
const written = { fiveMinutes: 200, oneHour: 100 };
const cacheCounts = `"cache_creation_input_tokens":${written.fiveMinutes + written.oneHour},"cache_read_input_tokens":1000`;
const lifetimes = `"ephemeral_5m_input_tokens":${written.fiveMinutes},"ephemeral_1h_input_tokens":${written.oneHour}`;
/** An Anthropic answer or stream, as text, with those counts in place of its zeros. */
function withCacheWrites(recorded: string): string {
  const uncached = '"cache_creation_input_tokens":0,"cache_read_input_tokens":0';
  const unsplit = '"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0';
  assert.ok(recorded.includes(uncached) && recorded.includes(unsplit));
  return recorded.replaceAll(uncached, cacheCounts).replace(unsplit, lifetimes);
}
const anthropicSplit = [
  { inputTokens: written.oneHour, ttl: '1h' },
  { inputTokens: written.fiveMinutes, ttl: '5m' },
];

test('a Bedrock answer\'s cacheDetails reach a Converse caller', async () => {
  const recorded = readFixtureJson('bedrock/pa-converse-cachepoint.i0.response.json') as { usage: TokenUsage };
  setup.upstream.enqueue({ kind: 'json', body: recorded });
  const { usage } = await client().send(new ConverseCommand({ modelId: 'claude-on-bedrock', messages }));
  assert.deepEqual(usage?.cacheDetails, [{ inputTokens: 1322, ttl: '5m' }]);
  assert.deepEqual([usage?.inputTokens, usage?.cacheWriteInputTokens, usage?.totalTokens], [2, 1322, 1329]);
});

test('an Anthropic answer\'s writes by lifetime reach a Converse caller as cacheDetails', async () => {
  const recorded = JSON.stringify(readFixtureJson('anthropic/fantasy-sonnet4-simple.response.json'));
  setup.upstream.enqueue({ kind: 'json', body: JSON.parse(withCacheWrites(recorded)) });
  const { usage } = await client().send(new ConverseCommand({ modelId: 'claude-on-anthropic', messages }));
  assert.deepEqual(usage?.cacheDetails, anthropicSplit);
  assert.equal(usage?.totalTokens, (usage?.inputTokens ?? 0) + 1000 + 300 + (usage?.outputTokens ?? 0), 'the total counts cache reads and writes, as Bedrock\'s does');
});

test('an Anthropic stream\'s writes by lifetime reach a ConverseStream caller as cacheDetails', async () => {
  setup.upstream.enqueue({ kind: 'stream', text: withCacheWrites(readFixtureText('anthropic/fantasy-sonnet4-simple_streaming.response.sse')) });
  const out = await client().send(new ConverseStreamCommand({ modelId: 'claude-on-anthropic', messages }));
  let usage: TokenUsage | undefined;
  for await (const event of out.stream ?? []) usage = event.metadata?.usage ?? usage;
  assert.deepEqual(usage?.cacheDetails, anthropicSplit);
  assert.deepEqual([usage?.cacheReadInputTokens, usage?.cacheWriteInputTokens], [1000, 300]);
});

