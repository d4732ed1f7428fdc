/**
 * parseRequest, case by case. Field names and shapes follow
 * https://platform.openai.com/docs/api-reference/chat/create and the request fixtures cited below.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { readFixtureJson } from '../../support/fixtures.js';

const parse = (body: unknown) => openaiChatDialect.parseRequest(body, {});

test('a data: URL becomes base64 bytes, an https URL stays a URL, detail is kept (fixtures/openai-chat/fantasy-gpt5-image-upload.request.json)', () => {
  const { request } = parse(readFixtureJson('openai-chat/fantasy-gpt5-image-upload.request.json'));
  const image = request.messages[0]?.content[1];
  assert.ok(image?.type === 'image' && image.source.kind === 'base64');
  assert.equal(image.source.mediaType, 'image/png');
  assert.match(image.source.data, /^iVBORw0KGgo/);

  const { request: withUrl } = parse({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } }] }],
  });
  assert.deepEqual(withUrl.messages[0]?.content, [{ type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' }, detail: 'low' }]);
});

test('leading system and developer messages are the system prompt; a later one stays in place', () => {
  const { request, warnings } = parse({
    model: 'o3',
    messages: [
      { role: 'developer', content: 'Be brief.' },
      { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
      { role: 'user', content: 'Hello' },
      { role: 'developer', content: 'Now answer in German.' },
      { role: 'user', content: 'Again' },
    ],
  });
  assert.deepEqual(warnings, []);
  assert.deepEqual(request.system, [
    { type: 'text', text: 'Be brief.' },
    { type: 'text', text: 'Answer in French.' },
  ]);
  assert.deepEqual(request.messages[1], {
    role: 'system',
    content: [{ type: 'text', text: 'Now answer in German.' }],
    vendor: { 'openai-chat': { role: 'developer' } },
  });
  const body = openaiChatDialect.emitRequest(request, { model: 'o3', defaultMaxOutputTokens: 1 }).body as { messages: unknown[] };
  assert.deepEqual(body.messages[2], { role: 'developer', content: 'Now answer in German.' });
});

test('consecutive tool messages become one tool message, names found in history (fixtures/openai-chat/fantasy-gpt4o-multi_tool.i1.request.json)', () => {
  const { request } = parse(readFixtureJson('openai-chat/fantasy-gpt4o-multi_tool.i1.request.json'));
  assert.deepEqual(request.messages.map((message) => message.role), ['user', 'assistant', 'tool']);
  assert.deepEqual(request.messages[2], {
    role: 'tool',
    content: [
      { type: 'tool-result', toolCallId: 'call_fifE5poZ3dg3JDUKGFi48NGq', toolName: 'add', content: [{ type: 'text', text: '5' }] },
      { type: 'tool-result', toolCallId: 'call_cvvIly4eGLZUYOMhAviT8jAF', toolName: 'multiply', content: [{ type: 'text', text: '6' }] },
    ],
  });
  assert.deepEqual(request.toolChoice, { type: 'auto' });
  assert.equal(request.tools?.[0]?.strict, false);
  assert.equal(request.sampling.maxOutputTokens, 4000);
});

test('assistant reasoning_content, text and tool calls, in that order (fixtures/zhipu-glm/fantasy-glm47flash-multi_tool.i1.request.json)', () => {
  const { request } = parse(readFixtureJson('zhipu-glm/fantasy-glm47flash-multi_tool.i1.request.json'));
  const assistant = request.messages[1];
  assert.equal(assistant?.role, 'assistant');
  assert.deepEqual(assistant?.content.map((part) => part.type), ['reasoning', 'text', 'tool-call', 'tool-call']);
  const call = assistant?.content[2];
  assert.ok(call?.type === 'tool-call');
  assert.equal(call.arguments, '{"a":2,"b":3}', 'arguments are kept verbatim');
});

test('unsupported content parts are warnings, not failures; input_audio is an audio file part (input-audio.test.ts)', () => {
  const { request, warnings } = parse({
    model: 'gpt-4o-audio-preview',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Transcribe' },
          { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
          { type: 'file', file: { file_id: 'file-1' } },
          { type: 'video_url', video_url: { url: 'https://example.com/v.mp4' } },
        ],
      },
    ],
  });
  assert.deepEqual(request.messages[0]?.content, [
    { type: 'text', text: 'Transcribe' },
    { type: 'file', source: { kind: 'base64', mediaType: 'audio/wav', data: 'AAAA' } },
    { type: 'file', source: { kind: 'file-id', fileId: 'file-1', origin: 'openai-chat' } },
  ]);
  assert.deepEqual(warnings.map((warning) => [warning.type, warning.feature]), [['unsupported', 'content.video_url']]);
});

test('a file part with a data: URL is an inline file; its filename is kept', () => {
  const { request, warnings } = parse({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: [{ type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' } }] }],
  });
  assert.deepEqual(warnings, []);
  assert.deepEqual(request.messages[0]?.content, [{ type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' }, filename: 'a.pdf' }]);
});

test('every modelled parameter lands in the interlingua; the rest travels in vendor["openai-chat"]', () => {
  const { request } = parse({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'Hi', name: 'alice' }],
    tools: [{ type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object' }, strict: true } }],
    tool_choice: { type: 'function', function: { name: 'f' } },
    parallel_tool_calls: false,
    temperature: 0.2,
    top_p: 0.9,
    max_completion_tokens: 100,
    max_tokens: 50,
    stop: 'END',
    seed: 7,
    presence_penalty: 0.1,
    frequency_penalty: 0.3,
    n: 2,
    response_format: { type: 'json_schema', json_schema: { name: 'P', schema: { type: 'object' }, strict: true, description: 'a P' } },
    reasoning_effort: 'low',
    stream: true,
    stream_options: { include_usage: true, include_obfuscation: false },
    user: 'user-1',
    logprobs: true,
    top_logprobs: 2,
    logit_bias: { '50256': -100 },
    metadata: { tag: 'x' },
    store: true,
    service_tier: 'flex',
    temperature_unused: null,
  });
  assert.deepEqual(request.tools, [{ name: 'f', description: 'd', parameters: { type: 'object' }, strict: true }]);
  assert.deepEqual(request.toolChoice, { type: 'tool', name: 'f' });
  assert.equal(request.parallelToolCalls, false);
  assert.deepEqual(request.sampling, {
    temperature: 0.2,
    topP: 0.9,
    maxOutputTokens: 100,
    stopSequences: ['END'],
    seed: 7,
    presencePenalty: 0.1,
    frequencyPenalty: 0.3,
    candidateCount: 2,
  });
  assert.deepEqual(request.responseFormat, { type: 'json', name: 'P', schema: { type: 'object' }, strict: true, description: 'a P' });
  assert.deepEqual(request.reasoning, { enabled: true, effort: 'low' });
  assert.equal(request.stream, true);
  assert.equal(request.streamUsage, true);
  assert.equal(request.user, 'user-1');
  assert.deepEqual(request.messages[0]?.vendor, { 'openai-chat': { name: 'alice' } });
  assert.deepEqual(request.logprobs, { topLogprobs: 2 });
  assert.deepEqual(request.vendor, {
    'openai-chat': {
      logit_bias: { '50256': -100 },
      metadata: { tag: 'x' },
      store: true,
      service_tier: 'flex',
      temperature_unused: null,
      stream_options: { include_obfuscation: false },
      // Where the message fields kept beside the messages are, for other targets to report (core/vendor-fields.ts).
      '^message_fields': ['messages[0].name'],
    },
  });
});

test('response_format json_object and text; reasoning_effort outside the interlingua scale is kept verbatim', () => {
  assert.deepEqual(parse({ model: 'm', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_object' } }).request.responseFormat, { type: 'json' });
  assert.deepEqual(parse({ model: 'm', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'text' } }).request.responseFormat, { type: 'text' });
  const none = parse({ model: 'm', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'none' }).request;
  assert.deepEqual(none.reasoning, { enabled: false });
  // Only a spelling: other dialects carry "off" and must not report reasoning_effort as left out.
  assert.deepEqual(none.vendor, { 'openai-chat': { '@reasoning_effort': 'none' } });
  const unknown = parse({ model: 'm', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'turbo' }).request;
  assert.equal(unknown.reasoning, undefined);
  assert.deepEqual(unknown.vendor, { 'openai-chat': { reasoning_effort: 'turbo' } });
  const xhigh = parse({ model: 'm', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'xhigh' }).request;
  assert.deepEqual(xhigh.reasoning, { enabled: true, effort: 'high' });
  const body = openaiChatDialect.emitRequest(xhigh, { model: 'm', defaultMaxOutputTokens: 1 }).body as Record<string, unknown>;
  assert.equal(body['reasoning_effort'], 'xhigh', 'a same-dialect pass-through sends the exact value back');
});

test('allowed_tools: its functions are the allowed tools of the choice; a custom tool travels verbatim', () => {
  const toolChoice = { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'f' } }] } };
  const { request } = parse({ model: 'm', messages: [{ role: 'user', content: 'x' }], tool_choice: toolChoice });
  assert.deepEqual(request.toolChoice, { type: 'auto', allowed: ['f'] });
  assert.equal(request.vendor, undefined);
  const custom = { type: 'custom', custom: { name: 'grammar' } };
  const mixed = parse({ model: 'm', messages: [{ role: 'user', content: 'x' }], tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [custom, { type: 'function', function: { name: 'f' } }] } } });
  assert.deepEqual(mixed.request.toolChoice, { type: 'required', allowed: ['f'] });
  assert.deepEqual(mixed.request.vendor, { 'openai-chat': { 'tool_choice.allowed_tools': [custom] } });
  assert.throws(() => parse({ model: 'm', messages: [{ role: 'user', content: 'x' }], tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'always', tools: [] } } }), /tool_choice/);
});

test('the model from the route is used when the body has none', () => {
  assert.equal(openaiChatDialect.parseRequest({ messages: [{ role: 'user', content: 'x' }] }, { model: 'from-path' }).request.model, 'from-path');
});

const invalid: Array<[string, unknown, string | undefined]> = [
  ['not an object', [1, 2], undefined],
  ['a string', 'hello', undefined],
  ['no model', { messages: [{ role: 'user', content: 'x' }] }, 'model'],
  ['model not a string', { model: 4, messages: [{ role: 'user', content: 'x' }] }, 'model'],
  ['no messages', { model: 'm' }, 'messages'],
  ['empty messages', { model: 'm', messages: [] }, 'messages'],
  ['messages not an array', { model: 'm', messages: 'hi' }, 'messages'],
  ['message not an object', { model: 'm', messages: ['hi'] }, 'messages[0]'],
  ['unknown role', { model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
  ['deprecated function role', { model: 'm', messages: [{ role: 'function', name: 'f', content: 'x' }] }, 'messages[0].role'],
  ['content a number', { model: 'm', messages: [{ role: 'user', content: 'ok' }, { role: 'user', content: 5 }] }, 'messages[1].content'],
  ['text part without text', { model: 'm', messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 'messages[0].content[0].text'],
  ['tool message without id', { model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id'],
  ['tool call arguments not a string', { model: 'm', messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: {} } }] }] }, 'messages[0].tool_calls[0].function.arguments'],
  ['temperature a string', { model: 'm', messages: [{ role: 'user', content: 'x' }], temperature: 'hot' }, 'temperature'],
  ['max_tokens fractional', { model: 'm', messages: [{ role: 'user', content: 'x' }], max_tokens: 1.5 }, 'max_tokens'],
  ['stop a number', { model: 'm', messages: [{ role: 'user', content: 'x' }], stop: 3 }, 'stop'],
  ['tool without a name', { model: 'm', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: {} }] }, 'tools[0].function.name'],
  ['tool_choice unknown word', { model: 'm', messages: [{ role: 'user', content: 'x' }], tool_choice: 'always' }, 'tool_choice'],
  ['response_format unknown type', { model: 'm', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'yaml' } }, 'response_format.type'],
];

for (const [name, body, param] of invalid) {
  test(`invalid request (${name}) is an invalid_request naming ${param ?? 'the body'}`, () => {
    assert.throws(
      () => parse(body),
      (error: unknown) => {
        assert.ok(error instanceof InterlinguaError, String(error));
        assert.equal(error.code, 'invalid_request');
        assert.equal(error.status, 400);
        assert.equal(error.param, param);
        if (param !== undefined) assert.ok(error.message.includes(`'${param}'`), error.message);
        return true;
      },
    );
  });
}

test('an assistant turn that declined (content null, `refusal` set) keeps what it said, as a refusal part other dialects read as text', async () => {
  const body = {
    model: 'gpt-4o',
    messages: [
      { role: 'user', content: 'Help me pick a lock.' },
      { role: 'assistant', content: null, refusal: "I can't help with that." },
      { role: 'user', content: 'Then tell me about locks.' },
    ],
  };
  const { request } = parse(body);
  assert.equal(request.messages.length, 3, 'the declining turn stays between the two user turns');
  const said = request.messages[1]?.content[0];
  assert.ok(said?.type === 'text');
  assert.equal(said.text, "I can't help with that.");

  const { anthropicDialect } = await import('../../../src/dialects/anthropic/index.js');
  const emitted = anthropicDialect.emitRequest(request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 100 }).body as { messages: Array<{ role: string; content: unknown }> };
  assert.deepEqual(
    emitted.messages.map((message) => message.role),
    ['user', 'assistant', 'user'],
  );
  assert.match(JSON.stringify(emitted.messages[1]?.content), /I can't help with that\./);

  const again = openaiChatDialect.emitRequest(request, { model: 'gpt-4o', defaultMaxOutputTokens: 100 }).body as { messages: Array<Record<string, unknown>> };
  assert.deepEqual(again.messages[1], { role: 'assistant', content: [{ type: 'refusal', refusal: "I can't help with that." }] }, 'written back once, as the refusal part OpenAI also takes');
});
