/**
 * Through the gateway with `@aws-sdk/client-bedrock-runtime` as the caller:
 * - a Converse `cachePoint` right after `reasoningContent`, which Bedrock refuses there ("Cache point
 *   cannot be inserted after reasoning block"), moves to the nearest block before the reasoning, to
 *   Bedrock as a cache point and to Anthropic as `cache_control`, with a warning, not lost without one;
 * - an empty tool result, which Bedrock refuses when it is marked as an error ("The content field at
 *   messages.<n>.content.0.toolResult cannot be empty when status value is error."), reaches Bedrock
 *   with text in it, and the judge refuses the caller's own body sent as it came.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConverseCommand, type Message } from '@aws-sdk/client-bedrock-runtime';
import { gatewayOverOneUpstream } from '../../support/one-upstream-gateway.js';
import { bedrockRuntimeClient } from '../../gateway/support/aws-callers.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';

const claudeOnBedrock = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: {
    an: { dialect: 'anthropic', baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
    aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' },
  },
  models: {
    claude: [{ provider: 'an', model: 'claude-sonnet-4-5-20250929' }],
    'bedrock-claude': [{ provider: 'aws', model: claudeOnBedrock }],
  },
  retry: { attempts: 0 },
}));

const anthropicAnswer = () => ({
  kind: 'json' as const,
  body: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [{ type: 'text', text: 'Fine.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 9, output_tokens: 2 } },
});
const converseAnswer = () => ({
  kind: 'json' as const,
  body: { output: { message: { role: 'assistant', content: [{ text: 'Fine.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 9, outputTokens: 2, totalTokens: 11 }, metrics: { latencyMs: 1 } },
});

const sentMessages = () => (setup.upstream.requests[0]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> }).messages;

async function converse(modelId: string, messages: Message[], extra: { toolConfig?: unknown } = {}): Promise<string> {
  const client = bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
  let warnings = '';
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const headers = (result.response as { headers?: Record<string, string> }).headers ?? {};
      warnings = headers['x-interlingua-warnings'] ?? '';
      return result;
    },
    { step: 'deserialize' },
  );
  const output = await client.send(new ConverseCommand({ modelId, messages, additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } }, ...(extra as object) }));
  assert.equal(output.output?.message?.content?.[0]?.text, 'Fine.');
  return warnings;
}

/** A conversation whose assistant turn opens with Claude's reasoning, a cache point right after it. */
const withCachePointAfterReasoning = (): Message[] => [
  { role: 'user', content: [{ text: 'Hi' }] },
  { role: 'assistant', content: [{ reasoningContent: { reasoningText: { text: 'The user greets me.', signature: 'c2lnbmVk' } } }, { cachePoint: { type: 'default' } }, { text: 'Hello!' }] },
  { role: 'user', content: [{ text: 'How are you?' }] },
];

test('Converse to Bedrock: a cache point after reasoning goes after the user text before it, with a warning, and the judge serves it', async () => {
  setup.upstream.enqueue(converseAnswer());
  const warnings = await converse('bedrock-claude', withCachePointAfterReasoning());
  const messages = sentMessages();
  assert.deepEqual(messages[0]?.content, [{ text: 'Hi' }, { cachePoint: { type: 'default' } }]);
  assert.equal(messages[1]?.content[0]?.['reasoningContent'] !== undefined, true);
  assert.equal(messages[1]?.content.some((block) => block['cachePoint'] !== undefined), false);
  assert.match(warnings, /"compatibility","feature":"reasoning\.cache"/);
});

test('Converse to Anthropic: the same cache point becomes cache_control on the user text', async () => {
  setup.upstream.enqueue(anthropicAnswer());
  const warnings = await converse('claude', withCachePointAfterReasoning());
  const messages = sentMessages();
  assert.deepEqual(messages[0]?.content.at(-1), { type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } });
  assert.match(warnings, /"reasoning\.cache"/);
});

/** A tool loop whose tool result is empty, marked as an error or not. */
const emptyResult = (status: 'error' | undefined): Message[] => [
  { role: 'user', content: [{ text: 'Weather in Paris?' }] },
  { role: 'assistant', content: [{ reasoningContent: { reasoningText: { text: 'One call.', signature: 'c2lnbmVk' } } }, { toolUse: { toolUseId: 't1', name: 'get_weather', input: { city: 'Paris' } } }] },
  { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [], ...(status !== undefined ? { status } : {}) } }] },
];
const toolConfig = { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } } } }] };

test('the judge refuses an empty error tool result as the caller wrote it; the gateway sends one with text, which it serves', async () => {
  const bare = {
    messages: emptyResult('error'),
    toolConfig,
    additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
  };
  const refused = judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(claudeOnBedrock)}/converse`, headers: { authorization: 'Bearer k' }, body: bare });
  assert.equal(refused?.rule, 'bedrock.converse.tool-result.error-not-empty');

  setup.upstream.enqueue(converseAnswer());
  const warnings = await converse('bedrock-claude', emptyResult('error'), { toolConfig });
  const result = sentMessages()[2]?.content[0]?.['toolResult'] as { content: Array<{ text?: string }>; status?: string };
  assert.equal(result.status, 'error');
  assert.deepEqual(result.content, [{ text: '(no output)' }]);
  assert.match(warnings, /"tool_result\.empty"/);
});

test('an empty tool result without a status reaches Bedrock with text too', async () => {
  setup.upstream.enqueue(converseAnswer());
  await converse('bedrock-claude', emptyResult(undefined), { toolConfig });
  const result = sentMessages()[2]?.content[0]?.['toolResult'] as { content: Array<{ text?: string }> };
  assert.deepEqual(result.content, [{ text: '(no output)' }]);
});
