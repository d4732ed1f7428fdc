import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest } from '../support/vendor-rules/index.js';

/** xAI's judge (test/support/vendor-rules/xai.ts), chosen by name: its path is OpenAI's. */
const judge = (body: unknown) => judgeRequest({ method: 'POST', url: '/v1/chat/completions', headers: {}, body }, 'xai');
const messages = [{ role: 'user', content: 'Hi' }];

test('Grok 3 mini and Grok 4 refuse either penalty, even at 0, in xAI\'s body', () => {
  for (const model of ['grok-3-mini', 'grok-3-mini-fast-beta', 'grok-4', 'grok-4-0709', 'grok-4.5', 'grok-4-1-fast-non-reasoning']) {
    assert.equal(judge({ model, presence_penalty: 0, messages })?.rule, 'xai.penalties.reasoning-models', model);
  }
  assert.deepEqual(judge({ model: 'grok-4', frequency_penalty: 0.5, messages })?.body, { code: 'Client specified an invalid argument', error: 'Argument not supported on this model: frequencyPenalty' });
});

test('other Grok models take them, and no penalty is no refusal', () => {
  assert.equal(judge({ model: 'grok-3', presence_penalty: 0.5, messages }), undefined);
  assert.equal(judge({ model: 'grok-4', temperature: 0.3, messages }), undefined);
});

test('Grok 4 and the non-reasoning models refuse reasoning_effort; Grok 3 mini and 4.3 take it', () => {
  for (const model of ['grok-4', 'grok-4-0709', 'grok-4-latest', 'grok-4-fast-reasoning', 'grok-4-1-fast-non-reasoning', 'grok-4.20-0309-reasoning', 'grok-code-fast-1', 'grok-3']) {
    assert.equal(judge({ model, reasoning_effort: 'high', messages })?.rule, 'xai.reasoning-effort.by-model', model);
  }
  assert.deepEqual(judge({ model: 'grok-4-latest', reasoning_effort: 'low', messages })?.body, { code: 'Client specified an invalid argument', error: 'Model grok-4-latest does not support parameter reasoningEffort.' });
  for (const model of ['grok-3-mini', 'grok-4.3', 'grok-4.20-multi-agent-0309']) assert.equal(judge({ model, reasoning_effort: 'high', messages }), undefined, model);
  assert.equal(judge({ model: 'grok-4', messages }), undefined);
});
