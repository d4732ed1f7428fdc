import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ollamaJudge } from '../support/vendor-rules/ollama.js';
import { judgeRequest, type JudgedRequest } from '../support/vendor-rules/index.js';
import { fixtureNames, readFixtureJson, readFixtureText } from '../support/fixtures.js';

/**
 * Each Ollama rule refuses the request that breaks it, with Ollama's `{"error": …}` body, and lets
 * the fixed request through; the request examples of Ollama's API documentation pass them all.
 */

const chat = (body: unknown): JudgedRequest => ({ method: 'POST', url: '/api/chat', headers: {}, body });
const generate = (body: unknown): JudgedRequest => ({ method: 'POST', url: '/api/generate', headers: {}, body });
const model = 'qwen3.5:35b';
const hello = [{ role: 'user', content: 'hi' }];

interface Case {
  rule: string;
  bad: JudgedRequest;
  good: JudgedRequest;
  message: string | RegExp;
  status?: number;
}

const cases: Case[] = [
  { rule: 'ollama.body.decode', bad: chat({ model, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }), good: chat({ model, messages: hello }), message: 'json: cannot unmarshal array into Go struct field Message.messages.content of type string' },
  { rule: 'ollama.body.decode', bad: chat({ model, messages: hello, stream: 'false' }), good: chat({ model, messages: hello, stream: false }), message: 'json: cannot unmarshal string into Go struct field ChatRequest.stream of type bool' },
  { rule: 'ollama.body.decode', bad: chat({ model, messages: [{ role: 'user', content: 'what is this?', images: ['data:image/png;base64,iVBORw0KGgo='] }] }), good: chat({ model, messages: [{ role: 'user', content: 'what is this?', images: ['iVBORw0KGgo='] }] }), message: 'illegal base64 data at input byte 4' },
  {
    rule: 'ollama.body.decode',
    bad: chat({ model, messages: [...hello, { role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: '{"a":1}' } }] }] }),
    good: chat({ model, messages: [...hello, { role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: { a: 1 } } }] }] }),
    message: /cannot unmarshal string into Go struct field ToolCallFunction\.messages\.tool_calls\.function\.arguments/,
  },
  {
    rule: 'ollama.body.decode',
    bad: chat({ model, messages: hello, tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { type: 'string', description: 7 } } } } }] }),
    good: chat({ model, messages: hello, tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { type: ['string', 'null'], description: 'seven' } } } } }] }),
    message: /cannot unmarshal number into Go struct field ToolProperty\.tools\.function\.parameters\.properties\.a\.description of type string/,
  },
  {
    // A boolean subschema (schemars writes `true` for serde_json::Value) decodes into no ToolProperty, nested ones included.
    rule: 'ollama.body.decode',
    bad: chat({ model, messages: hello, tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { value: true } } } }] }),
    good: chat({ model, messages: hello, tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { value: {} } } } }] }),
    message: 'json: cannot unmarshal bool into Go struct field ToolFunctionParameters.tools.function.parameters.properties.value of type api.ToolProperty',
  },
  {
    rule: 'ollama.body.decode',
    bad: chat({ model, messages: hello, tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { cell: { type: 'object', properties: { value: { anyOf: [{ type: 'string' }, true] } } } } } } }] }),
    good: chat({ model, messages: hello, tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { cell: { type: 'object', properties: { value: { anyOf: [{ type: 'string' }, {}] } } } } } } }] }),
    message: /cannot unmarshal bool into Go struct field ToolProperty\.tools\.function\.parameters\.properties\.cell\.properties\.value\.anyOf of type api\.ToolProperty/,
  },
  {
    // A property's `type` is api.PropertyType: a string or a list of strings (api/types.go, PropertyType.UnmarshalJSON).
    rule: 'ollama.body.decode',
    bad: chat({ model, messages: hello, tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { kind: { type: { type: 'string' } } } } } }] }),
    good: chat({ model, messages: hello, tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { kind: { type: 'string' } } } } }] }),
    message: 'json: cannot unmarshal object into Go struct field ToolProperty.tools.function.parameters.properties.kind.type of type []string',
  },
  {
    rule: 'ollama.body.decode',
    bad: chat({ model, messages: hello, tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { n: { anyOf: [{ type: ['integer', 1] }] } } } } }] }),
    good: chat({ model, messages: hello, tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { n: { anyOf: [{ type: ['integer', 'null'] }] } } } } }] }),
    message: /cannot unmarshal number into Go struct field ToolProperty\.tools\.function\.parameters\.properties\.n\.anyOf\.type of type string/,
  },
  { rule: 'ollama.body.decode', bad: generate({ model, prompt: 'hi', context: [1, 2.5] }), good: generate({ model, prompt: 'hi', context: [1, 2] }), message: 'json: cannot unmarshal number 2.5 into Go struct field GenerateRequest.context of type int' },
  { rule: 'ollama.think.value', bad: chat({ model, messages: hello, think: 'minimal' }), good: chat({ model, messages: hello, think: 'low' }), message: 'invalid think value: "minimal" (must be "high", "medium", "low", "max", true, or false)' },
  { rule: 'ollama.think.value', bad: chat({ model, messages: hello, think: 1 }), good: chat({ model, messages: hello, think: true }), message: 'think must be a boolean or string ("high", "medium", "low", "max", true, or false)' },
  { rule: 'ollama.keep-alive.value', bad: chat({ model, messages: hello, keep_alive: '5 minutes' }), good: chat({ model, messages: hello, keep_alive: '5m' }), message: 'time: invalid duration "5 minutes"' },
  // Go's time.ParseDuration takes one sign, at the start only.
  { rule: 'ollama.keep-alive.value', bad: chat({ model, messages: hello, keep_alive: '1s-2s' }), good: chat({ model, messages: hello, keep_alive: '+5m' }), message: 'time: invalid duration "1s-2s"' },
  { rule: 'ollama.keep-alive.value', bad: chat({ model, messages: hello, keep_alive: '--1s' }), good: chat({ model, messages: hello, keep_alive: '-0' }), message: 'time: invalid duration "--1s"' },
  { rule: 'ollama.model.required', bad: chat({ messages: hello }), good: chat({ model, messages: hello }), message: 'model is required' },
  { rule: 'ollama.model.required', bad: generate({ model: '', prompt: 'hi' }), good: generate({ model, prompt: 'hi' }), message: 'model is required' },
  { rule: 'ollama.top-logprobs.range', bad: chat({ model, messages: hello, logprobs: true, top_logprobs: 21 }), good: chat({ model, messages: hello, logprobs: true, top_logprobs: 20 }), message: 'top_logprobs must be between 0 and 20' },
  { rule: 'ollama.messages.role', bad: chat({ model, messages: [{ role: 'developer', content: 'Be brief.' }, ...hello] }), good: chat({ model, messages: [{ role: 'System', content: 'Be brief.' }, ...hello] }), message: /invalid message role "developer"/ },
  { rule: 'ollama.options.types', bad: chat({ model, messages: hello, options: { temperature: '0.2' } }), good: chat({ model, messages: hello, options: { temperature: 0.2, num_predict: 100, unknown_option: 'ignored' } }), message: 'option "temperature" must be of type float32', status: 500 },
  { rule: 'ollama.options.types', bad: chat({ model, messages: hello, options: { stop: 'END' } }), good: chat({ model, messages: hello, options: { stop: ['END'] } }), message: 'option "stop" must be of type array', status: 500 },
  { rule: 'ollama.options.types', bad: generate({ model, prompt: 'hi', options: { use_mmap: 'yes' } }), good: generate({ model, prompt: 'hi', options: { use_mmap: true } }), message: 'option "use_mmap" must be of type boolean', status: 500 },
  { rule: 'ollama.format.value', bad: chat({ model, messages: hello, format: 'xml' }), good: chat({ model, messages: hello, format: { type: 'object', properties: { a: { type: 'string' } } } }), message: 'invalid format: "\\"xml\\""; expected "json" or a valid JSON Schema object', status: 500 },
];

for (const { rule, bad, good, message, status = 400 } of cases) {
  test(`${rule} refuses ${JSON.stringify(bad.body).slice(0, 90)} and serves the fixed request`, () => {
    const refusal = judgeRequest(bad);
    assert.equal(refusal?.rule, rule, `expected ${rule}, got ${refusal?.rule}: ${refusal?.message}`);
    assert.equal(refusal.status, status);
    if (typeof message === 'string') assert.equal(refusal.message, message);
    else assert.match(refusal.message, message);
    assert.deepEqual(refusal.body, { error: refusal.message });
    assert.equal(judgeRequest(good), undefined, `the fixed request was refused: ${judgeRequest(good)?.message}`);
  });
}

test('every Ollama rule has a case above and a source', () => {
  const covered = new Set(cases.map((testCase) => testCase.rule));
  for (const rule of ollamaJudge.rules) {
    assert.ok(covered.has(rule.id), `${rule.id} has no case`);
    assert.ok(rule.source.length > 10, `${rule.id} cites no source`);
  }
});

test("the request examples of Ollama's API documentation pass every rule", () => {
  const names = fixtureNames('ollama').filter((name) => /^(chat|generate)-request-/.test(name));
  assert.ok(names.length >= 8, `only ${names.length} recorded requests`);
  for (const name of names) {
    // The .jsonc example carries `//` comments, which are not part of the request.
    const body = name.endsWith('.jsonc') ? (JSON.parse(readFixtureText(`ollama/${name}`).replace(/^\s*\/\/.*$/gm, '')) as unknown) : readFixtureJson(`ollama/${name}`);
    const refusal = judgeRequest({ method: 'POST', url: name.startsWith('generate') ? '/api/generate' : '/api/chat', headers: {}, body });
    assert.equal(refusal, undefined, `${name}: ${refusal?.rule} ${refusal?.message}`);
  }
});

test('a model without thinking refuses think switched on (true or a level), in Ollama\'s words; off is taken', () => {
  for (const think of [true, 'high']) {
    const refusal = judgeRequest(chat({ model: 'llama3.2', messages: hello, think }));
    assert.equal(refusal?.rule, 'ollama.model.no-thinking');
    assert.deepEqual(refusal?.body, { error: '"llama3.2" does not support thinking' });
  }
  assert.equal(judgeRequest(generate({ model: 'gemma3n:e4b', prompt: 'hi', think: true }))?.rule, 'ollama.model.no-thinking');
  assert.equal(judgeRequest(chat({ model: 'llama3.1:8b', messages: hello, think: false })), undefined);
  assert.equal(judgeRequest(chat({ model, messages: hello, think: true })), undefined);
});
