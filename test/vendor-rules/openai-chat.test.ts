import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, judge, recordedRequests, type RuleCase } from './openai-rule-cases.js';

/** Each Chat Completions rule refuses what breaks it, with OpenAI's words, and serves the nearest valid request. */

const path = '/v1/chat/completions';
const user = { role: 'user', content: 'hi' };
const weatherTool = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
const call = (id: string, name = 'get_weather') => ({ id, type: 'function', function: { name, arguments: '{}' } });
const base = { model: 'gpt-4o', messages: [user] };
const strictSchema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };

const cases: RuleCase[] = [
  { rule: 'openai-chat.model.required', bad: { messages: [user] }, good: base, says: 'you must provide a model parameter' },
  { rule: 'openai-chat.messages.required', bad: { model: 'gpt-4o', messages: [] }, good: base, says: "Invalid 'messages': empty array" },
  { rule: 'openai-chat.temperature.maximum', bad: { ...base, temperature: 2.5 }, good: { ...base, temperature: 2 }, says: "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 2.5 instead." },
  { rule: 'openai-chat.temperature.minimum', bad: { ...base, temperature: -1 }, good: { ...base, temperature: 0 }, says: 'Expected a value >= 0, but got -1 instead.' },
  { rule: 'openai-chat.top_p.maximum', bad: { ...base, top_p: 1.5 }, good: { ...base, top_p: 1 }, says: "Invalid 'top_p'" },
  { rule: 'openai-chat.frequency_penalty.minimum', bad: { ...base, frequency_penalty: -3 }, good: { ...base, frequency_penalty: -2 }, says: "Invalid 'frequency_penalty'" },
  { rule: 'openai-chat.presence_penalty.maximum', bad: { ...base, presence_penalty: 2.1 }, good: { ...base, presence_penalty: 2 }, says: "Invalid 'presence_penalty'" },
  { rule: 'openai-chat.n.minimum', bad: { ...base, n: 0 }, good: { ...base, n: 1 }, says: "Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead." },
  { rule: 'openai-chat.top_logprobs.maximum', bad: { ...base, logprobs: true, top_logprobs: 21 }, good: { ...base, logprobs: true, top_logprobs: 20 }, says: "Invalid 'top_logprobs'" },
  { rule: 'openai-chat.top_logprobs.requires-logprobs', bad: { ...base, top_logprobs: 2 }, good: { ...base, logprobs: true, top_logprobs: 2 }, says: "'logprobs' must be set to true" },
  { rule: 'openai-chat.stop.max-count', bad: { ...base, stop: ['a', 'b', 'c', 'd', 'e'] }, good: { ...base, stop: ['a', 'b', 'c', 'd'] }, says: "Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length 5 instead." },
  { rule: 'openai-chat.stream_options.requires-stream', bad: { ...base, stream_options: { include_usage: true } }, good: { ...base, stream: true, stream_options: { include_usage: true } }, says: "The 'stream_options' parameter is only allowed when 'stream' is enabled." },
  { rule: 'openai-chat.max_tokens.not-with-max_completion_tokens', bad: { ...base, max_tokens: 10, max_completion_tokens: 10 }, good: { ...base, max_completion_tokens: 10 }, says: "Setting 'max_tokens' and 'max_completion_tokens' at the same time is not supported." },
  {
    rule: 'openai-chat.response_format.json_schema-name',
    bad: { ...base, response_format: { type: 'json_schema', json_schema: { name: 'my schema', schema: strictSchema } } },
    good: { ...base, response_format: { type: 'json_schema', json_schema: { name: 'my_schema', schema: strictSchema } } },
    says: "Invalid 'response_format.json_schema.name': string does not match pattern.",
  },
  {
    rule: 'openai-chat.response_format.strict-schema',
    bad: { ...base, response_format: { type: 'json_schema', json_schema: { name: 'weather', strict: true, schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } } },
    good: { ...base, response_format: { type: 'json_schema', json_schema: { name: 'weather', strict: true, schema: strictSchema } } },
    says: "Invalid schema for response_format 'weather': In context=(), 'additionalProperties' is required to be supplied and to be false.",
  },
  { rule: 'openai-chat.messages.role', bad: { ...base, messages: [{ role: 'model', content: 'hi' }] }, good: { ...base, messages: [{ role: 'developer', content: 'hi' }, user] }, says: "Invalid value: 'model'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'." },
  {
    rule: 'openai-chat.messages.content-type',
    bad: { ...base, messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }] },
    good: { ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] },
    says: "Invalid type for 'messages[0].content': expected one of a string or array of objects, but got an object instead.",
  },
  {
    rule: 'openai-chat.messages.assistant-content-or-calls',
    bad: { ...base, messages: [user, { role: 'assistant', content: null }, user] },
    good: { ...base, messages: [user, { role: 'assistant', content: '' }, user] },
    says: "Invalid value for 'content': expected a string, got null.",
  },
  {
    rule: 'openai-chat.messages.image-only-for-user',
    bad: { ...base, messages: [user, { role: 'assistant', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }, user] },
    good: { ...base, messages: [user, { role: 'assistant', content: 'here' }, { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }] },
    says: "Invalid 'messages[1]'. Image URLs are only allowed for messages with role 'user', but this message with role 'assistant' contains an image URL.",
  },
  {
    rule: 'openai-chat.messages.part-types-per-role',
    bad: { ...base, messages: [user, { role: 'assistant', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] }, user] },
    good: { ...base, messages: [user, { role: 'assistant', content: [{ type: 'refusal', refusal: 'no' }] }, user] },
    says: "Invalid value: 'input_audio'. Supported values are: 'text' and 'refusal'.",
  },
  {
    rule: 'openai-chat.messages.tool-follows-tool-calls',
    bad: { ...base, messages: [user, { role: 'tool', tool_call_id: 'call_1', content: 'sunny' }] },
    good: { ...base, messages: [user, { role: 'assistant', content: null, tool_calls: [call('call_1')] }, { role: 'tool', tool_call_id: 'call_1', content: 'sunny' }], tools: [weatherTool] },
    says: "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
  },
  {
    rule: 'openai-chat.messages.tool-follows-tool-calls',
    bad: { ...base, messages: [user, { role: 'assistant', content: null, tool_calls: [call('call_1')] }, { role: 'tool', tool_call_id: 'call_9', content: 'sunny' }] },
    good: { ...base, messages: [user, { role: 'assistant', content: null, tool_calls: [call('call_1')] }, { role: 'tool', tool_call_id: 'call_1', content: 'sunny' }] },
    says: "Invalid parameter: 'tool_call_id' of 'call_9' not found in 'tool_calls' of previous message.",
  },
  {
    rule: 'openai-chat.messages.tool-calls-answered',
    bad: { ...base, messages: [user, { role: 'assistant', content: null, tool_calls: [call('call_1'), call('call_2')] }, { role: 'tool', tool_call_id: 'call_1', content: 'sunny' }, user] },
    good: { ...base, messages: [user, { role: 'assistant', content: null, tool_calls: [call('call_1'), call('call_2')] }, { role: 'tool', tool_call_id: 'call_2', content: 'rain' }, { role: 'tool', tool_call_id: 'call_1', content: 'sunny' }, user] },
    says: "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_2",
  },
  {
    rule: 'openai-chat.tools.max-count',
    bad: { ...base, tools: Array.from({ length: 129 }, (_, index) => ({ type: 'function', function: { name: `tool_${index}` } })) },
    good: { ...base, tools: Array.from({ length: 128 }, (_, index) => ({ type: 'function', function: { name: `tool_${index}` } })) },
    says: "Invalid 'tools': array too long. Expected an array with maximum length 128, but got an array with length 129 instead.",
  },
  {
    rule: 'openai-chat.tools.function-name',
    bad: { ...base, tools: [{ type: 'function', function: { name: 'weather.get' } }] },
    good: { ...base, tools: [{ type: 'function', function: { name: 'weather-get_2' } }] },
    says: "Invalid 'tools[0].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
  },
  {
    rule: 'openai-chat.tools.function-name',
    bad: { ...base, tools: [{ type: 'function', function: { name: 'x'.repeat(65) } }] },
    good: { ...base, tools: [{ type: 'function', function: { name: 'x'.repeat(64) } }] },
    says: 'Expected a string with maximum length 64, but got a string with length 65 instead.',
  },
  {
    rule: 'openai-chat.prompt-cache-key.max-length',
    bad: { ...base, prompt_cache_key: `session-${'a'.repeat(36)}:sub-${'b'.repeat(36)}` },
    good: { ...base, prompt_cache_key: 'k'.repeat(64) },
    says: "Invalid 'prompt_cache_key': string too long. Expected a string with maximum length 64, but got a string with length 85 instead.",
  },
  {
    rule: 'openai-chat.tools.description-length',
    bad: { ...base, tools: [weatherTool, { type: 'function', function: { name: 'shell', description: 'é'.repeat(1025) } }] },
    good: { ...base, tools: [{ type: 'function', function: { name: 'shell', description: '📁'.repeat(1024) } }] },
    says: "Invalid 'tools[1].function.description': string too long. Expected a string with maximum length 1024, but got a string with length 1025 instead.",
  },
  {
    rule: 'openai-chat.messages.tool-call-name',
    bad: { ...base, messages: [user, { role: 'assistant', content: null, tool_calls: [call('call_1', 'mcp/get')] }, { role: 'tool', tool_call_id: 'call_1', content: 'ok' }] },
    good: { ...base, messages: [user, { role: 'assistant', content: null, tool_calls: [call('call_1', 'mcp_get')] }, { role: 'tool', tool_call_id: 'call_1', content: 'ok' }] },
    says: "Invalid 'messages[1].tool_calls[0].function.name': string does not match pattern.",
  },
  { rule: 'openai-chat.tool_choice.requires-tools', bad: { ...base, tool_choice: 'none' }, good: { ...base, tools: [weatherTool], tool_choice: 'none' }, says: "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified." },
  {
    rule: 'openai-chat.tool_choice.names-declared-function',
    bad: { ...base, tools: [weatherTool], tool_choice: { type: 'function', function: { name: 'get_time' } } },
    good: { ...base, tools: [weatherTool], tool_choice: { type: 'function', function: { name: 'get_weather' } } },
    says: "Tool choice 'function' not found in 'tools' parameter.",
  },
  { rule: 'openai-chat.parallel_tool_calls.requires-tools', bad: { ...base, parallel_tool_calls: false }, good: { ...base, tools: [weatherTool], parallel_tool_calls: false }, says: "Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are specified." },
  {
    rule: 'openai-chat.tools.strict-schema',
    bad: { ...base, tools: [{ type: 'function', function: { name: 'search', strict: true, parameters: { type: 'object', properties: { query: { type: 'string' }, limit: { type: 'integer' } }, required: ['query'], additionalProperties: false } } }] },
    good: { ...base, tools: [{ type: 'function', function: { name: 'search', strict: true, parameters: { type: 'object', properties: { query: { type: 'string' }, limit: { type: ['integer', 'null'] } }, required: ['query', 'limit'], additionalProperties: false } } }] },
    says: "Invalid schema for function 'search': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'limit'.",
  },
  {
    rule: 'openai-chat.tools.strict-schema',
    bad: { ...base, tools: [{ type: 'function', function: { name: 'lookup', strict: true, parameters: { type: 'object', properties: { word: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } }, required: ['word'], additionalProperties: false } } }] },
    good: { ...base, tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { word: { type: 'object', properties: { text: { type: 'string' } } } } } } }] },
    says: "In context=('properties', 'word'), 'additionalProperties' is required to be supplied and to be false.",
  },
  {
    rule: 'openai-chat.response_format.schema-root-object',
    bad: { ...base, response_format: { type: 'json_schema', json_schema: { name: 'recipes', schema: { type: 'array', items: { type: 'string' } } } } },
    good: { ...base, response_format: { type: 'json_schema', json_schema: { name: 'recipes', schema: { type: 'object', properties: { value: { type: 'array', items: { type: 'string' } } } } } } },
    says: `Invalid schema for response_format 'recipes': schema must be a JSON Schema of 'type: "object"', got 'type: "array"'.`,
  },
  {
    rule: 'openai-chat.tools.parameters-object',
    bad: { ...base, tools: [{ type: 'function', function: { name: 'list_tasks', parameters: { type: 'object' } } }] },
    good: { ...base, tools: [{ type: 'function', function: { name: 'list_tasks', parameters: { type: 'object', properties: {} } } }, { type: 'function', function: { name: 'now' } }] },
    says: "Invalid schema for function 'list_tasks': In context=(), object schema missing properties.",
  },
  {
    rule: 'openai-chat.tools.parameters-object',
    bad: { ...base, tools: [{ type: 'function', function: { name: 'list_tasks', parameters: {} } }] },
    good: { ...base, tools: [{ type: 'function', function: { name: 'list_tasks', parameters: { type: 'object', properties: {} } } }] },
    says: `Invalid schema for function 'list_tasks': schema must be a JSON Schema of 'type: "object"', got 'type: "None"'.`,
  },
  {
    rule: 'openai-chat.tools.parameters-object',
    bad: { ...base, tools: [{ type: 'function', function: { name: 'read_files', parameters: { type: 'object', properties: { options: { anyOf: [{ type: 'null' }, { type: 'object', properties: { paths: { type: 'array' } } }] } } } } }] },
    good: { ...base, tools: [{ type: 'function', function: { name: 'read_files', parameters: { type: 'object', properties: { paths: { type: 'array', items: {} } } } } }] },
    says: "Invalid schema for function 'read_files': In context=('properties', 'options', 'anyOf', '1', 'properties', 'paths'), array schema missing items.",
  },
];

for (const ruleCase of cases) {
  test(`${ruleCase.rule}: refuses ${ruleCase.says.toString().slice(0, 60)}…`, () => assertCase(path, ruleCase));
}

test('every Chat Completions request recorded from the real API passes every rule', () => {
  const recorded = [...recordedRequests('openai-chat'), ...recordedRequests('openai-compat')].filter(({ name }) => !name.includes('legacy-completions'));
  assert.ok(recorded.length >= 20);
  for (const { name, body } of recorded) assert.equal(judge(path, body)?.message, undefined, name);
});

test('the error body is OpenAI’s envelope with the rule’s param and code', () => {
  const refusal = judge(path, { ...base, stop: ['a', 'b', 'c', 'd', 'e'] });
  assert.deepEqual(refusal?.body, {
    error: {
      message: "Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length 5 instead.",
      type: 'invalid_request_error',
      param: 'stop',
      code: 'array_above_max_length',
    },
  });
});

test('Azure’s deployment paths are judged by the Azure judge, which takes the Chat Completions rules', () => {
  assert.equal(judge('/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21', { messages: [] })?.judge, 'azure-openai');
});
