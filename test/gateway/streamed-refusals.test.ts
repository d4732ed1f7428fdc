/**
 * A model's refusal stays a refusal on the way through the gateway, streamed as it is whole. A Chat
 * Completions upstream streams it as `delta.refusal` (its tokens under `logprobs.refusal`:
 * `ChatCompletionChunk.Choice` in node_modules/openai/resources/chat/completions/completions.d.ts);
 * the official SDK's stream helpers gather it into `message.refusal`
 * (node_modules/openai/lib/ChatCompletionStream.js) and, on the Responses API, into a `refusal`
 * content part (`ResponseRefusalDeltaEvent`, `ResponseContentPartAddedEvent` in
 * node_modules/openai/resources/responses/responses.d.ts). The answers are parsed, not relayed:
 * the provider has a quirk, and the caller of either API gets its own dialect written again.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';

const refusalText = "I'm sorry, but I can't help with that.";
const upstreamModel = 'gpt-4o-2024-08-06';
const sorry = { token: "I'm sorry", logprob: -0.01, bytes: [73, 39, 109, 32, 115, 111, 114, 114, 121], top_logprobs: [] };
const rest = { token: ", but I can't help with that.", logprob: -0.2, bytes: null, top_logprobs: [] };

/** A Chat Completions stream that refuses, as OpenAI writes one (`content: null`, then `refusal` deltas). */
function refusalStream(): string {
  const envelope = { id: 'chatcmpl-refuse', object: 'chat.completion.chunk', created: 1_700_000_000, model: upstreamModel, system_fingerprint: 'fp_1' };
  const chunk = (delta: Record<string, unknown>, finish: string | null, logprobs: unknown = null) => ({ ...envelope, choices: [{ index: 0, delta, logprobs, finish_reason: finish }] });
  const frames = [
    chunk({ role: 'assistant', content: null, refusal: '' }, null),
    chunk({ refusal: "I'm sorry" }, null, { content: null, refusal: [sorry] }),
    chunk({ refusal: ", but I can't help with that." }, null, { content: null, refusal: [rest] }),
    chunk({}, 'stop'),
    { ...envelope, choices: [], usage: { prompt_tokens: 12, completion_tokens: 10, total_tokens: 22 } },
  ];
  return `${frames.map((frame) => `data: ${JSON.stringify(frame)}\n\n`).join('')}data: [DONE]\n\n`;
}

/** The same answer whole. */
function refusalAnswer(): unknown {
  return {
    id: 'chatcmpl-refuse',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: upstreamModel,
    choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: refusalText }, logprobs: { content: null, refusal: [sorry, rest] }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 12, completion_tokens: 10, total_tokens: 22 },
  };
}

const setup = gatewayOverOneUpstream((baseUrl) => ({
  // A quirk gives the provider a dialect of its own, so a Chat caller's answer is decoded and encoded again, never relayed.
  providers: { oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test', quirks: { maxTokensField: 'max_tokens' } } },
  models: { gpt: [{ provider: 'oa', model: 'gpt-4o' }] },
  retry: { attempts: 0 },
}));

/** The message item's parts, type and text only (the SDK's stream helper adds `parsed: null` to each). */
function messageParts(response: OpenAI.Responses.Response): unknown[] | undefined {
  const item = response.output.find((output) => output.type === 'message');
  return item?.type === 'message' ? item.content.map((part) => (part.type === 'refusal' ? { type: part.type, refusal: part.refusal } : { type: part.type, text: part.text })) : undefined;
}

const client = () => new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });

describe('a Chat Completions caller', () => {
  test('gets a streamed refusal as delta.refusal: the SDK gathers message.refusal and its logprobs, as from the whole answer', async () => {
    setup.upstream.enqueue({ kind: 'stream', text: refusalStream(), contentType: 'text/event-stream' });
    const stream = client().chat.completions.stream({ model: 'gpt', messages: [{ role: 'user', content: 'Help me with something bad.' }], logprobs: true });
    const refusalDeltas: string[] = [];
    stream.on('refusal.delta', ({ delta }) => refusalDeltas.push(delta));
    let contentDeltas = '';
    stream.on('content.delta', ({ delta }) => (contentDeltas += delta));
    const streamed = await stream.finalChatCompletion();
    assert.equal(streamed.model, 'gpt', 'the answer was decoded and written again (a relayed one names the upstream model)');
    assert.deepEqual(refusalDeltas, ["I'm sorry", ", but I can't help with that."]);
    assert.equal(contentDeltas, '', 'none of the refusal is written as content');
    const message = streamed.choices[0]?.message;
    assert.equal(message?.refusal, refusalText);
    assert.ok(message?.content == null || message.content === '', `content stays empty, got ${JSON.stringify(message?.content)}`);
    assert.deepEqual(streamed.choices[0]?.logprobs?.refusal, [sorry, rest]);
    assert.ok((streamed.choices[0]?.logprobs?.content ?? []).length === 0, 'the refusal tokens are not told as content tokens');

    setup.upstream.enqueue({ kind: 'json', body: refusalAnswer() });
    const whole = await client().chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'Help me with something bad.' }], logprobs: true });
    assert.equal(whole.choices[0]?.message.refusal, message?.refusal, 'the whole answer says the same');
    assert.deepEqual(whole.choices[0]?.logprobs?.refusal, streamed.choices[0]?.logprobs?.refusal);
  });
});

describe('a Responses caller', () => {
  const refusalPart = { type: 'refusal', refusal: refusalText };

  test('gets a streamed refusal as a refusal part, in the events and in the final response', async () => {
    setup.upstream.enqueue({ kind: 'stream', text: refusalStream(), contentType: 'text/event-stream' });
    const stream = client().responses.stream({ model: 'gpt', input: 'Help me with something bad.' });
    const types: string[] = [];
    const addedParts: unknown[] = [];
    const refusalDeltas: string[] = [];
    stream.on('event', (event) => {
      types.push(event.type);
      if (event.type === 'response.content_part.added') addedParts.push(event.part);
      if (event.type === 'response.refusal.delta') refusalDeltas.push(event.delta);
    });
    const streamed = await stream.finalResponse();
    assert.deepEqual(addedParts, [{ type: 'refusal', refusal: '' }]);
    assert.deepEqual(refusalDeltas, ["I'm sorry", ", but I can't help with that."]);
    assert.ok(!types.some((type) => type.startsWith('response.output_text')), `no output_text events: ${types.join(', ')}`);
    assert.ok(types.includes('response.refusal.done') && types.includes('response.content_part.done'));
    assert.deepEqual(messageParts(streamed), [refusalPart]);
    assert.equal(streamed.output_text, '', 'the refusal is not answer text');

    setup.upstream.enqueue({ kind: 'json', body: refusalAnswer() });
    const whole = await client().responses.create({ model: 'gpt', input: 'Help me with something bad.' });
    assert.deepEqual(messageParts(whole), [refusalPart], 'the whole answer says the same');
  });

  test('gets a whole refusal replayed as a stream (an upstream answering with one body) as a refusal part too', async () => {
    setup.upstream.enqueue({ kind: 'json', body: refusalAnswer() });
    const streamed = await client().responses.stream({ model: 'gpt', input: 'Help me with something bad.' }).finalResponse();
    assert.deepEqual(messageParts(streamed), [refusalPart]);
  });
});
