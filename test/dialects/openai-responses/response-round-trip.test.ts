/**
 * parseResponse → emitResponse on every recorded `response` object
 * (test/fixtures/recorded/openai-responses/*.response.json, response-*.json; see MANIFEST.md) keeps
 * output text, function calls, reasoning (summary parts and encrypted content), status and usage,
 * and, for a Responses caller of a Responses upstream, the whole object.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { asObject, contextFor, isObject, responseFixtures, type Json } from './helpers.js';

const context = contextFor({ stream: false });

/** node_modules/openai/resources/responses/responses.d.ts `Response`: required fields but `output_text`, which the SDK computes. */
const requiredFields = ['id', 'created_at', 'error', 'incomplete_details', 'instructions', 'metadata', 'model', 'object', 'output', 'parallel_tool_calls', 'temperature', 'tool_choice', 'tools', 'top_p'];

/** `logprobs: []` on an output_text part says nothing and is not kept. */
function withoutEmptyLogprobs(body: Record<string, Json>): Record<string, Json> {
  const copy = structuredClone(body);
  for (const item of Array.isArray(copy['output']) ? copy['output'] : []) {
    if (!isObject(item) || !Array.isArray(item['content'])) continue;
    for (const part of item['content']) {
      if (isObject(part) && Array.isArray(part['logprobs']) && part['logprobs'].length === 0) delete part['logprobs'];
    }
  }
  copy['model'] = 'caller-model';
  return copy;
}

/** The facts a response states, read straight from its JSON. */
function facts(body: Record<string, Json>) {
  const output = (body['output'] as Json[]).map(asObject);
  const texts = output.filter((item) => item['type'] === 'message').flatMap((item) => (item['content'] as Json[]).map(asObject).map((part) => part['text']));
  const calls = output.filter((item) => item['type'] === 'function_call').map((item) => [item['call_id'], item['name'], item['arguments']]);
  const reasoning = output
    .filter((item) => item['type'] === 'reasoning')
    .map((item) => [(item['summary'] as Json[]).map(asObject).map((part) => part['text']).join('\n\n'), item['encrypted_content'] ?? undefined]);
  return { texts, calls, reasoning };
}

function partFacts(response: ChatResponse) {
  return {
    texts: response.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])),
    calls: response.content.flatMap((part) => (part.type === 'tool-call' ? [[part.id, part.name, part.arguments]] : [])),
    reasoning: response.content.flatMap((part) => (part.type === 'reasoning' ? [[part.text, part.signature]] : [])),
  };
}

test('there are response fixtures to replay', () => {
  assert.ok(responseFixtures.length >= 9, `only ${responseFixtures.length} response fixtures found`);
});

for (const path of responseFixtures) {
  test(`response round trip: ${path}`, () => {
    const original = asObject(readFixtureJson(path));
    const parsed = openaiResponsesDialect.parseResponse(original);

    assert.deepEqual(partFacts(parsed), facts(original), 'text, calls and reasoning are read');
    for (const part of parsed.content) if (part.type === 'reasoning') assert.equal(part.signatureOrigin, 'openai-responses');
    const usage = asObject(original['usage']);
    assert.equal(parsed.usage.inputTokens, usage['input_tokens']);
    assert.equal(parsed.usage.outputTokens, usage['output_tokens']);
    assert.equal(parsed.usage.cachedInputTokens, asObject(usage['input_tokens_details'])['cached_tokens']);
    assert.equal(parsed.usage.reasoningTokens, asObject(usage['output_tokens_details'])['reasoning_tokens']);
    const hasCalls = facts(original).calls.length > 0;
    assert.deepEqual(parsed.finishReason, { unified: hasCalls ? 'tool-calls' : 'stop', raw: 'completed' });

    const emitted = asObject(openaiResponsesDialect.emitResponse(parsed, context));
    assert.deepEqual(facts(emitted), facts(original));
    // Same dialect on both sides: nothing else is lost either (ids, statuses, phase, billing, …);
    // a trimmed recording (response-text-phase.json) gets the fields the SDK requires on top.
    const recorded = Object.fromEntries(Object.keys(original).map((key) => [key, emitted[key]]));
    assert.deepEqual(recorded, withoutEmptyLogprobs(original));
    for (const field of requiredFields) assert.ok(field in emitted, `missing ${field}`);
  });
}

test('the emitted object has every field the SDK types require, with the caller’s settings echoed', () => {
  const parsed = openaiResponsesDialect.parseResponse(readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json'));
  const { vendor: _vendor, ...foreign } = parsed;
  const { request } = openaiResponsesDialect.parseRequest(
    { model: 'm', instructions: 'Be brief.', input: 'hi', temperature: 0.3, tools: [{ type: 'function', name: 'f', parameters: { type: 'object' } }], tool_choice: 'required', metadata: { a: '1' } },
    {},
  );
  const emitted = asObject(openaiResponsesDialect.emitResponse(foreign, contextFor(request)));
  for (const field of requiredFields) assert.ok(field in emitted, `missing ${field}`);
  assert.equal(emitted['instructions'], 'Be brief.');
  assert.equal(emitted['temperature'], 0.3);
  assert.equal(emitted['top_p'], null);
  assert.equal(emitted['tool_choice'], 'required');
  assert.deepEqual(emitted['tools'], [{ type: 'function', name: 'f', parameters: { type: 'object' } }], 'strict omitted, as the caller wrote it');
  assert.deepEqual(emitted['metadata'], { a: '1' });
  assert.equal('output_text' in emitted, false, 'output_text is computed by the SDK, not sent');
  const output = (emitted['output'] as Json[]).map(asObject);
  assert.match(String(output[0]?.['id']), /^rs_/);
  assert.match(String(output[1]?.['id']), /^msg_/);
});

test('ids are shaped like OpenAI’s whatever the upstream called them', () => {
  const response: ChatResponse = {
    id: 'msg_01Anthropic',
    model: 'claude',
    content: [
      { type: 'reasoning', text: 'Thinking.', signature: 'anthropic-signature', signatureOrigin: 'anthropic' },
      { type: 'text', text: 'Calling.' },
      { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: '{}' },
    ],
    finishReason: { unified: 'tool-calls', raw: 'tool_use' },
    usage: { inputTokens: 3, outputTokens: 4 },
  };
  const emitted = asObject(openaiResponsesDialect.emitResponse(response, context));
  assert.match(String(emitted['id']), /^resp_[0-9a-f]{32}$/);
  assert.equal(emitted['status'], 'completed');
  const [reasoning, message, call] = (emitted['output'] as Json[]).map(asObject);
  assert.match(String(reasoning?.['id']), /^rs_/);
  assert.equal('encrypted_content' in (reasoning ?? {}), false, 'another vendor’s signature would fail OpenAI’s check');
  assert.deepEqual(reasoning?.['summary'], [{ type: 'summary_text', text: 'Thinking.' }]);
  assert.match(String(message?.['id']), /^msg_/);
  assert.match(String(call?.['id']), /^fc_/);
  assert.equal(call?.['call_id'], 'toolu_1');
  assert.deepEqual(emitted['usage'], { input_tokens: 3, input_tokens_details: { cached_tokens: 0 }, output_tokens: 4, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 7 });
});

test('finish reasons map to status and incomplete_details both ways', () => {
  const base: ChatResponse = { id: 'resp_1', model: 'm', content: [{ type: 'text', text: 'cut' }], finishReason: { unified: 'length' }, usage: {} };
  const cases = [
    [{ unified: 'length' }, 'incomplete', { reason: 'max_output_tokens' }],
    [{ unified: 'content-filter' }, 'incomplete', { reason: 'content_filter' }],
    [{ unified: 'stop' }, 'completed', null],
    [{ unified: 'other' }, 'completed', null],
    [{ unified: 'error' }, 'failed', null],
  ] as const;
  for (const [finishReason, status, details] of cases) {
    const emitted = asObject(openaiResponsesDialect.emitResponse({ ...base, finishReason }, context));
    assert.equal(emitted['status'], status);
    assert.deepEqual(emitted['incomplete_details'], details);
    if (status === 'failed') assert.equal(asObject(emitted['error'])['code'], 'server_error');
    const reparsed = openaiResponsesDialect.parseResponse(emitted);
    if (finishReason.unified !== 'other') assert.equal(reparsed.finishReason.unified, finishReason.unified);
  }
  const incomplete = asObject(openaiResponsesDialect.emitResponse(base, context));
  assert.equal(asObject((incomplete['output'] as Json[])[0])['status'], 'incomplete', 'as OpenAI marks a cut-off message (dd-response_stream_incomplete.response.sse)');
});

test('output items the interlingua cannot hold go back in their place', () => {
  const body = {
    id: 'resp_x',
    object: 'response',
    created_at: 1,
    status: 'completed',
    model: 'gpt-4.1',
    output: [
      { id: 'ws_1', type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'q' } },
      { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', annotations: [{ type: 'url_citation', url: 'https://example.com', start_index: 0, end_index: 4, title: 't' }], text: 'News' }] },
    ],
    usage: { input_tokens: 1, input_tokens_details: { cached_tokens: 0 }, output_tokens: 1, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 2 },
  };
  const parsed = openaiResponsesDialect.parseResponse(body);
  assert.equal(parsed.content.length, 1);
  const emitted = asObject(openaiResponsesDialect.emitResponse(parsed, context));
  assert.deepEqual(emitted['output'], body.output);
});

test('an error body or a malformed one is an InterlinguaError', () => {
  assert.throws(
    () => openaiResponsesDialect.parseResponse(readFixtureJson('openai-responses/error-429-insufficient-quota.json')),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'rate_limited',
  );
  assert.throws(
    () => openaiResponsesDialect.parseResponse({ id: 'resp_1', output: 'text' }),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error',
  );
  assert.throws(
    () => openaiResponsesDialect.parseResponse({ output: [{ type: 'function_call', name: 'f' }] }),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'upstream_error' && /output\[0\]/.test(error.message),
  );
});
