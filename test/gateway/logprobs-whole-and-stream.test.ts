/**
 * Token logprobs survive where the gateway changes an answer's form: a whole answer asked of an
 * upstream that answers as a stream (`completeAsStream`, http-transport.ts: the stream is folded),
 * and a stream asked of an upstream that answers with one JSON body (replayed as events). The
 * caller is the official `openai` SDK on the Responses API; the upstream speaks Chat Completions,
 * whose logprobs are `choices[].logprobs.content` of `{token, logprob, bytes, top_logprobs}`
 * (`ChatCompletionTokenLogprob` in node_modules/openai/resources/chat/completions/completions.d.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { bang, chatAnswerWithLogprobs as chatAnswer, chatStreamWithLogprobs as chatStream, ola } from '../support/logprobs-answers.js';

const eventEntry = (entry: typeof ola) => ({ token: entry.token, logprob: entry.logprob, top_logprobs: entry.top_logprobs.map(({ token, logprob }) => ({ token, logprob })) });

const ask = { model: 'gpt', input: 'Say hello in Portuguese', top_logprobs: 2, include: ['message.output_text.logprobs' as const] };

describe('a whole answer folded from an upstream that answers as a stream', () => {
  const setup = gatewayOverOneUpstream((baseUrl) => ({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test', quirks: { completeAsStream: true } } },
    models: { gpt: [{ provider: 'oa', model: 'gpt-4.1' }] },
    retry: { attempts: 0 },
  }));

  test('keeps the tokens on the output_text part', async () => {
    setup.upstream.enqueue({ kind: 'stream', text: chatStream(), contentType: 'text/event-stream' });
    const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
    const response = await client.responses.create(ask);
    assert.equal((setup.upstream.requests[0]?.body as Record<string, unknown>)['stream'], true);
    const message = response.output.find((item) => item.type === 'message');
    const part = message?.type === 'message' ? message.content[0] : undefined;
    assert.equal(part?.type === 'output_text' ? part.text : undefined, 'Olá!');
    assert.deepEqual(part?.type === 'output_text' ? part.logprobs : undefined, [ola, bang]);
  });
});

describe('a stream replayed from an upstream that answers with one body', () => {
  const setup = gatewayOverOneUpstream((baseUrl) => ({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' } },
    models: { gpt: [{ provider: 'oa', model: 'gpt-4.1' }] },
    retry: { attempts: 0 },
  }));

  test('tells the tokens on the delta and on the finished part', async () => {
    setup.upstream.enqueue({ kind: 'json', body: chatAnswer() });
    const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
    const stream = await client.responses.create({ ...ask, stream: true });
    const deltas: unknown[] = [];
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') deltas.push(event.logprobs);
      if (event.type === 'response.completed') completed = event.response;
    }
    assert.deepEqual(deltas, [[eventEntry(ola), eventEntry(bang)]]);
    const message = completed?.output.find((item) => item.type === 'message');
    const part = message?.type === 'message' ? message.content[0] : undefined;
    assert.deepEqual(part?.type === 'output_text' ? part.logprobs : undefined, [ola, bang]);
  });
});
