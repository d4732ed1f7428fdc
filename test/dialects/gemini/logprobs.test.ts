/**
 * An OpenAI Chat Completions caller (the official `openai` SDK) asking a Gemini upstream for
 * token logprobs: the ask is reported as left out, not sent (Gemini refuses it on most current
 * models: src/dialects/gemini/logprobs.ts), and a candidate's `logprobsResult`
 * ({chosenCandidates[{token, logProbability}], topCandidates[{candidates[...]}]},
 * https://ai.google.dev/api/generate-content; `LogprobsResult` in node_modules/@google/genai), when
 * an upstream tells one, comes back as `choices[].logprobs.content`, whole and streamed (each chunk
 * tells its own tokens).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../../support/one-upstream-gateway.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';
import { tokensPerText } from '../../../src/dialects/gemini/logprobs.js';

const step = (token: string, logProbability: number, alternative: string, alternativeLogProbability: number) => ({
  chosen: { token, logProbability },
  top: { candidates: [{ token, logProbability }, { token: alternative, logProbability: alternativeLogProbability }] },
});
const ola = step('Olá', -0.0021, 'Oi', -6.25);
const bang = step('!', -0.31, ',', -1.32);
const logprobsResult = (...steps: Array<typeof ola>) => ({ chosenCandidates: steps.map((entry) => entry.chosen), topCandidates: steps.map((entry) => entry.top) });
/** What a Chat caller reads for a step: Gemini tells no bytes. */
const chatEntry = (entry: typeof ola) => ({
  token: entry.chosen.token,
  logprob: entry.chosen.logProbability,
  bytes: null,
  top_logprobs: entry.top.candidates.map((candidate) => ({ token: candidate.token, logprob: candidate.logProbability, bytes: null })),
});

/** test/fixtures/recorded/gemini/fantasy-gemini25flash-simple.response.json ("Olá!") with a logprobsResult. */
function geminiAnswer(): unknown {
  const body = readFixtureJson('gemini/fantasy-gemini25flash-simple.response.json') as { candidates: Array<Record<string, unknown>> };
  (body.candidates[0] as Record<string, unknown>)['logprobsResult'] = logprobsResult(ola, bang);
  return body;
}

/** The recorded one-chunk stream split in two chunks, "Olá" and "!", each with its own logprobsResult. */
function geminiStream(): string {
  const line = readFixtureText('gemini/fantasy-gemini25flash-simple_streaming.response.sse').split('\n').find((entry) => entry.startsWith('data: ')) ?? '';
  const chunk = JSON.parse(line.slice('data: '.length)) as { candidates: Array<Record<string, unknown>> };
  const candidate = chunk.candidates[0] as Record<string, unknown>;
  const first = { ...chunk, candidates: [{ content: { parts: [{ text: 'Olá' }], role: 'model' }, index: 0, logprobsResult: logprobsResult(ola) }] };
  const last = { ...chunk, candidates: [{ ...candidate, content: { parts: [{ text: '!' }], role: 'model' }, logprobsResult: logprobsResult(bang) }] };
  return `data: ${JSON.stringify(first)}\r\n\r\ndata: ${JSON.stringify(last)}\r\n\r\n`;
}

describe('an OpenAI Chat caller over a Gemini upstream', () => {
  const setup = gatewayOverOneUpstream((baseUrl) => ({
    providers: { ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-test-key' } },
    models: { flash: [{ provider: 'ge', model: 'gemini-2.5-flash' }] },
    retry: { attempts: 0 },
  }));
  const ask = { model: 'flash', messages: [{ role: 'user' as const, content: 'Say hello in Portuguese' }], logprobs: true, top_logprobs: 2 };

  test('reports the ask as left out, and reads the logprobs an answer tells', async () => {
    setup.upstream.enqueue({ kind: 'json', body: geminiAnswer() });
    const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
    const { data: completion, response } = await client.chat.completions.create(ask).withResponse();
    const sent = setup.upstream.requests.at(-1)?.body as { generationConfig?: Record<string, unknown> };
    assert.equal(sent.generationConfig?.['responseLogprobs'], undefined);
    assert.equal(sent.generationConfig?.['logprobs'], undefined);
    assert.match(response.headers.get('x-interlingua-warnings') ?? '', /logprobs/);
    assert.equal(completion.choices[0]?.message.content, 'Olá!');
    assert.deepEqual(completion.choices[0]?.logprobs?.content, [chatEntry(ola), chatEntry(bang)]);
  });

  test('gets each chunk\'s logprobs while streaming', async () => {
    setup.upstream.enqueue({ kind: 'stream', text: geminiStream(), contentType: 'text/event-stream' });
    const client = new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 });
    const stream = await client.chat.completions.create({ ...ask, stream: true });
    const told: unknown[] = [];
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.logprobs?.content;
      if (content != null) told.push(...content);
    }
    assert.deepEqual(told, [chatEntry(ola), chatEntry(bang)]);
  });
});

test('tokens told for several texts go to each text they spell, and to none where they do not', () => {
  const tokens = [{ token: 'a', logprob: -1 }, { token: 'b', logprob: -2 }, { token: 'c', logprob: -3 }];
  assert.deepEqual(tokensPerText(['ab', 'c'], tokens), [tokens.slice(0, 2), tokens.slice(2)]);
  assert.deepEqual(tokensPerText(['a', 'bx'], tokens), [undefined, undefined]);
});

describe('a Gemini caller over an OpenAI Chat upstream that tells logprobs', () => {
  const setup = gatewayOverOneUpstream((baseUrl) => ({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' } },
    models: { gpt: [{ provider: 'oa', model: 'gpt-4.1' }] },
    retry: { attempts: 0 },
  }));

  test('gets them as the candidate\'s logprobsResult', async () => {
    const body = readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') as { choices: Array<Record<string, unknown>> };
    const choice = body.choices[0] as { message: { content: string }; logprobs: unknown };
    choice.message.content = 'Olá!';
    choice.logprobs = { content: [chatEntry(ola), chatEntry(bang)], refusal: null };
    setup.upstream.enqueue({ kind: 'json', body });
    const answer = await fetch(`${setup.url}/v1beta/models/gpt:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'caller' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Say hello in Portuguese' }] }], generationConfig: { responseLogprobs: true, logprobs: 2 } }),
    });
    assert.equal(answer.status, 200);
    const json = (await answer.json()) as { candidates: Array<Record<string, unknown>> };
    assert.deepEqual(json.candidates[0]?.['logprobsResult'], logprobsResult(ola, bang));
  });
});
