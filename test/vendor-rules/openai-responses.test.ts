import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureJson } from '../support/fixtures.js';
import { assertCase, judge, recordedRequests, type RuleCase } from './openai-rule-cases.js';

/** Each Responses rule refuses what breaks it, with OpenAI's words, and serves the nearest valid request. */

const path = '/v1/responses';
const base = { model: 'gpt-5', input: 'hi' };
/** For the sampling ranges: a model that takes sampling (reasoning models refuse temperature and top_p outright). */
const sampled = { model: 'gpt-4.1', input: 'hi' };
const user = { role: 'user', content: [{ type: 'input_text', text: 'weather?' }] };
const functionCall = { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{}' };
const functionOutput = { type: 'function_call_output', call_id: 'call_1', output: 'sunny' };
const reasoning = { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAA' };
const weatherTool = { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: {} }, strict: false };

const cases: RuleCase[] = [
  { rule: 'openai-responses.model.required', bad: { input: 'hi' }, good: base, says: "Missing required parameter: 'model'." },
  { rule: 'openai-responses.instructions.string', bad: { ...base, instructions: ['be brief'] }, good: { ...base, instructions: 'be brief' }, says: "Invalid type for 'instructions': expected a string, but got an array instead." },
  { rule: 'openai-responses.max_output_tokens.minimum', bad: { ...base, max_output_tokens: 10 }, good: { ...base, max_output_tokens: 16 }, says: "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 10 instead." },
  { rule: 'openai-responses.temperature.maximum', bad: { ...sampled, temperature: 2.1 }, good: { ...sampled, temperature: 2 }, says: "Invalid 'temperature': decimal above maximum value." },
  { rule: 'openai-responses.top_p.minimum', bad: { ...sampled, top_p: -0.1 }, good: { ...sampled, top_p: 0 }, says: "Invalid 'top_p'" },
  { rule: 'openai-responses.top_logprobs.maximum', bad: { ...base, top_logprobs: 21 }, good: { ...base, model: 'gpt-4.1', top_logprobs: 20 }, says: "Invalid 'top_logprobs'" },
  {
    rule: 'openai-responses.prompt-cache-key.max-length',
    bad: { ...base, prompt_cache_key: 'k'.repeat(65) },
    good: { ...base, prompt_cache_key: 'k'.repeat(64) },
    says: "Invalid 'prompt_cache_key': string too long. Expected a string with maximum length 64, but got a string with length 65 instead.",
  },
  { rule: 'openai-responses.include.values', bad: { ...base, include: ['reasoning.summary'] }, good: { ...base, model: 'gpt-4.1', include: ['reasoning.encrypted_content', 'message.output_text.logprobs'] }, says: "Invalid value: 'reasoning.summary'. Supported values are:" },
  { rule: 'openai-responses.truncation.values', bad: { ...base, truncation: 'always' }, good: { ...base, truncation: 'disabled' }, says: "Invalid value: 'always'. Supported values are: 'auto' and 'disabled'." },
  {
    rule: 'openai-responses.text.format.json_schema-fields',
    bad: { ...base, text: { format: { type: 'json_schema', schema: { type: 'object' } } } },
    good: { ...base, text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' } } } },
    says: "Missing required parameter: 'text.format.name'.",
  },
  {
    rule: 'openai-responses.text.format.json_schema-fields',
    bad: { ...base, text: { format: { type: 'json_schema', name: 'answer' } } },
    good: { ...base, text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' } } } },
    says: "Missing required parameter: 'text.format.schema'.",
  },
  {
    rule: 'openai-responses.text.format.strict-schema',
    bad: { ...base, text: { format: { type: 'json_schema', name: 'codex_output_schema', strict: true, schema: { type: 'object', properties: { sources: { type: 'array', items: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] } } }, required: ['sources'], additionalProperties: false } } } },
    good: { ...base, text: { format: { type: 'json_schema', name: 'codex_output_schema', strict: true, schema: { type: 'object', properties: { sources: { type: 'array', items: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'], additionalProperties: false } } }, required: ['sources'], additionalProperties: false } } } },
    says: "Invalid schema for response_format 'codex_output_schema': In context=('properties', 'sources', 'items'), 'additionalProperties' is required to be supplied and to be false.",
  },
  { rule: 'openai-responses.input.type', bad: { ...base, input: { role: 'user', content: 'hi' } }, good: { ...base, input: [{ role: 'user', content: 'hi' }] }, says: "Invalid type for 'input': expected one of a string or array of objects, but got an object instead." },
  { rule: 'openai-responses.input.item-type', bad: { ...base, input: [user, { type: 'tool_result', call_id: 'call_1', output: 'x' }] }, good: { ...base, input: [user, { id: 'msg_1' }] }, says: "Invalid value: 'tool_result'. Supported values are: 'message'," },
  { rule: 'openai-responses.input.message-role', bad: { ...base, input: [{ role: 'tool', content: 'hi' }] }, good: { ...base, input: [{ role: 'developer', content: 'hi' }] }, says: "Invalid value: 'tool'. Supported values are: 'user', 'assistant', 'system', and 'developer'." },
  {
    rule: 'openai-responses.input.message-part-types',
    bad: { ...base, input: [user, { role: 'assistant', content: [{ type: 'input_text', text: 'sunny' }] }, user] },
    good: { ...base, input: [user, { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'sunny' }] }, user] },
    says: "Invalid value: 'input_text'. Supported values are: 'output_text' and 'refusal'.",
  },
  {
    rule: 'openai-responses.input.message-part-types',
    bad: { ...base, input: [{ role: 'user', content: [{ type: 'output_text', text: 'hi' }] }] },
    good: { ...base, input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://example.com/a.png', detail: 'auto' }] }] },
    says: "Invalid value: 'output_text'. Supported values are: 'input_text', 'input_image', and 'input_file'.",
  },
  {
    rule: 'openai-responses.input.function-call-output-answers-a-call',
    bad: { ...base, input: [user, functionOutput] },
    good: { ...base, input: [user, functionCall, functionOutput] },
    says: 'No tool call found for function call output with call_id call_1.',
  },
  {
    rule: 'openai-responses.input.function-call-output-answers-a-call',
    bad: { ...base, input: [functionOutput] },
    good: { ...base, previous_response_id: 'resp_1', input: [functionOutput] },
    says: 'No tool call found for function call output with call_id call_1.',
  },
  {
    rule: 'openai-responses.input.function-call-answered',
    bad: { ...base, input: [user, functionCall, { role: 'user', content: 'never mind' }] },
    good: { ...base, input: [user, functionCall, functionOutput, { role: 'user', content: 'never mind' }] },
    says: 'No tool output found for function call call_1.',
  },
  {
    rule: 'openai-responses.input.reasoning-followed-by-its-item',
    bad: { ...base, input: [user, reasoning, user] },
    good: { ...base, input: [user, reasoning, functionCall, functionOutput] },
    says: "Item 'rs_1' of type 'reasoning' was provided without its required following item.",
  },
  {
    rule: 'openai-responses.input.reasoning-summary',
    bad: { ...base, input: [user, { type: 'reasoning', id: 'rs_1', encrypted_content: 'gAAAA' }, functionCall, functionOutput] },
    good: { ...base, input: [user, reasoning, functionCall, functionOutput] },
    says: "Missing required parameter: 'input[1].summary'.",
  },
  {
    rule: 'openai-responses.input.unstored-item-reference',
    bad: { ...base, store: false, input: [user, { type: 'reasoning', id: 'rs_1', summary: [] }, functionCall, functionOutput] },
    good: { ...base, store: false, input: [user, reasoning, functionCall, functionOutput] },
    says: "Item with id 'rs_1' not found. Items are not persisted when `store` is set to false. Try again with `store` set to true, or remove this item from your input.",
  },
  { rule: 'openai-responses.tools.type', bad: { ...base, tools: [{ type: 'browser' }] }, good: { ...base, tools: [{ type: 'web_search' }] }, says: "Invalid value: 'browser'. Supported values are: 'function'," },
  { rule: 'openai-responses.tools.function-name', bad: { ...base, tools: [{ type: 'function', function: { name: 'get_weather' } }] }, good: { ...base, tools: [weatherTool] }, says: "Missing required parameter: 'tools[0].name'." },
  {
    rule: 'openai-responses.tools.function-name',
    bad: { ...base, tools: [{ ...weatherTool, name: 'workspace.read' }] },
    good: { ...base, tools: [{ ...weatherTool, name: 'workspace_read' }] },
    says: "Invalid 'tools[0].name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
  },
  {
    rule: 'openai-responses.tool_choice.names-declared-tool',
    bad: { ...base, tools: [weatherTool], tool_choice: { type: 'function', name: 'get_time' } },
    good: { ...base, tools: [weatherTool], tool_choice: { type: 'function', name: 'get_weather' } },
    says: "Tool choice 'function' not found in 'tools' parameter.",
  },
  {
    rule: 'openai-responses.tools.strict-schema',
    bad: { ...base, tools: [{ ...weatherTool, strict: true, parameters: { type: 'object', properties: { city: { type: 'string' } } } }] },
    good: { ...base, tools: [{ ...weatherTool, strict: true, parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } }] },
    says: "Invalid schema for function 'get_weather': In context=(), 'additionalProperties' is required to be supplied and to be false.",
  },
  {
    rule: 'openai-responses.text.format.schema-root-object',
    bad: { ...base, text: { format: { type: 'json_schema', name: 'recipes', schema: { type: 'array', items: { type: 'string' } } } } },
    good: { ...base, text: { format: { type: 'json_schema', name: 'recipes', schema: { type: 'object', properties: {} } } } },
    says: `Invalid schema for response_format 'recipes': schema must be a JSON Schema of 'type: "object"', got 'type: "array"'.`,
  },
  {
    rule: 'openai-responses.tools.parameters-object',
    bad: { ...base, tools: [{ type: 'function', name: 'list_tasks', strict: false, parameters: { type: 'object' } }] },
    good: { ...base, tools: [{ type: 'function', name: 'list_tasks', strict: false, parameters: { type: 'object', properties: {} } }] },
    says: "Invalid schema for function 'list_tasks': In context=(), object schema missing properties.",
  },
];

for (const ruleCase of cases) {
  test(`${ruleCase.rule}: refuses ${ruleCase.says.toString().slice(0, 60)}…`, () => assertCase(path, ruleCase));
}

test('a refused store:false lookup answers 404 with OpenAI’s envelope', () => {
  const refusal = judge(path, { ...base, store: false, input: [user, { type: 'item_reference', id: 'msg_1' }] });
  assert.equal(refusal?.status, 404);
  assert.deepEqual(refusal?.body, { error: { message: refusal?.message, type: 'invalid_request_error', param: 'input', code: null } });
});

test('the request OpenAI refused in a recording is refused with the recorded error body', () => {
  const recorded = readFixtureJson('openai-responses/pa-error-400-decimal-below-min.response.json') as { error: Record<string, unknown> };
  const refusal = judge(path, readFixtureJson('openai-responses/pa-error-400-decimal-below-min.request.json'));
  assert.deepEqual(refusal?.body, { error: { message: recorded.error['message'], type: recorded.error['type'], param: recorded.error['param'], code: recorded.error['code'] } });
});

test('every other Responses request recorded from the real API passes every rule', () => {
  const recorded = recordedRequests('openai-responses').filter(({ name }) => !name.startsWith('pa-error-'));
  assert.ok(recorded.length >= 20);
  for (const { name, body } of recorded) assert.equal(judge(path, body)?.message, undefined, name);
});
