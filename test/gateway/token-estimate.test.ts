/**
 * The local tokenizer (src/gateway/token-estimate.ts): a caller's text is counted whatever it
 * spells, a long text can be counted from a sample, and whether an input reaches a count is
 * answered without tokenizing all of it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countTextTokens, estimateInputTokens, inputReaches } from '../../src/gateway/tokenizer/token-estimate.js';
import type { ChatRequest } from '../../src/interlingua/request.js';

const request = {
  model: 'chat',
  system: [{ type: 'text', text: 'You are a helpful assistant.' }],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Write a short poem about the sea, in four lines.' }] }],
  stream: false,
} as ChatRequest;

test('a special token\'s spelling in a caller\'s text is counted as text, not refused', async () => {
  assert.ok((await countTextTokens(['before <|endoftext|> after'])) > 3);
});

test('a long text counted from a sample comes within a few percent of the exact count', async () => {
  const paragraph = 'Streams flow chunk by chunk; a client that goes away aborts the upstream call, and its usage is still recorded. ';
  const chinese = '这是一个测试句子，用于估计令牌数量。';
  for (const text of [paragraph.repeat(2000), chinese.repeat(2000)]) {
    const exact = await countTextTokens([text]);
    const sampled = await countTextTokens([text], 4096);
    assert.ok(Math.abs(sampled - exact) / exact < 0.05, `sampled ${sampled}, exact ${exact}`);
  }
});

test('whether an input reaches a count is answered from as much text as it takes, as the whole would count it', async () => {
  const long = { ...request, messages: [{ role: 'user', content: [{ type: 'text', text: 'The tide comes in and goes out again. '.repeat(400) }] }] } as ChatRequest;
  const total = await estimateInputTokens(long);
  assert.equal(await inputReaches(long, total), true);
  assert.equal(await inputReaches(long, total + 5), false);
  assert.equal(await inputReaches(long, 1024), total >= 1024);
  assert.equal(await inputReaches(request, 1024), false);
});
