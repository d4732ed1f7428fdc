/**
 * parseRequest on the parts of an `/api/chat` body the fixtures do not cover, each documented in
 * docs/api.md / docs/openapi.yaml (cited per test), and emitRequest giving each one back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import type { Message } from '../../../src/interlingua/message.js';

const emitOptions = { model: 'llama3.2', defaultMaxOutputTokens: 1024 };

function parse(body: Record<string, unknown>) {
  return ollamaDialect.parseRequest(body, {});
}

function roundTrip(body: Record<string, unknown>) {
  const parsed = parse(body);
  const emitted = ollamaDialect.emitRequest(parsed.request, { ...emitOptions, model: parsed.request.model });
  return { ...parsed, emitted };
}

function bytes(...values: Array<number | string>): string {
  return Buffer.concat(values.map((value) => (typeof value === 'string' ? Buffer.from(value, 'latin1') : Buffer.from([value])))).toString('base64');
}

test('think: true/false/effort words map to reasoning and back (docs/openapi.yaml ChatRequest.think)', () => {
  for (const [think, reasoning] of [
    [true, { enabled: true, includeThoughts: true }],
    [false, { enabled: false }],
    ['low', { enabled: true, effort: 'low', includeThoughts: true }],
    ['high', { enabled: true, effort: 'high', includeThoughts: true }],
  ] as const) {
    const body = { model: 'gpt-oss', messages: [], stream: false, think };
    const { request, emitted } = roundTrip(body);
    assert.deepEqual(request.reasoning, reasoning);
    assert.deepEqual(emitted.body, body);
    assert.deepEqual(emitted.warnings, []);
  }
});

test('options map to sampling; logprobs to the interlingua\'s ask; the rest, keep_alive, travel in vendor.ollama and come back (docs/modelfile.md, docs/openapi.yaml)', () => {
  const body = {
    model: 'llama3.2',
    messages: [{ role: 'user', content: 'Hello!' }],
    stream: false,
    keep_alive: '10m',
    logprobs: true,
    top_logprobs: 2,
    options: {
      seed: 101,
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      num_predict: 128,
      stop: ['\n\n', 'User:'],
      presence_penalty: 0.5,
      frequency_penalty: 0.25,
      num_ctx: 8192,
      repeat_penalty: 1.1,
      mirostat: 0,
    },
  };
  const { request, emitted } = roundTrip(body);
  assert.deepEqual(request.sampling, {
    seed: 101,
    temperature: 0.2,
    topP: 0.9,
    topK: 40,
    maxOutputTokens: 128,
    stopSequences: ['\n\n', 'User:'],
    presencePenalty: 0.5,
    frequencyPenalty: 0.25,
  });
  assert.deepEqual(request.logprobs, { topLogprobs: 2 });
  assert.deepEqual(request.vendor, {
    ollama: { keep_alive: '10m', 'options.num_ctx': 8192, 'options.repeat_penalty': 1.1, 'options.mirostat': 0 },
  });
  assert.deepEqual(emitted.body, body);
});

test('num_predict -1 (no limit) is not a token count and stays an Ollama option; a string stop stays a string', () => {
  const body = { model: 'llama3.2', messages: [], stream: true, options: { num_predict: -1, stop: 'User:' } };
  const { request, emitted } = roundTrip(body);
  assert.equal(request.sampling.maxOutputTokens, undefined);
  assert.deepEqual(request.sampling.stopSequences, ['User:']);
  assert.deepEqual(emitted.body, body);
});

test('leading system messages are the system prompt; a later one stays in place', () => {
  const body = {
    model: 'llama3.2',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'system', content: 'Answer in French.' },
      { role: 'user', content: 'hi' },
      { role: 'system', content: 'Now switch to German.' },
      { role: 'user', content: 'again' },
    ],
    stream: false,
  };
  const { request, emitted } = roundTrip(body);
  assert.deepEqual(request.system.map((part) => part.text), ['You are terse.', 'Answer in French.']);
  assert.deepEqual(request.messages.map((message) => message.role), ['user', 'system', 'user']);
  assert.deepEqual(emitted.body, body);
});

test('an assistant turn with thinking, text and calls keeps all three, thinking first (docs/openapi.yaml ChatMessage)', () => {
  const body = {
    model: 'qwen3',
    messages: [
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Let me check.',
        thinking: 'Two cities, two calls.',
        tool_calls: [
          { function: { name: 'get_weather', arguments: { city: 'Paris' } } },
          { function: { name: 'get_weather', arguments: { city: 'Rome' } } },
        ],
      },
      { role: 'tool', content: '18 degrees', tool_name: 'get_weather' },
      { role: 'tool', content: '24 degrees', tool_name: 'get_weather' },
    ],
    stream: true,
  };
  const { request, emitted, warnings } = roundTrip(body);
  assert.deepEqual(warnings, []);
  const assistant = request.messages[1] as Extract<Message, { role: 'assistant' }>;
  assert.deepEqual(assistant.content.map((part) => part.type), ['reasoning', 'text', 'tool-call', 'tool-call']);
  const callIds = assistant.content.flatMap((part) => (part.type === 'tool-call' ? [part.id] : []));
  assert.deepEqual(callIds, ['call_1_0', 'call_1_1'], 'deterministic ids, distinct per call');
  const tool = request.messages[2] as Extract<Message, { role: 'tool' }>;
  assert.equal(request.messages.length, 3, 'consecutive tool messages are one tool message');
  assert.deepEqual(tool.content.map((result) => result.toolCallId), callIds, 'results pair with calls by name and order');
  assert.deepEqual(emitted.body, body);
  // The same history parses to the same ids every time.
  assert.deepEqual(parse(body).request, request);
});

test('results without tool_name pair with the calls in order; tool_call_id and call ids from newer servers are kept', () => {
  const unnamedBody = {
    model: 'm',
    messages: [
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'a', arguments: {} } }, { function: { name: 'b', arguments: {} } }] },
      { role: 'tool', content: 'A' },
      { role: 'tool', content: 'B' },
    ],
    stream: true,
  };
  const unnamed = roundTrip(unnamedBody);
  const results = unnamed.request.messages[1]?.role === 'tool' ? unnamed.request.messages[1].content : [];
  // The names are there for dialects that need them (Gemini); the Ollama body gets none it did not have.
  assert.deepEqual(results.map((result) => [result.toolCallId, result.toolName]), [['call_0_0', 'a'], ['call_0_1', 'b']]);
  assert.deepEqual(unnamed.emitted.body, unnamedBody);

  // Ids as in fixtures/ollama/chat-response-qwen3.5-thinking-parallel-tool-calls.json, answered out of order.
  const body = {
    model: 'qwen3.5:35b',
    messages: [
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          { id: 'call_trmym6vj', function: { index: 0, name: 'read_file_content', arguments: { file_name: 'A.java' } } },
          { id: 'call_24957ol8', function: { index: 1, name: 'read_file_content', arguments: { file_name: 'B.java' } } },
        ],
      },
      { role: 'tool', content: 'class B {}', tool_name: 'read_file_content', tool_call_id: 'call_24957ol8' },
      { role: 'tool', content: 'class A {}', tool_name: 'read_file_content', tool_call_id: 'call_trmym6vj' },
    ],
    stream: false,
  };
  const { request, emitted } = roundTrip(body);
  const tool = request.messages[1]?.role === 'tool' ? request.messages[1].content : [];
  assert.deepEqual(tool.map((result) => result.toolCallId), ['call_24957ol8', 'call_trmym6vj']);
  assert.deepEqual(emitted.body, body);
});

test('a tool result no call is left for is kept, with a warning', () => {
  const { request, warnings } = parse({ model: 'm', messages: [{ role: 'user', content: 'x' }, { role: 'tool', content: 'orphan', tool_name: 'f' }] });
  assert.equal(request.messages[1]?.role, 'tool');
  assert.deepEqual(warnings.map((warning) => warning.feature), ['tool_result.unpaired']);
});

test('image media types come from the bytes: PNG, JPEG, GIF, WebP; anything else is PNG with a warning', () => {
  const images = [
    bytes(0x89, 'PNG\r\n', 0x1a, '\n', 0, 0, 0, 13),
    bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 'JFIF'),
    bytes('GIF89a', 1, 0, 1, 0),
    bytes('RIFF', 36, 0, 0, 0, 'WEBPVP8 '),
    bytes('%PDF-1.7 tail'),
  ];
  const body = { model: 'llava', messages: [{ role: 'user', content: 'what are these?', images }], stream: false };
  const { request, warnings, emitted } = roundTrip(body);
  const content = request.messages[0]?.role === 'user' ? request.messages[0].content : [];
  assert.deepEqual(
    content.flatMap((part) => (part.type === 'image' && part.source.kind === 'base64' ? [part.source.mediaType] : [])),
    ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/png'],
  );
  assert.deepEqual(warnings.map((warning) => warning.feature), ['image.media_type']);
  assert.match(warnings[0]?.message ?? '', /messages\[0\]\.images\[4\]/);
  assert.deepEqual(emitted.body, body, 'the bytes go back untouched');
});

test('roles are read case-insensitively, as the server does (api/types.go Message.UnmarshalJSON)', () => {
  const { request } = parse({ model: 'm', messages: [{ role: 'User', content: 'hi' }] });
  assert.equal(request.messages[0]?.role, 'user');
});

test('fields the interlingua does not model, on the body and on messages, come back to Ollama and are reported elsewhere', () => {
  const body = {
    model: 'm',
    messages: [{ role: 'user', content: 'hi', name: 'alice' }],
    stream: false,
    truncate: true,
  };
  const { request, emitted } = roundTrip(body);
  assert.deepEqual(emitted.body, body);
  assert.deepEqual(request.vendor, { ollama: { truncate: true } });
  assert.deepEqual(request.messages[0]?.vendor, { ollama: { extra: { name: 'alice' } } });
});

test('an invalid body is an invalid_request error naming the field', () => {
  const cases: Array<[unknown, string | undefined, RegExp]> = [
    [{ messages: [] }, 'model', /Missing required field 'model'/],
    [{ model: '' }, 'model', /'model'/],
    [{ model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role', /'messages\[0\]\.role'/],
    [{ model: 'm', messages: [{ role: 'user', content: 3 }] }, 'messages[0].content', /'messages\[0\]\.content'/],
    [{ model: 'm', messages: [{ role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: '{}' } }] }] }, 'messages[0].tool_calls[0].function.arguments', /arguments/],
    [{ model: 'm', format: 'yaml' }, 'format', /"json" or a JSON schema object/],
    [{ model: 'm', think: 'max' }, 'think', /'think'/],
    [{ model: 'm', options: { temperature: 'hot' } }, 'options.temperature', /'options\.temperature'/],
    [{ model: 'm', tools: [{ type: 'function', function: { description: 'no name' } }] }, 'tools[0].function.name', /'tools\[0\]\.function\.name'/],
    ['not an object', undefined, /the body/],
  ];
  for (const [body, param, message] of cases) {
    assert.throws(
      () => ollamaDialect.parseRequest(body, {}),
      (error: unknown) => error instanceof InterlinguaError && error.code === 'invalid_request' && error.param === param && message.test(error.message),
      JSON.stringify(body),
    );
  }
});
