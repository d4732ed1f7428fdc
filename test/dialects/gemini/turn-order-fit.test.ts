import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitTurnOrder, type GeminiContent } from '../../../src/dialects/gemini/turn-order-fit.js';
import type { Warning } from '../../../src/interlingua/warning.js';

const call = (name: string, id?: string) => ({ functionCall: { name, args: {}, ...(id === undefined ? {} : { id }) } });
const answer = (name: string, id?: string) => ({ functionResponse: { name, response: { output: 'ok' }, ...(id === undefined ? {} : { id }) } });

test('a conversation Gemini takes is left as it is, without warnings', () => {
  const contents: GeminiContent[] = [
    { role: 'user', parts: [{ text: 'Look up two things.' }] },
    { role: 'model', parts: [call('lookup', 'a'), call('lookup', 'b')] },
    { role: 'user', parts: [answer('lookup', 'b'), answer('lookup', 'a')] },
    { role: 'model', parts: [call('lookup')] },
  ];
  const before = structuredClone(contents);
  const warnings: Warning[] = [];
  fitTurnOrder(contents, warnings);
  assert.deepEqual(contents, before);
  assert.deepEqual(warnings, []);
});

test('answers match calls by id, then by name; the calls left over get an error result after the answers', () => {
  const contents: GeminiContent[] = [
    { role: 'user', parts: [{ text: 'Go.' }] },
    { role: 'model', parts: [call('lookup', 'a'), call('lookup', 'b'), call('fetch')] },
    { role: 'user', parts: [answer('lookup', 'b'), { text: 'and then?' }] },
  ];
  const warnings: Warning[] = [];
  fitTurnOrder(contents, warnings);
  assert.deepEqual(contents[2]?.parts, [
    answer('lookup', 'b'),
    { functionResponse: { id: 'a', name: 'lookup', response: { error: 'No result was given for this call.' } } },
    { functionResponse: { name: 'fetch', response: { error: 'No result was given for this call.' } } },
    { text: 'and then?' },
  ]);
  assert.deepEqual(warnings.map((warning) => warning.feature), ['tool_result.missing']);
});

test('a conversation that opens with a model function call gets a user turn before it', () => {
  const contents: GeminiContent[] = [
    { role: 'model', parts: [call('lookup')] },
    { role: 'user', parts: [answer('lookup')] },
  ];
  const warnings: Warning[] = [];
  fitTurnOrder(contents, warnings);
  assert.deepEqual(contents[0], { role: 'user', parts: [{ text: 'Continue.' }] });
  assert.equal(contents.length, 3);
  assert.deepEqual(warnings.map((warning) => warning.feature), ['messages.order']);
});

test('responses that answer no call of the turn before them become user text, nested media kept', () => {
  const image = { inlineData: { mimeType: 'image/png', data: 'AAAA' } };
  const contents: GeminiContent[] = [
    { role: 'user', parts: [{ text: 'Go.' }, { functionResponse: { name: 'early', response: { output: 1 }, parts: [image] } }] },
    { role: 'model', parts: [call('lookup')] },
    { role: 'user', parts: [answer('lookup'), answer('lookup')] },
  ];
  const warnings: Warning[] = [];
  fitTurnOrder(contents, warnings);
  assert.deepEqual(contents[0]?.parts, [{ text: 'Go.' }, { text: 'Result of early: {"output":1}' }, image]);
  assert.deepEqual(contents[2]?.parts, [answer('lookup'), { text: 'Result of lookup: {"output":"ok"}' }]);
  assert.deepEqual(warnings.map((warning) => warning.feature), ['tool_result.position']);
});
