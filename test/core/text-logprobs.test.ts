/**
 * Token logprobs go with the text they spell when the gateway folds a stream into one answer,
 * replays an answer as a stream, or takes an echoed prefill or a JSON root wrapper off an answer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldStream } from '../../src/core/fold-stream.js';
import { responseToEvents } from '../../src/core/response-to-events.js';
import { withoutEchoedPrefix } from '../../src/core/echoed-prefix.js';
import { wrappedJsonRoot } from '../../src/core/json-root-wrap.js';
import type { TokenLogprob } from '../../src/interlingua/content.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { ChatResponse } from '../../src/interlingua/response.js';
import type { StreamEvent } from '../../src/interlingua/stream-event.js';

const token = (text: string, logprob = -0.5): TokenLogprob => ({ token: text, logprob, top: [{ token: text, logprob }] });
const delta = (text: string, id = 't'): StreamEvent => ({ type: 'text-delta', id, delta: text, logprobs: [token(text)] });
const answer = (text: string, logprobs: TokenLogprob[]): ChatResponse => ({ id: 'r', model: 'm', content: [{ type: 'text', text, logprobs }], finishReason: { unified: 'stop' }, usage: {} });
const deltaLogprobs = (events: StreamEvent[]) => events.flatMap((event) => (event.type === 'text-delta' ? [[event.delta, event.logprobs]] : []));

test('a folded stream keeps each text part\'s tokens, its deltas\' in order', () => {
  const folded = foldStream([
    { type: 'response-start', id: 'r', model: 'm' },
    { type: 'text-start', id: 'a' },
    delta('Ol', 'a'),
    delta('á', 'a'),
    { type: 'text-end', id: 'a' },
    { type: 'text-start', id: 'b' },
    { type: 'text-delta', id: 'b', delta: 'untold' },
    { type: 'text-end', id: 'b' },
    { type: 'finish', finishReason: { unified: 'stop' }, usage: {} },
  ]);
  assert.deepEqual(folded.content, [
    { type: 'text', text: 'Olá', logprobs: [token('Ol'), token('á')] },
    { type: 'text', text: 'untold' },
  ]);
});

test('an answer replayed as a stream tells its tokens on the delta made from the part', () => {
  const events = responseToEvents(answer('Olá!', [token('Olá'), token('!')]));
  assert.deepEqual(deltaLogprobs(events), [['Olá!', [token('Olá'), token('!')]]]);
  assert.deepEqual(foldStream(events).content, answer('Olá!', [token('Olá'), token('!')]).content);
});

test('an echoed prefill comes off with its tokens where it ends between two, and takes them all where it ends inside one', () => {
  const whole = withoutEchoedPrefix('The capital').response(answer('The capital is Paris', [token('The'), token(' capital'), token(' is'), token(' Paris')]));
  assert.deepEqual(whole.content, [{ type: 'text', text: ' is Paris', logprobs: [token(' is'), token(' Paris')] }]);
  const inside = withoutEchoedPrefix('The cap').response(answer('The capital', [token('The'), token(' capital')]));
  assert.deepEqual(inside.content, [{ type: 'text', text: 'ital' }]);
  const streamed = withoutEchoedPrefix('The capital');
  const events = streamed.events([{ type: 'text-start', id: 't' }, delta('The'), { type: 'text-delta', id: 't', delta: ' capital is', logprobs: [token(' capital'), token(' is')] }, delta(' Paris')]);
  assert.deepEqual(deltaLogprobs(events), [[' is', [token(' is')]], [' Paris', [token(' Paris')]]]);
});

test('a stream that does not repeat the prefill gets back the held text with its tokens', () => {
  const events = withoutEchoedPrefix('The capital').events([delta('The '), delta('answer')]);
  assert.deepEqual(deltaLogprobs(events), [['The answer', [token('The '), token('answer')]]]);
});

test('an unwrapped JSON root goes without tokens, whole or streamed, and one that is no wrapper keeps them', () => {
  const request: ChatRequest = {
    model: 'm',
    system: [],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'List them.' }] }],
    responseFormat: { type: 'json', schema: { type: 'array', items: { type: 'number' } }, name: 'numbers' },
    sampling: {},
    stream: false,
  };
  const wrapped = wrappedJsonRoot(request);
  assert.ok(wrapped !== undefined);
  const whole = wrapped.restore.response(answer('{"value":[1]}', [token('{"'), token('value'), token('":'), token('[1]'), token('}')]));
  assert.deepEqual(whole.content, [{ type: 'text', text: '[1]' }]);
  const streamed = wrappedJsonRoot(request)?.restore.events([delta('{"value":'), delta('[1]'), delta('}'), { type: 'text-end', id: 't' }]) ?? [];
  assert.deepEqual(deltaLogprobs(streamed), [['[1]', undefined]]);
  const notWrapped = wrappedJsonRoot(request)?.restore.events([delta('{'), delta('"other":1}')]) ?? [];
  assert.deepEqual(deltaLogprobs(notWrapped), [['{"other":1}', [token('{'), token('"other":1}')]]]);
});
