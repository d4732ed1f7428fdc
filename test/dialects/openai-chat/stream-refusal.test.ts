/**
 * A streamed refusal (`delta.refusal`, its tokens under `logprobs.refusal`: `ChatCompletionChunk`
 * in node_modules/openai/resources/chat/completions/completions.d.ts) decodes to a text block of
 * its own marked as the whole answer's refusal part is, so its fold equals the unstreamed parse;
 * the encoder writes such a block back as `delta.refusal`. No recording of a refusal stream exists
 * (fixtures/MANIFEST.md lists only refusals of the request), so the chunks are written here after
 * the SDK's types.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldStream } from '../../../src/core/fold-stream.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import type { EmitResponseContext } from '../../../src/interlingua/dialect.js';

const envelope = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o' };
const token = (text: string) => ({ token: text, logprob: -0.5, bytes: null, top_logprobs: [] });
const frame = (body: unknown) => ({ data: JSON.stringify(body) });
const chunk = (delta: Record<string, unknown>, finish: string | null = null, logprobs: unknown = null) => frame({ ...envelope, choices: [{ index: 0, delta, logprobs, finish_reason: finish }] });

function decode(frames: ReadonlyArray<{ data: string }>): StreamEvent[] {
  const decoder = openaiChatDialect.createStreamDecoder();
  return [...frames.flatMap((each) => decoder.push(each)), ...decoder.end()];
}

const usage = { prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 };

test('a streamed refusal folds to the part the unstreamed parse gives, never joined to content', () => {
  const events = decode([
    chunk({ role: 'assistant', content: '' }),
    chunk({ content: 'Let me see. ' }, null, { content: [token('Let me see. ')], refusal: null }),
    chunk({ refusal: "I can't" }, null, { content: null, refusal: [token("I can't")] }),
    chunk({ refusal: ' help.' }, null, { content: null, refusal: [token(' help.')] }),
    chunk({}, 'stop'),
    frame({ ...envelope, choices: [], usage }),
    { data: '[DONE]' },
  ]);
  const starts = events.filter((event) => event.type === 'text-start');
  assert.equal(starts.length, 2, 'content and refusal are two blocks');
  assert.deepEqual(starts[1], { type: 'text-start', id: starts[1]?.id, vendor: { 'openai-chat': { partType: 'refusal' } } });
  const whole = openaiChatDialect.parseResponse({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Let me see. ', refusal: "I can't help." }, logprobs: { content: [token('Let me see. ')], refusal: [token("I can't"), token(' help.')] }, finish_reason: 'stop' }],
    usage,
  });
  assert.deepEqual(foldStream(events).content, whole.content);
});

test('the encoder writes a refusal block as delta.refusal, its tokens under logprobs.refusal', () => {
  const request = openaiChatDialect.parseRequest({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] }, {}).request;
  const context: EmitResponseContext = { requestedModel: 'gpt-4o', request };
  const encoder = openaiChatDialect.createStreamEncoder(context);
  const events: StreamEvent[] = [
    { type: 'response-start', id: 'chatcmpl-1', model: 'gpt-4o' },
    { type: 'text-start', id: 'r', vendor: { 'openai-chat': { partType: 'refusal' } } },
    { type: 'text-delta', id: 'r', delta: "I can't", logprobs: [{ token: "I can't", logprob: -0.5 }] },
    { type: 'text-end', id: 'r' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Ask me something else.' },
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop' }, usage: {} },
  ];
  const chunks = events
    .map((event) => encoder.encode(event))
    .join('')
    .split('\n\n')
    .filter((text) => text.startsWith('data: {'))
    .map((text) => JSON.parse(text.slice('data: '.length)) as { choices: Array<{ delta: Record<string, unknown>; logprobs: unknown }> });
  const written = chunks.map((each) => ({ delta: each.choices[0]?.delta, logprobs: each.choices[0]?.logprobs }));
  assert.deepEqual(written.slice(1, 3), [
    { delta: { refusal: "I can't" }, logprobs: { content: null, refusal: [{ token: "I can't", logprob: -0.5, bytes: null, top_logprobs: [] }] } },
    { delta: { content: 'Ask me something else.' }, logprobs: null },
  ]);
});
