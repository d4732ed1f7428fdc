/**
 * emitRequest on interlingua requests that came from other dialects: what Ollama takes is mapped
 * (docs/api.md, docs/openapi.yaml), what it cannot take is a warning, and an image URL the
 * gateway did not inline is an invalid_request error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { chatRequest } from './helpers.js';

const emitOptions = { model: 'qwen3:8b', defaultMaxOutputTokens: 1024 };

function emit(overrides: Partial<ChatRequest>) {
  return ollamaDialect.emitRequest(chatRequest(overrides), emitOptions);
}

function features(overrides: Partial<ChatRequest>): string[] {
  return emit(overrides).warnings.map((warning) => warning.feature);
}

test('a conversation from an OpenAI caller: ids go along, results name their function, arguments are objects', () => {
  const { body, warnings } = emit({
    system: [{ type: 'text', text: 'Be brief.' }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'call_abc', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_abc', content: [{ type: 'text', text: '18' }, { type: 'text', text: ' degrees' }] }] },
    ],
    stream: false,
    sampling: { maxOutputTokens: 256, temperature: 0.3, stopSequences: ['END'] },
  });
  assert.deepEqual(warnings, []);
  assert.deepEqual(body, {
    model: 'qwen3:8b',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: '', tool_calls: [{ id: 'call_abc', function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
      { role: 'tool', content: '18 degrees', tool_name: 'get_weather', tool_call_id: 'call_abc' },
    ],
    stream: false,
    options: { num_predict: 256, temperature: 0.3, stop: ['END'] },
  });
});

test('stream is always explicit, because Ollama streams when it is absent', () => {
  assert.equal((emit({ stream: false }).body as { stream: unknown }).stream, false);
  assert.equal((emit({ stream: true }).body as { stream: unknown }).stream, true);
});

test('images go as bare base64; a data: URL is unwrapped; an http URL is an invalid_request error', () => {
  const { body } = emit({
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
          { type: 'text', text: 'compare' },
          { type: 'image', source: { kind: 'url', url: 'data:image/jpeg;base64,/9j/4AAQ' } },
        ],
      },
    ],
  });
  assert.deepEqual((body as { messages: unknown[] }).messages[0], { role: 'user', content: 'compare', images: ['iVBORw0KGgo=', '/9j/4AAQ'] });
  assert.throws(
    () => emit({ messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } }] }] }),
    (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && /not inlined/.test(error.message),
  );
});

test('reasoning settings become think; budgets and "minimal" are approximated with a warning', () => {
  const think = (reasoning: ChatRequest['reasoning']) => (emit({ reasoning }).body as { think?: unknown }).think;
  assert.equal(think({ enabled: true }), true);
  assert.equal(think({ enabled: false }), false);
  assert.equal(think({ budgetTokens: 0 }), false);
  assert.equal(think({ effort: 'medium' }), 'medium');
  assert.equal(think({ effort: 'minimal' }), 'low');
  assert.equal(think({ enabled: true, budgetTokens: 2048 }), true);
  assert.equal(think({ includeThoughts: true }), true);
  assert.equal(think(undefined), undefined);
  assert.deepEqual(features({ reasoning: { effort: 'minimal' } }), ['reasoning.effort']);
  assert.deepEqual(features({ reasoning: { enabled: true, budgetTokens: 2048 } }), ['reasoning.budget_tokens']);
});

test('response formats: json → "json", a schema → the schema itself', () => {
  const schema = { type: 'object', properties: { age: { type: 'integer' } }, required: ['age'] };
  assert.equal((emit({ responseFormat: { type: 'json' } }).body as { format?: unknown }).format, 'json');
  assert.deepEqual((emit({ responseFormat: { type: 'json', schema, name: 'person', strict: true } }).body as { format?: unknown }).format, schema);
  assert.equal((emit({ responseFormat: { type: 'text' } }).body as { format?: unknown }).format, undefined);
  assert.deepEqual(features({ responseFormat: { type: 'json', schema, description: 'A person' } }), ['response_format.description']);
});

test('what Ollama cannot do is reported, one warning each', () => {
  // Tool controls with a tool to govern; without one they are fitted away first (core/tool-choice-fit.ts).
  const tools = [{ name: 'f', parameters: { type: 'object' } }];
  assert.deepEqual(features({ tools, toolChoice: { type: 'required' } }), ['tool_choice.required']);
  assert.deepEqual(features({ tools, toolChoice: { type: 'none' } }), ['tool_choice.none']);
  assert.deepEqual(features({ tools, toolChoice: { type: 'tool', name: 'f' } }), ['tool_choice.tool']);
  assert.deepEqual(features({ tools, toolChoice: { type: 'auto' } }), []);
  assert.deepEqual(features({ tools, parallelToolCalls: false }), ['parallel_tool_calls']);
  assert.deepEqual(features({ sampling: { candidateCount: 2 } }), ['candidate_count']);
  assert.deepEqual(features({ user: 'user-1' }), ['user']);
  assert.deepEqual(features({ tools: [{ name: 'f', parameters: { type: 'object' }, strict: true }] }), ['tool.strict']);
  assert.deepEqual(
    features({ messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA==' }, detail: 'high' }] }] }),
    ['image.detail'],
  );
  assert.deepEqual(
    features({
      messages: [
        { role: 'assistant', content: [{ type: 'reasoning', text: '', redactedData: 'opaque', signatureOrigin: 'anthropic' }, { type: 'tool-call', id: 't1', name: 'f', arguments: 'not json' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', isError: true, content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA==' } }] }] },
      ],
    }),
    ['tool_call.arguments', 'reasoning.redacted', 'tool_result.is_error', 'tool_result.image'],
  );
  assert.deepEqual(features({ vendor: { anthropic: { top_k_hint: 1 }, gemini: { safetySettings: [] } } }), ['top_k_hint', 'safetySettings']);
});

test('arguments that are not a JSON object are wrapped rather than lost', () => {
  const { body } = emit({ messages: [{ role: 'assistant', content: [{ type: 'tool-call', id: 't', name: 'f', arguments: '{"broken' }] }] });
  assert.deepEqual((body as { messages: Array<{ tool_calls: unknown }> }).messages[0]?.tool_calls, [{ id: 't', function: { name: 'f', arguments: { _raw_arguments: '{"broken' } } }]);
});

test('vendor.ollama fills what the interlingua left out, never overriding its own values', () => {
  const { body } = emit({
    sampling: { temperature: 0.1 },
    vendor: { ollama: { 'options.temperature': 0.9, 'options.num_ctx': 4096, keep_alive: 0, '@stopAsString': true } },
  });
  assert.deepEqual((body as { options: unknown }).options, { temperature: 0.1, num_ctx: 4096 });
  assert.equal((body as { keep_alive?: unknown }).keep_alive, 0);
  assert.equal('@stopAsString' in (body as object), false, 'spelling flags are not body fields');
});

test('a mid-conversation system message and reasoning in history are kept', () => {
  const { body, warnings } = emit({
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'a' }] },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'think', signature: 'sig', signatureOrigin: 'anthropic' }, { type: 'text', text: 'b' }] },
      { role: 'system', content: [{ type: 'text', text: 'c' }] },
    ],
  });
  assert.deepEqual(warnings, []);
  assert.deepEqual((body as { messages: unknown[] }).messages.slice(1), [
    { role: 'assistant', content: 'b', thinking: 'think' },
    { role: 'system', content: 'c' },
  ]);
});
