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

test('each current Grok takes its own effort words and refuses the others', () => {
  const taken: Array<[model: string, words: string[], refused: string[]]> = [
    ['grok-3-mini', ['low', 'high'], ['medium', 'xhigh', 'none']],
    ['grok-4.3', ['none', 'low', 'medium', 'high'], ['minimal', 'xhigh']],
    ['grok-4.5-latest', ['low', 'medium', 'high'], ['none', 'xhigh', 'max']],
    ['grok-4.6', ['low', 'xhigh'], ['none', 'max']],
    ['grok-4.20-multi-agent-0309', ['xhigh'], ['none']],
  ];
  for (const [model, words, refused] of taken) {
    for (const reasoning_effort of words) assert.equal(judge({ model, reasoning_effort, messages }), undefined, `${model} ${reasoning_effort}`);
    for (const reasoning_effort of refused) assert.equal(judge({ model, reasoning_effort, messages })?.rule, 'xai.reasoning-effort.values', `${model} ${reasoning_effort}`);
  }
  assert.deepEqual(judge({ model: 'grok-4.5', reasoning_effort: 'max', messages })?.body, { code: 'Client specified an invalid argument', error: 'Invalid reasoning effort.' });
});

test('the reasoning Groks refuse stop; Grok 3 and the non-reasoning variants take it', () => {
  for (const model of ['grok-3-mini', 'grok-4-0709', 'grok-4.5', 'grok-4.6', 'grok-code-fast-1', 'grok-4.20-0309-reasoning']) {
    assert.equal(judge({ model, stop: ['END'], messages })?.rule, 'xai.stop.reasoning-models', model);
  }
  assert.deepEqual(judge({ model: 'grok-4.5', stop: 'END', messages })?.body, { code: 'Client specified an invalid argument', error: 'Model grok-4.5 does not support parameter stop.' });
  for (const model of ['grok-3', 'grok-4-1-fast-non-reasoning', 'grok-4.20-0309-non-reasoning']) assert.equal(judge({ model, stop: ['END'], messages }), undefined, model);
});
