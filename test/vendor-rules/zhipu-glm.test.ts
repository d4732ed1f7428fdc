import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, judge, recordedRequests, type RuleCase } from './openai-rule-cases.js';

/** Zhipu GLM's judge (test/support/vendor-rules/zhipu-glm.ts), on both of its hosts' paths. */
const paths = ['/api/paas/v4/chat/completions', '/api/coding/paas/v4/chat/completions'];
const base = { model: 'glm-4.7', messages: [{ role: 'user', content: 'Hi' }] };

const cases: RuleCase[] = [
  { rule: 'zhipu-glm.temperature.range', bad: { ...base, temperature: 1.2 }, good: { ...base, temperature: 1 }, says: 'temperature参数非法' },
  { rule: 'zhipu-glm.temperature.range', bad: { ...base, temperature: -0.1 }, good: { ...base, temperature: 0 }, says: 'temperature参数非法' },
  { rule: 'zhipu-glm.stop.one-word', bad: { ...base, stop: ['END', 'STOP'] }, good: { ...base, stop: ['END'] }, says: 'API 调用参数有误' },
  {
    rule: 'zhipu-glm.response_format.type',
    bad: { ...base, response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } } },
    good: { ...base, response_format: { type: 'json_object' } },
    says: 'API 调用参数有误',
  },
  // The Chat Completions rules it shares: a tool call left unanswered.
  {
    rule: 'openai-chat.messages.tool-calls-answered',
    bad: { ...base, messages: [...base.messages, { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }] }, { role: 'user', content: 'and?' }] },
    good: base,
    says: 'tool_call_id',
  },
];

for (const path of paths) {
  for (const ruleCase of cases) {
    test(`${path} ${ruleCase.rule}: refuses ${ruleCase.says.toString()}`, () => assertCase(path, ruleCase));
  }
}

test('every request recorded from Zhipu and Z.ai passes every rule', () => {
  const recorded = recordedRequests('zhipu-glm');
  assert.ok(recorded.length >= 10);
  for (const path of paths) for (const { name, body } of recorded) assert.equal(judge(path, body)?.message, undefined, name);
});

test("the error body is Zhipu's: the business code as a string and the message", () => {
  assert.deepEqual(judge(paths[0] ?? '', { ...base, temperature: 2 })?.body, { error: { code: '1214', message: 'temperature参数非法。请检查文档。' } });
  assert.deepEqual(judge(paths[0] ?? '', { ...base, stop: ['a', 'b'] })?.body, { error: { code: '1210', message: 'API 调用参数有误，请检查文档。' } });
  assert.equal(judge(paths[0] ?? '', { ...base, stop: ['a', 'b'] })?.judge, 'zhipu-glm');
});

test("OpenAI's own paths are still judged by OpenAI's rules alone", () => {
  assert.equal(judge('/v1/chat/completions', { ...base, temperature: 1.5 }), undefined);
});
