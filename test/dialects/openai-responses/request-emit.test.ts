/**
 * emitRequest for requests that came from other dialects: what goes where, what is left out and
 * reported, and the choices that keep an upstream's behaviour unchanged (`store: false`, no item
 * ids, `strict: false`). Field shapes: node_modules/openai/resources/responses/responses.d.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { asObject, type Json } from './helpers.js';

const emit = (request: ChatRequest) => {
  const { body, warnings } = openaiResponsesDialect.emitRequest(request, { model: 'gpt-5', defaultMaxOutputTokens: 4096 });
  return { body: asObject(JSON.parse(JSON.stringify(body))), warnings };
};

/** A conversation as another dialect (Anthropic) would have parsed it. */
const foreign: ChatRequest = {
  model: 'claude-sonnet',
  system: [
    { type: 'text', text: 'You are terse.' },
    { type: 'text', text: 'Use tools.' },
  ],
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'A cat, probably.', signature: 'EqQBanthropic', signatureOrigin: 'anthropic' },
        { type: 'text', text: 'Let me look.' },
        { type: 'tool-call', id: 'toolu_1', name: 'lookup', arguments: '{"q":"cat"}' },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: 'toolu_1', toolName: 'lookup', content: [{ type: 'text', text: 'A cat.' }, { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' }, detail: 'high' }], isError: true },
      ],
    },
  ],
  tools: [{ name: 'lookup', description: 'Look things up', parameters: { type: 'object', properties: { q: { type: 'string' } } } }],
  toolChoice: { type: 'required' },
  parallelToolCalls: false,
  sampling: { temperature: 0.5, topP: 0.9, topK: 40, maxOutputTokens: 1000, stopSequences: ['END'] },
  responseFormat: { type: 'json', schema: { type: 'object' } },
  reasoning: { enabled: true, budgetTokens: 4000, includeThoughts: true },
  stream: true,
  user: 'user-7',
  vendor: { anthropic: { cache_control_everywhere: true } },
};

test('a conversation from another dialect becomes instructions and input items', () => {
  const { body } = emit(foreign);
  assert.equal(body['model'], 'gpt-5');
  assert.equal(body['instructions'], 'You are terse.\n\nUse tools.');
  assert.deepEqual(body['input'], [
    {
      role: 'user',
      content: [
        { type: 'input_text', text: 'What is this?' },
        { type: 'input_image', detail: 'auto', image_url: 'data:image/png;base64,iVBORw0KGgo=' },
      ],
    },
    { type: 'message', role: 'assistant', content: [{ type: 'output_text', annotations: [], text: 'Let me look.' }] },
    { type: 'function_call', call_id: 'toolu_1', name: 'lookup', arguments: '{"q":"cat"}' },
    {
      type: 'function_call_output',
      call_id: 'toolu_1',
      output: [
        { type: 'input_text', text: 'A cat.' },
        { type: 'input_image', detail: 'high', image_url: 'https://example.com/cat.png' },
      ],
    },
  ] satisfies Json[]);
});

test('settings map onto their Responses fields; strict is written false, since Responses would otherwise make the tool strict', () => {
  const { body } = emit(foreign);
  assert.deepEqual(body['tools'], [{ type: 'function', name: 'lookup', description: 'Look things up', parameters: { type: 'object', properties: { q: { type: 'string' } } }, strict: false }]);
  assert.equal(body['tool_choice'], 'required');
  assert.equal(body['parallel_tool_calls'], false);
  assert.equal(body['temperature'], 0.5);
  assert.equal(body['top_p'], 0.9);
  assert.equal(body['max_output_tokens'], 1000);
  assert.deepEqual(body['text'], { format: { type: 'json_schema', name: 'response', schema: { type: 'object' } } });
  assert.deepEqual(body['reasoning'], { effort: 'medium', summary: 'auto' });
  assert.equal(body['stream'], true);
  assert.equal('stream_options' in body, false, 'Responses streams always end with usage');
  assert.equal(body['user'], 'user-7');
  assert.equal(body['store'], false, 'no server-side copy of a conversation the gateway replays anyway');
});

test('everything left out or approximated is reported', () => {
  const { warnings } = emit(foreign);
  assert.deepEqual(warnings.map((warning) => `${warning.type}:${warning.feature}`).sort(), [
    'compatibility:reasoning.budget_tokens',
    'compatibility:reasoning.history',
    'unsupported:cache_control_everywhere',
    'unsupported:stop',
    'unsupported:tool_result.is_error',
    'unsupported:top_k',
  ]);
});

test('OpenAI’s own reasoning goes back with its encrypted content; ids only with store on', () => {
  const reasoning = { type: 'reasoning' as const, text: 'Step one.\n\nStep two.', signature: 'gAAAA', signatureOrigin: 'openai-responses', vendor: { 'openai-responses': { id: 'rs_1', lengths: [9, 9] } } };
  const call = { type: 'tool-call' as const, id: 'call_1', name: 'f', arguments: '{}', vendor: { 'openai-responses': { id: 'fc_1', status: 'completed' } } };
  const result = { type: 'tool-result' as const, toolCallId: 'call_1', content: [{ type: 'text' as const, text: 'done' }] };
  const request: ChatRequest = {
    model: 'm',
    system: [],
    sampling: {},
    stream: false,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'go' }] }, { role: 'assistant', content: [reasoning, call] }, { role: 'tool', content: [result] }],
  };
  const off = emit(request);
  assert.deepEqual(off.warnings, []);
  assert.deepEqual((off.body['input'] as Json[]).slice(1, 3), [
    { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Step one.' }, { type: 'summary_text', text: 'Step two.' }], encrypted_content: 'gAAAA' },
    { type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{}', status: 'completed' },
  ]);
  const on = emit({ ...request, vendor: { 'openai-responses': { store: true } } });
  assert.equal(on.body['store'], true);
  const [, reasoningItem, callItem] = (on.body['input'] as Json[]).map(asObject);
  assert.equal(reasoningItem?.['id'], 'rs_1');
  assert.equal(callItem?.['id'], 'fc_1');
  // Without encrypted content, a stored item can still be named by id, but only with store on.
  const unsigned = { ...request, messages: [{ role: 'assistant' as const, content: [{ ...reasoning, signature: undefined }, { type: 'text' as const, text: 'Done.' }] }] };
  assert.deepEqual((emit(unsigned).body['input'] as Json[]).map((item) => asObject(item)['type']), ['message']);
  assert.deepEqual((emit({ ...unsigned, vendor: { 'openai-responses': { store: true } } }).body['input'] as Json[])[0], { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Step one.' }, { type: 'summary_text', text: 'Step two.' }], id: 'rs_1' });
});

test('a reasoning text edited since it was parsed is sent as one summary part', () => {
  const reasoning = { type: 'reasoning' as const, text: 'Changed.', signature: 'gAAAA', signatureOrigin: 'openai-responses', vendor: { 'openai-responses': { lengths: [9, 9] } } };
  const { body } = emit({ model: 'm', system: [], sampling: {}, stream: false, messages: [{ role: 'assistant', content: [reasoning, { type: 'text', text: 'Done.' }] }] });
  assert.deepEqual(asObject((body['input'] as Json[])[0])['summary'], [{ type: 'summary_text', text: 'Changed.' }]);
});

test('reasoning switched off sends no reasoning; an effort passes as is; a middle system message keeps its place', () => {
  const base: ChatRequest = { model: 'm', system: [], sampling: {}, stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }] }, { role: 'system', content: [{ type: 'text', text: 'b' }] }] };
  assert.equal('reasoning' in emit({ ...base, reasoning: { enabled: false, budgetTokens: 0 } }).body, false);
  assert.deepEqual(emit({ ...base, reasoning: { enabled: true, effort: 'low' } }).body['reasoning'], { effort: 'low' });
  assert.deepEqual(emit(base).body['input'], [
    { role: 'user', content: 'a' },
    { role: 'system', content: 'b' },
  ]);
  assert.equal('instructions' in emit(base).body, false);
});

test('what the emitter writes, the parser reads back to the same conversation', () => {
  const { body } = emit(foreign);
  const { request } = openaiResponsesDialect.parseRequest(body, {});
  assert.deepEqual(request.system, [{ type: 'text', text: 'You are terse.\n\nUse tools.' }]);
  assert.equal(request.messages.length, 3, 'user, assistant (text + call), tool');
  assert.deepEqual(request.toolChoice, foreign.toolChoice);
  assert.deepEqual(request.tools, [{ ...foreign.tools?.[0], strict: false }]);
});
