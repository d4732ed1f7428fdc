/** Each format's writing (instructions, calls, results) and its tolerant reading of replies. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toolFormats, defaultToolFormat } from '../../src/tool-emulation/format-registry.js';
import { readWhole, summary, tools } from './support.js';

const { json, hermes, react, chatglm3 } = toolFormats;
const call = { type: 'tool-call' as const, id: 'call_1', name: 'add', arguments: '{"a":2,"b":3}' };

test('json: a bare call object amid prose, several calls, and a JSON answer that is no call', () => {
  assert.deepEqual(summary(readWhole('I will add. {"name": "add", "arguments": {"a": 1, "b": 2}} ok', json)), ['I will add.', 'add({"a":1,"b":2})', ' ok']);
  assert.deepEqual(summary(readWhole('{"tool_calls": [{"name": "add", "arguments": "{\\"a\\": 1, \\"b\\": 2}"}, {"name": "google", "parameters": {"keyword": "x"}}]}', json)), [
    'add({"a":1,"b":2})',
    'google({"keyword":"x"})',
  ]);
  assert.deepEqual(summary(readWhole('Here: {"city": "Paris", "population": 2}', json)), ['Here: {"city": "Paris", "population": 2}']);
});

test('json: invalid JSON meant as a call, and an unknown tool, are invalid', () => {
  const [piece] = readWhole('{"name": "add", "arguments": {"a": 1,}}', json);
  assert.equal(piece?.type, 'invalid');
  assert.match(summary(readWhole('{"name": "divide", "arguments": {}}', json))[0]!, /no tool named "divide"/);
  assert.match(summary(readWhole('{"name": "add", "arguments": {"a": 1', json))[0]!, /not valid JSON/);
});

test('json: writes calls and results the way it asks for them', () => {
  assert.equal(json.renderCalls([call]), '{"tool_calls":[{"name":"add","arguments":{"a":2,"b":3}}]}');
  assert.equal(json.renderResults([{ name: 'add', text: '5', isError: false }]), '{"tool_results":[{"name":"add","content":"5"}]}');
  assert.match(json.instructions(tools, { choice: { type: 'required' } }), /"tool_calls"[\s\S]*must call at least one tool/);
});

test('hermes: tags, fenced bodies, a missing closing tag at the end, and invalid bodies', () => {
  assert.deepEqual(summary(readWhole('<tool_call>\n```json\n{"name": "add", "arguments": {"a": 1, "b": 2}}\n```\n</tool_call>', hermes)), ['add({"a":1,"b":2})']);
  assert.deepEqual(summary(readWhole('<tool_call>{"name": "google", "arguments": {"keyword": "weather"}}', hermes)), ['google({"keyword":"weather"})']);
  assert.equal(readWhole('<tool_call>{"name": "add", "arguments": {a: 1}}</tool_call>', hermes)[0]?.type, 'invalid');
  assert.equal(readWhole('<tool_call>sorry</tool_call>', hermes)[0]?.type, 'invalid');
  assert.equal(hermes.renderCalls([call]), '<tool_call>\n{"name":"add","arguments":{"a":2,"b":3}}\n</tool_call>');
  assert.match(hermes.renderResults([{ name: 'add', text: '5', isError: false }]), /^<tool_response>\n\{"name":"add","content":"5"\}\n<\/tool_response>$/);
  assert.match(hermes.instructions(tools, {}), /<tools>\n\{"type":"function","function":\{"name":"add"/);
});

test('react: labels dropped, a final answer, a plain string input, an unknown action', () => {
  assert.deepEqual(summary(readWhole('Thought: I now know the final answer\nFinal Answer: It is 5.', react)), ['I now know the final answer\nIt is 5.']);
  assert.deepEqual(summary(readWhole('Action: google\nAction Input: weather in Shanghai', react)), ['google({"keyword":"weather in Shanghai"})']);
  assert.deepEqual(summary(readWhole('Action: add\nAction Input:\n```json\n{"a": 1, "b": 2}\n```', react)), ['add({"a":1,"b":2})']);
  assert.match(summary(readWhole('Action: None\nAction Input: {}', react))[0]!, /no tool named "None"/);
  // Quotes and brackets around the name are dropped; quotes within it are kept.
  for (const quoted of ['[add]', '"add"', '`add`', "'add'", '[`add`]']) assert.deepEqual(summary(readWhole(`Action: ${quoted}\nAction Input: {"a": 1, "b": 2}`, react)), ['add({"a":1,"b":2})']);
  assert.match(summary(readWhole(`Action: a${'"'.repeat(50_000)}dd\nAction Input: {}`, react))[0]!, /no tool named "a""/);
  assert.match(summary(readWhole('Action: add\nAction Input: {"a": 1', react))[0]!, /not valid JSON/);
  assert.equal(react.renderCalls([call]), 'Action: add\nAction Input: {"a":2,"b":3}');
  assert.equal(react.renderResults([{ name: 'add', text: '5', isError: false }]), 'Observation: 5');
  assert.deepEqual(react.stopSequences, ['\nObservation:']);
});

test('chatglm3: the published call form, Python literals, JSON bodies and a leftover header token', () => {
  assert.deepEqual(summary(readWhole('google\n```python\ntool_call(keyword=\'上海 天气\')\n```', chatglm3)), ['google({"keyword":"上海 天气"})']);
  assert.deepEqual(summary(readWhole('<|assistant|>add\n```python\ntool_call(a=1, b=-2.5)\n```', chatglm3)), ['add({"a":1,"b":-2.5})']);
  assert.deepEqual(summary(readWhole('add\n```\n{"a": 1, "b": 2}\n```', chatglm3)), ['add({"a":1,"b":2})']);
  assert.match(summary(readWhole('add\n```python\ntool_call(a=1, b=)\n```', chatglm3))[0]!, /not tool_call/);
  assert.equal(
    chatglm3.renderCalls([{ ...call, name: 'google', arguments: '{"keyword":"x","safe":true,"n":null,"tags":["a"]}' }]),
    'google\n```python\ntool_call(keyword="x", safe=True, n=None, tags=["a"])\n```',
  );
  assert.match(chatglm3.instructions(tools, {}), /^Answer the following questions as best as you can\. You have access to the following tools:\n\[/);
});

test('code in an answer that calls nothing stays text', () => {
  const answer = 'Use this:\n```python\nprint({"name": 1})\n```';
  for (const format of Object.values(toolFormats)) assert.deepEqual(summary(readWhole(answer, format)), [answer], format.name);
});

test('the default format follows the model family', () => {
  assert.equal(defaultToolFormat('chatglm3-6b'), 'chatglm3');
  assert.equal(defaultToolFormat('Qwen2.5-7B-Instruct'), 'hermes');
  assert.equal(defaultToolFormat('NousResearch/Hermes-2-Pro-Mistral-7B'), 'hermes');
  assert.equal(defaultToolFormat('llama3'), 'json');
});
