/**
 * Token log probabilities come back across the two OpenAI dialects, with the official `openai` SDK
 * as the caller. The upstream answers are recorded ones with logprobs spliced in, in the shapes
 * the SDK types give: Chat Completions' `choices[].logprobs: {content, refusal}` of
 * `{token, logprob, bytes, top_logprobs}` (`ChatCompletionTokenLogprob` in
 * node_modules/openai/resources/chat/completions/completions.d.ts), the same per stream chunk; a
 * Responses `output_text` part's `logprobs` (`ResponseOutputText.Logprob`) and the
 * `response.output_text.delta` event's `logprobs` of `{token, logprob, top_logprobs}`
 * (`ResponseTextDeltaEvent.Logprob` in node_modules/openai/resources/responses/responses.d.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../../support/one-upstream-gateway.js';
import { readFixtureText } from '../../support/fixtures.js';
import { bang, chatAnswerWithLogprobs as chatAnswer, chatStreamWithLogprobs as chatStream, ola, responsesAnswerWithLogprobs as responsesAnswer } from '../../support/logprobs-answers.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';

/** "Olá" and "!" as OpenAI's tokenizer splits the recorded answers, with two alternatives each. */
/** What a Responses caller reads on an `output_text` part: the Chat entries, keys aside. */
const partEntries = [ola, bang];
/** What a `response.output_text.delta` event carries: no bytes. */
const eventEntry = (entry: typeof ola) => ({ token: entry.token, logprob: entry.logprob, top_logprobs: entry.top_logprobs.map(({ token, logprob }) => ({ token, logprob })) });

describe('a Responses caller over a Chat Completions upstream', () => {
  const setup = gatewayOverOneUpstream((baseUrl) => ({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' } },
    models: { gpt: [{ provider: 'oa', model: 'gpt-4.1' }] },
    retry: { attempts: 0 },
  }));
  const ask = { model: 'gpt', input: 'Say hello in Portuguese', top_logprobs: 1, include: ['message.output_text.logprobs' as const] };

  test('gets the answer\'s logprobs on its output_text part', async () => {
    setup.upstream.enqueue({ kind: 'json', body: chatAnswer() });
    const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
    const response = await client.responses.create({ ...ask, top_logprobs: 2 });
    const sent = setup.upstream.requests[0]?.body as Record<string, unknown>;
    assert.equal(sent['logprobs'], true);
    assert.equal(sent['top_logprobs'], 2);
    const message = response.output.find((item) => item.type === 'message');
    const part = message?.type === 'message' ? message.content[0] : undefined;
    assert.equal(part?.type, 'output_text');
    assert.deepEqual(part?.type === 'output_text' ? part.logprobs : undefined, partEntries);
  });

  test('gets each delta\'s logprobs while streaming, and all of them on the finished part', async () => {
    setup.upstream.enqueue({ kind: 'stream', text: chatStream(), contentType: 'text/event-stream' });
    const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
    const stream = await client.responses.create({ ...ask, top_logprobs: 2, stream: true });
    const deltas: unknown[] = [];
    let done: unknown;
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') deltas.push(event.logprobs);
      if (event.type === 'response.output_text.done') done = event.logprobs;
      if (event.type === 'response.completed') completed = event.response;
    }
    assert.deepEqual(deltas, [[eventEntry(ola)], [eventEntry(bang)]]);
    assert.deepEqual(done, [eventEntry(ola), eventEntry(bang)]);
    const message = completed?.output.find((item) => item.type === 'message');
    const part = message?.type === 'message' ? message.content[0] : undefined;
    assert.deepEqual(part?.type === 'output_text' ? part.logprobs : undefined, partEntries);
  });
});

/** test/fixtures/recorded/openai-responses/dd-response_stream.response.sse, its first two deltas ("Hello", "!") with logprobs. */
function responsesStream(): { text: string; entries: Array<ReturnType<typeof eventEntry>> } {
  const entries = [
    { token: 'Hello', logprob: -0.12, top_logprobs: [{ token: 'Hello', logprob: -0.12 }] },
    { token: '!', logprob: -0.05, top_logprobs: [{ token: '!', logprob: -0.05 }] },
  ];
  const pending = [...entries];
  const text = readFixtureText('openai-responses/dd-response_stream.response.sse')
    .split('\n')
    .map((line) => {
      if (!line.startsWith('data: {"type":"response.output_text.delta"') || pending.length === 0) return line;
      return line.replace(/\}$/, `,"logprobs":${JSON.stringify([pending.shift()])}}`);
    })
    .join('\n');
  return { text, entries };
}

describe('a Chat Completions caller over a Responses upstream', () => {
  const setup = gatewayOverOneUpstream((baseUrl) => ({
    providers: { oa: { dialect: 'openai-responses', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' } },
    models: { gpt: [{ provider: 'oa', model: 'gpt-4.1' }] },
    retry: { attempts: 0 },
  }));
  const ask = { model: 'gpt', messages: [{ role: 'user' as const, content: 'Say hello in Portuguese' }], logprobs: true, top_logprobs: 2 };

  test('asks for them with the includable and gets them in choices[].logprobs.content', async () => {
    setup.upstream.enqueue({ kind: 'json', body: responsesAnswer() });
    const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
    const completion = await client.chat.completions.create(ask);
    const sent = setup.upstream.requests[0]?.body as Record<string, unknown>;
    assert.deepEqual(sent['include'], ['message.output_text.logprobs']);
    assert.equal(sent['top_logprobs'], 2);
    assert.equal(sent['logprobs'], undefined);
    assert.deepEqual(completion.choices[0]?.logprobs, { content: partEntries, refusal: null });
  });

  test('gets each chunk\'s logprobs while streaming', async () => {
    const { text, entries } = responsesStream();
    setup.upstream.enqueue({ kind: 'stream', text, contentType: 'text/event-stream' });
    const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
    const stream = await client.chat.completions.create({ ...ask, stream: true });
    const seen: unknown[] = [];
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content != null && choice.delta.content !== '') seen.push(choice.logprobs?.content ?? null);
    }
    // Bytes were not in the deltas, so Chat's "no bytes" (null) stands for them.
    const asChat = (entry: (typeof entries)[number]) => ({ ...entry, bytes: null, top_logprobs: entry.top_logprobs.map((top) => ({ ...top, bytes: null })) });
    assert.deepEqual(seen.slice(0, 2), entries.map((entry) => [asChat(entry)]));
    assert.ok(seen.slice(2).every((content) => content === null));
  });
});

describe('the ask itself', () => {
  const options = { model: 'gpt-4.1', defaultMaxOutputTokens: 4096 };

  test('a Responses caller\'s includable alone asks a Chat upstream for logprobs, and is not reported as left out', () => {
    const { request } = openaiResponsesDialect.parseRequest({ model: 'gpt', input: 'hi', include: ['message.output_text.logprobs', 'file_search_call.results'] }, {});
    const { body, warnings } = openaiChatDialect.emitRequest(request, options);
    assert.equal((body as Record<string, unknown>)['logprobs'], true);
    assert.equal((body as Record<string, unknown>)['top_logprobs'], undefined);
    assert.deepEqual(warnings.map((warning) => [warning.feature, warning.message]), [['include', '"include" (openai-responses) has no equivalent in openai-chat and was left out.']]);
  });

  test('a Chat caller\'s logprobs join the includables a Responses upstream is asked for', () => {
    const { request } = openaiChatDialect.parseRequest({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }], logprobs: true, reasoning_effort: 'low' }, {});
    const { body, warnings } = openaiResponsesDialect.emitRequest(request, options);
    assert.deepEqual((body as Record<string, unknown>)['include'], ['reasoning.encrypted_content', 'message.output_text.logprobs']);
    assert.deepEqual(warnings, []);
  });
});
