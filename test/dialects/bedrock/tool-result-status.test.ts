/**
 * A tool result's `status` on Bedrock Converse, which AWS documents as "only supported by Amazon
 * Nova and Anthropic Claude 3 and 4 models" (API_runtime_ToolResultBlock) and Writer Palmyra X5
 * refuses ("This model doesn't support the status field. Remove status and try again."): an
 * Anthropic caller's `is_error` result reaches Claude and Nova with its status, and another model
 * without it, the failure said at the start of the result's text, with a warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { gatewayOverOneUpstream } from '../../support/one-upstream-gateway.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';
import { failedResultNote } from '../../../src/dialects/bedrock/tool-result-status.js';

const palmyra = 'us.writer.palmyra-x5-v1:0';
const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' } },
  models: {
    palmyra: [{ provider: 'aws', model: palmyra }],
    nova: [{ provider: 'aws', model: 'us.amazon.nova-pro-v1:0' }],
    claude: [{ provider: 'aws', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }],
  },
  retry: { attempts: 0 },
}));

const converseAnswer = () => ({
  kind: 'json' as const,
  body: { output: { message: { role: 'assistant', content: [{ text: 'Sorry.' }] } }, stopReason: 'end_turn', usage: { inputTokens: 9, outputTokens: 2, totalTokens: 11 }, metrics: { latencyMs: 1 } },
});

/** A weather call and its result, failed or not, as an Anthropic caller writes them. */
async function sendResult(model: string, isError: boolean): Promise<{ result: Record<string, unknown>; warnings: string }> {
  setup.upstream.enqueue(converseAnswer());
  const client = new Anthropic({ baseURL: setup.url, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages
    .create({
      model,
      max_tokens: 256,
      tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01', is_error: isError, content: 'service down' }] },
      ],
    })
    .withResponse();
  const sent = setup.upstream.requests.at(-1)?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> };
  return { result: sent.messages[2]?.content[0]?.['toolResult'] as Record<string, unknown>, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

test('the judge refuses a status on a tool result for a model that does not take one', () => {
  const body = {
    messages: [
      { role: 'user', content: [{ text: 'Weather in Paris?' }] },
      { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'get_weather', input: {} } }] },
      { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'ok' }], status: 'success' } }] },
    ],
    toolConfig: { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }] },
  };
  const at = (model: string) => ({ method: 'POST', url: `/model/${encodeURIComponent(model)}/converse`, headers: { authorization: 'Bearer k' }, body });
  assert.equal(judgeRequest(at(palmyra))?.rule, 'bedrock.converse.tool-result.status-model');
  assert.equal(judgeRequest(at('us.amazon.nova-pro-v1:0')), undefined);
});

test('a failed result reaches a model without status as text that says it failed, with a warning', async () => {
  const { result, warnings } = await sendResult('palmyra', true);
  assert.equal(result['status'], undefined);
  assert.deepEqual(result['content'], [{ text: failedResultNote }, { text: 'service down' }]);
  assert.match(warnings, /"tool_result\.is_error"/);
});

test('a successful result reaches it without status and without a warning', async () => {
  const { result, warnings } = await sendResult('palmyra', false);
  assert.equal(result['status'], undefined);
  assert.deepEqual(result['content'], [{ text: 'service down' }]);
  assert.doesNotMatch(warnings, /tool_result\.is_error/);
});

test('Claude and Nova get the status as the caller set it', async () => {
  for (const model of ['claude', 'nova']) {
    const { result } = await sendResult(model, true);
    assert.equal(result['status'], 'error', model);
    assert.deepEqual(result['content'], [{ text: 'service down' }], model);
  }
});
