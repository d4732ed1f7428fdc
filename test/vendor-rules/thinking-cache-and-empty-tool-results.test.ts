/**
 * What Claude's platforms refuse about cache breakpoints on reasoning and about empty tool results:
 * a `cache_control` on a thinking block, on Anthropic's API, on Bedrock InvokeModel and on Vertex AI,
 * which take Anthropic's body; a Converse `cachePoint` right after `reasoningContent`; and a Converse
 * `toolResult` marked as an error with nothing in it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest, type JudgedRequest } from '../support/vendor-rules/index.js';

const request = (url: string, headers: JudgedRequest['headers'], body: unknown): JudgedRequest => ({ method: 'POST', url, headers, body });
const signedThinking = { type: 'thinking', thinking: 'The user greets me.', signature: 'EqQBCkYIBxgCKkA' };

/** A Claude conversation with a signed thinking block, `cache_control` on it or on the text after it. */
function claudeBody(cacheOnThinking: boolean, extra: Record<string, unknown>): Record<string, unknown> {
  const cache = { cache_control: { type: 'ephemeral' } };
  return {
    ...extra,
    max_tokens: 2048,
    thinking: { type: 'enabled', budget_tokens: 1024 },
    messages: [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: [{ ...signedThinking, ...(cacheOnThinking ? cache : {}) }, { type: 'text', text: 'Hello!', ...(cacheOnThinking ? {} : cache) }] },
      { role: 'user', content: 'How are you?' },
    ],
  };
}

test('Anthropic refuses cache_control on a thinking block, in its own words', () => {
  const headers = { 'anthropic-version': '2023-06-01', 'x-api-key': 'k' };
  const refused = judgeRequest(request('/v1/messages', headers, claudeBody(true, { model: 'claude-sonnet-4-5' })));
  assert.equal(refused?.rule, 'anthropic.thinking.no-cache-control');
  assert.equal(refused?.message, 'messages.1.content.0.thinking.cache_control: Extra inputs are not permitted');
  assert.equal(judgeRequest(request('/v1/messages', headers, claudeBody(false, { model: 'claude-sonnet-4-5' }))), undefined);
});

test('Claude on Bedrock InvokeModel refuses it too, in Bedrock’s body', () => {
  const path = '/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke';
  const headers = { authorization: 'Bearer bedrock-key' };
  const refused = judgeRequest(request(path, headers, claudeBody(true, { anthropic_version: 'bedrock-2023-05-31' })));
  assert.equal(refused?.rule, 'bedrock.invoke.anthropic.thinking.no-cache-control');
  assert.deepEqual(refused?.body, { message: 'messages.1.content.0.thinking.cache_control: Extra inputs are not permitted' });
  assert.equal(judgeRequest(request(path, headers, claudeBody(false, { anthropic_version: 'bedrock-2023-05-31' }))), undefined);
});

test('Claude on Vertex AI refuses it too, in Anthropic’s body', () => {
  const path = '/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict';
  const headers = { authorization: 'Bearer ya29.token' };
  const refused = judgeRequest(request(path, headers, claudeBody(true, { anthropic_version: 'vertex-2023-10-16' })));
  assert.equal(refused?.rule, 'anthropic.thinking.no-cache-control');
  assert.equal((refused?.body as { error: { message: string } }).error.message, 'messages.1.content.0.thinking.cache_control: Extra inputs are not permitted');
  assert.equal(judgeRequest(request(path, headers, claudeBody(false, { anthropic_version: 'vertex-2023-10-16' }))), undefined);
});

const conversePath = '/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse';
const bedrockKey = { authorization: 'Bearer bedrock-key' };

test('Claude on Converse refuses a cache point right after reasoning, and takes one after the text that follows it', () => {
  const reasoning = { reasoningContent: { reasoningText: { text: 'The user greets me.', signature: 'sig' } } };
  const body = (assistant: unknown[]) => ({
    messages: [
      { role: 'user', content: [{ text: 'Hi' }] },
      { role: 'assistant', content: assistant },
      { role: 'user', content: [{ text: 'How are you?' }] },
    ],
    additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
  });
  const refused = judgeRequest(request(conversePath, bedrockKey, body([reasoning, { cachePoint: { type: 'default' } }, { text: 'Hello!' }])));
  assert.equal(refused?.rule, 'bedrock.converse.cache-point.after-reasoning');
  assert.deepEqual(refused?.body, { message: 'Cache point cannot be inserted after reasoning block. Please remove the invalid cache point and try again.' });
  assert.equal(judgeRequest(request(conversePath, bedrockKey, body([reasoning, { text: 'Hello!' }, { cachePoint: { type: 'default' } }]))), undefined);
});

test('Converse refuses an error tool result with no content, and takes one that says something', () => {
  const body = (toolResult: Record<string, unknown>) => ({
    messages: [
      { role: 'user', content: [{ text: 'Weather in Paris?' }] },
      { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'get_weather', input: { city: 'Paris' } } }] },
      { role: 'user', content: [{ toolResult: { toolUseId: 't1', ...toolResult } }] },
    ],
    toolConfig: { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }] },
  });
  const refused = judgeRequest(request(conversePath, bedrockKey, body({ content: [], status: 'error' })));
  assert.equal(refused?.rule, 'bedrock.converse.tool-result.error-not-empty');
  assert.deepEqual(refused?.body, { message: 'The content field at messages.2.content.0.toolResult cannot be empty when status value is error.' });
  assert.match(refused?.headers?.['x-amzn-errortype'] ?? '', /^ValidationException:/);
  assert.equal(judgeRequest(request(conversePath, bedrockKey, body({ content: [{ text: 'Timed out.' }], status: 'error' }))), undefined);
});
