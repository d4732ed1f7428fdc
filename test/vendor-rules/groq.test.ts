import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest } from '../support/vendor-rules/index.js';

/** Groq's judge (test/support/vendor-rules/groq.ts), chosen by name: its path would be taken for Azure's. */
const judge = (body: unknown) => judgeRequest({ method: 'POST', url: '/openai/v1/chat/completions', headers: {}, body }, 'groq');
const base = { model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'Hi' }] };

test('logprobs, logit_bias and top_logprobs are refused in Groq\'s words', () => {
  for (const field of ['logprobs', 'logit_bias', 'top_logprobs']) {
    const refusal = judge({ ...base, [field]: field === 'logit_bias' ? { '1': 1 } : 1 });
    assert.equal(refusal?.rule, 'groq.body.unsupported', field);
    assert.deepEqual(refusal?.body, { error: { message: `property '${field}' is unsupported`, type: 'invalid_request_error' } });
  }
});

test("a message's name is refused, naming the message and its role", () => {
  const refusal = judge({ ...base, messages: [{ role: 'system', content: 'Be brief' }, { role: 'user', content: 'Hi', name: 'alice' }] });
  assert.equal(refusal?.rule, 'groq.messages.name');
  assert.equal(refusal?.message, "'messages.1' : for 'role:user' the following must be satisfied[('messages.1' : property 'name' is unsupported)]");
});

test('more than one answer is refused; n = 1 is taken', () => {
  const refusal = judge({ ...base, n: 3 });
  assert.equal(refusal?.rule, 'groq.n.at-most-1');
  assert.deepEqual(refusal?.body, { error: { message: "'n' : number must be at most 1", type: 'invalid_request_error' } });
  assert.equal(judge({ ...base, n: 1 }), undefined);
});

test('a request without them is served', () => {
  assert.equal(judge({ ...base, temperature: 0.5, max_completion_tokens: 100, stream: true, stream_options: { include_usage: true } }), undefined);
});

test('Groq\'s Llama models refuse reasoning_effort; gpt-oss takes low, medium or high only', () => {
  const messages = [{ role: 'user', content: 'Hi' }];
  for (const model of ['llama-3.3-70b-versatile', 'meta-llama/llama-4-scout-17b-16e-instruct']) {
    assert.equal(judge({ model, reasoning_effort: 'low', messages })?.message, 'reasoning_effort is not supported with this model', model);
  }
  assert.equal(judge({ model: 'openai/gpt-oss-120b', reasoning_effort: 'none', messages })?.rule, 'groq.reasoning-effort.by-model');
  assert.equal(judge({ model: 'openai/gpt-oss-120b', reasoning_effort: 'high', messages }), undefined);
  assert.equal(judge({ model: 'llama-3.3-70b-versatile', messages }), undefined);
});

test('Groq\'s Qwen 3 takes reasoning_effort none or default only', () => {
  const messages = [{ role: 'user', content: 'Hi' }];
  for (const reasoning_effort of ['none', 'default']) assert.equal(judge({ model: 'qwen/qwen3.6-27b', reasoning_effort, messages }), undefined, reasoning_effort);
  const refusal = judge({ model: 'qwen/qwen3.6-27b', reasoning_effort: 'high', messages });
  assert.equal(refusal?.rule, 'groq.reasoning-effort.by-model');
  assert.equal(refusal?.message, '`reasoning_effort` must be one of `none` or `default`');
});

test('more output than Qwen 3 32B or Kimi K2 writes is refused, naming the field that asked for it', () => {
  const qwen = { ...base, model: 'qwen/qwen3-32b' };
  assert.equal(
    judge({ ...qwen, max_completion_tokens: 64000 })?.message,
    'max_completion_tokens must be less than or equal to 40960, the maximum value for max_completion_tokens is less than the context_window for this model',
  );
  assert.equal(judge({ ...qwen, max_completion_tokens: 40960 }), undefined);
  assert.equal(judge({ ...base, model: 'moonshotai/kimi-k2-instruct', max_tokens: 32000 })?.message?.startsWith('max_tokens must be less than or equal to 16384'), true);
  assert.equal(judge({ ...base, max_completion_tokens: 64000 }), undefined, 'a model whose limit is not recorded');
});
