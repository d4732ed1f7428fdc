/**
 * emitRequest for requests that did not come from OpenAI Chat: what is mapped, what is
 * approximated and what is left out, each with its warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOpenaiChatDialect, openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';

const options = { model: 'gpt-4.1', defaultMaxOutputTokens: 4096 };

function baseRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'claude-sonnet',
    system: [{ type: 'text', text: 'Be brief.' }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    sampling: {},
    stream: false,
    ...overrides,
  };
}

const emit = (request: ChatRequest) => {
  const { body, warnings } = openaiChatDialect.emitRequest(request, options);
  return { body: body as Record<string, unknown>, warnings };
};

test('the upstream model name is used, and a plain request maps one to one', () => {
  const { body, warnings } = emit(
    baseRequest({
      sampling: { temperature: 0.5, topP: 0.8, maxOutputTokens: 300, stopSequences: ['\n\n'], seed: 1, presencePenalty: 0, frequencyPenalty: 0.5, candidateCount: 1 },
      tools: [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: {} } }],
      toolChoice: { type: 'required' },
      parallelToolCalls: false,
      user: 'u-1',
    }),
  );
  assert.deepEqual(warnings, []);
  assert.deepEqual(body, {
    model: 'gpt-4.1',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ],
    tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: {} } } }],
    tool_choice: 'required',
    parallel_tool_calls: false,
    temperature: 0.5,
    top_p: 0.8,
    max_completion_tokens: 300,
    stop: ['\n\n'],
    seed: 1,
    presence_penalty: 0,
    frequency_penalty: 0.5,
    n: 1,
    user: 'u-1',
  });
});

test('a reasoning budget becomes the nearest effort (by ratio), with a compatibility warning', () => {
  for (const [budget, effort] of [[1024, 'low'], [2895, 'low'], [2897, 'medium'], [8192, 'medium'], [14188, 'medium'], [14190, 'high']] as const) {
    const { body, warnings } = emit(baseRequest({ reasoning: { enabled: true, budgetTokens: budget } }));
    assert.equal(body['reasoning_effort'], effort, `budget ${budget}`);
    assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]), [['compatibility', 'reasoning.budget_tokens']]);
  }
  const explicit = emit(baseRequest({ reasoning: { effort: 'minimal', budgetTokens: 99999 } }));
  assert.equal(explicit.body['reasoning_effort'], 'minimal');
  assert.deepEqual(explicit.warnings, []);
  const off = emit(baseRequest({ reasoning: { enabled: false, budgetTokens: 2000 } }));
  assert.equal('reasoning_effort' in off.body, false);
  assert.deepEqual(off.warnings.map((warning) => [warning.type, warning.feature]), [['unsupported', 'reasoning.disabled']]);
});

test('top_k is left out with a warning; foreign vendor fields are reported', () => {
  const { body, warnings } = emit(
    baseRequest({ sampling: { topK: 40 }, vendor: { anthropic: { metadata: { user_id: 'x' } }, gemini: { safetySettings: [] } } }),
  );
  assert.equal('top_k' in body, false);
  assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]), [
    ['unsupported', 'metadata'],
    ['unsupported', 'safetySettings'],
    ['unsupported', 'top_k'],
  ]);
});

const withReasoningHistory = baseRequest({
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Need the tool.', signature: 'EqQB', signatureOrigin: 'anthropic' },
        { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'toolu_1',
          toolName: 'weather',
          content: [
            { type: 'text', text: 'Sunny' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } },
          ],
          isError: true,
        },
      ],
    },
  ],
});

test('reasoning in history is left out with a compatibility warning; tool results lose the error flag and move images to a user message, with warnings', () => {
  const { body, warnings } = emit(withReasoningHistory);
  assert.deepEqual((body['messages'] as unknown[]).slice(1), [
    { role: 'user', content: 'Weather?' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] },
    { role: 'tool', tool_call_id: 'toolu_1', content: 'Sunny' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Images returned by tool call "toolu_1" (weather):' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
      ],
    },
  ]);
  assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]), [
    ['unsupported', 'tool_result.is_error'],
    ['compatibility', 'tool_result.image'],
    ['compatibility', 'reasoning.history'],
  ]);
  const signatureOnly = baseRequest({
    messages: [{ role: 'assistant', content: [{ type: 'reasoning', text: '', redactedData: 'opaque' }, { type: 'text', text: 'Hi' }] }],
  });
  assert.deepEqual(emit(signatureOnly).warnings, [], 'a reasoning part without text loses nothing readable');
});

test('with the reasoningContentInHistory quirk (DeepSeek, Zhipu) reasoning goes back as reasoning_content', () => {
  const dialect = createOpenaiChatDialect({ reasoningContentInHistory: true, maxTokensField: 'max_tokens' });
  const { body, warnings } = dialect.emitRequest({ ...withReasoningHistory, sampling: { maxOutputTokens: 10 } }, options);
  const messages = (body as { messages: Array<Record<string, unknown>> }).messages;
  assert.equal(messages[2]?.['reasoning_content'], 'Need the tool.');
  assert.equal((body as Record<string, unknown>)['max_tokens'], 10);
  assert.equal('max_completion_tokens' in (body as object), false);
  assert.equal(warnings.some((warning) => warning.feature === 'reasoning.history'), false);
});

test('structured output: a schema is json_schema (named "response" when unnamed), no schema is json_object', () => {
  const schema = { type: 'object', properties: { a: { type: 'string' } } };
  assert.deepEqual(emit(baseRequest({ responseFormat: { type: 'json', schema } })).body['response_format'], {
    type: 'json_schema',
    json_schema: { name: 'response', schema },
  });
  // Strict only for a schema in OpenAI's strict subset (openai-family/strict-schema.test.ts).
  const strictSchema = { ...schema, required: ['a'], additionalProperties: false };
  assert.deepEqual(emit(baseRequest({ responseFormat: { type: 'json', schema: strictSchema, name: 'A', strict: true, description: 'd' } })).body['response_format'], {
    type: 'json_schema',
    json_schema: { name: 'A', schema: strictSchema, description: 'd', strict: true },
  });
  assert.deepEqual(emit(baseRequest({ responseFormat: { type: 'json' } })).body['response_format'], { type: 'json_object' });
  assert.deepEqual(emit(baseRequest({ responseFormat: { type: 'text' } })).body['response_format'], { type: 'text' });
});

test('images: base64 as a data: URL, URLs as they are, detail kept; tool choice of one tool', () => {
  const { body } = emit(
    baseRequest({
      system: [],
      // The tool is declared: OpenAI refuses a choice naming a tool it was not given.
      tools: [{ name: 'f', parameters: { type: 'object' } }],
      toolChoice: { type: 'tool', name: 'f' },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/' } },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/b.png' }, detail: 'high' },
          ],
        },
      ],
    }),
  );
  assert.deepEqual(body['messages'], [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Compare' },
        { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/' } },
        { type: 'image_url', image_url: { url: 'https://example.com/b.png', detail: 'high' } },
      ],
    },
  ]);
  assert.deepEqual(body['tool_choice'], { type: 'function', function: { name: 'f' } });
});

test('streaming always asks for usage; own vendor fields merge back but never replace model, messages or stream', () => {
  const { body } = emit(
    baseRequest({
      stream: true,
      vendor: { 'openai-chat': { model: 'hijack', messages: [], stream: false, store: true, stream_options: { include_obfuscation: false } } },
    }),
  );
  assert.equal(body['model'], 'gpt-4.1');
  assert.equal((body['messages'] as unknown[]).length, 2);
  assert.equal(body['stream'], true);
  assert.deepEqual(body['stream_options'], { include_obfuscation: false, include_usage: true });
  assert.equal(body['store'], true);
});

test('an assistant turn with several text parts is joined; text parts from another dialect keep only our vendor fields', () => {
  const { body } = emit(
    baseRequest({
      messages: [
        { role: 'assistant', content: [{ type: 'text', text: 'One. ' }, { type: 'text', text: 'Two.', vendor: { anthropic: { cache_control: { type: 'ephemeral' } } } }] },
        { role: 'user', content: [{ type: 'text', text: 'More', vendor: { anthropic: { cache_control: { type: 'ephemeral' } } } }] },
      ],
    }),
  );
  assert.deepEqual((body['messages'] as unknown[]).slice(1), [
    { role: 'assistant', content: 'One. Two.' },
    { role: 'user', content: 'More' },
  ]);
});
