import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureJson } from '../support/fixtures.js';
import { judgeRequest } from '../support/vendor-rules/index.js';
import { assertCase, judge, type RuleCase } from './openai-rule-cases.js';

/** The legacy Completions judge: its own rules, and a path that does not swallow Chat Completions. */

const path = '/v1/completions';
const base = { model: 'gpt-3.5-turbo-instruct', prompt: 'Say hi' };

const cases: RuleCase[] = [
  { rule: 'openai-completions.model.required', bad: { prompt: 'Say hi' }, good: base, says: 'you must provide a model parameter' },
  { rule: 'openai-completions.prompt.required', bad: { model: base.model }, good: { model: base.model, prompt: ['Say hi', 'Say bye'] }, says: "Missing required parameter: 'prompt'." },
  { rule: 'openai-completions.stop.max-count', bad: { ...base, stop: ['1', '2', '3', '4', '5'] }, good: { ...base, stop: ['1', '2', '3', '4'] }, says: "Invalid 'stop': array too long." },
  { rule: 'openai-completions.temperature.maximum', bad: { ...base, temperature: 3 }, good: { ...base, temperature: 2 }, says: "Invalid 'temperature'" },
  { rule: 'openai-completions.frequency_penalty.maximum', bad: { ...base, frequency_penalty: 2.5 }, good: { ...base, frequency_penalty: 2 }, says: "Invalid 'frequency_penalty'" },
  { rule: 'openai-completions.presence_penalty.minimum', bad: { ...base, presence_penalty: -2.5 }, good: { ...base, presence_penalty: -2 }, says: "Invalid 'presence_penalty'" },
  { rule: 'openai-completions.logprobs.maximum', bad: { ...base, logprobs: 6 }, good: { ...base, logprobs: 5 }, says: "Invalid 'logprobs': integer above maximum value. Expected a value <= 5, but got 6 instead." },
  { rule: 'openai-completions.stream_options.requires-stream', bad: { ...base, stream_options: { include_usage: true } }, good: { ...base, stream: true, stream_options: { include_usage: true } }, says: "The 'stream_options' parameter is only allowed when 'stream' is enabled." },
];

for (const ruleCase of cases) {
  test(`${ruleCase.rule}: refuses ${ruleCase.says.toString().slice(0, 60)}…`, () => assertCase(path, ruleCase));
}

test('a Completions request recorded from the real API passes every rule', () => {
  const recorded = readFixtureJson('openai-chat/dd-legacy-completions-stream-401.request.json');
  assert.equal(judge(path, recorded), undefined);
});

test('/chat/completions is judged by the Chat judge, /completions by this one', () => {
  assert.equal(judge('/v1/chat/completions', { messages: [] })?.judge, 'openai-chat');
  assert.equal(judge('/v1/completions', { prompt: 'x' })?.judge, 'openai-completions');
});

test('the 4-stop limit is OpenAI\'s: a self-hosted server (vLLM, llama.cpp), named as such, takes any number', () => {
  const body = { ...base, stop: ['a', 'b', 'c', 'd', '<|im_end|>', '<|endoftext|>'] };
  const request = { method: 'POST', url: path, headers: {}, body };
  assert.equal(judgeRequest(request)?.rule, 'openai-completions.stop.max-count');
  assert.equal(judgeRequest(request, 'self-hosted-completions'), undefined);
  // The rules the servers share still hold.
  assert.equal(judgeRequest({ ...request, body: { model: 'm' } }, 'self-hosted-completions')?.rule, 'openai-completions.prompt.required');
  assert.equal(judgeRequest({ ...request, body: { ...base, stream_options: { include_usage: true } } }, 'self-hosted-completions')?.rule, 'openai-completions.stream_options.requires-stream');
});
