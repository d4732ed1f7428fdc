/**
 * An OpenAI Chat Completions caller (the official `openai` SDK) asking a Gemini upstream for
 * token logprobs: the ask is reported as left out, not sent (Gemini refuses it on most current
 * models: src/dialects/gemini/logprobs.ts), and a candidate's `logprobsResult`
 * ({chosenCandidates[{token, logProbability}], topCandidates[{candidates[...]}]},
 * https://ai.google.dev/api/generate-content; `LogprobsResult` in node_modules/@google/genai), when
 * an upstream tells one, comes back as `choices[].logprobs.content`, whole and streamed (each chunk
 * tells its own tokens). The other way, a Gemini caller's `responseLogprobs` / `logprobs` (the
 * @google/genai SDK's `GenerateContentConfig`) reach an OpenAI Chat upstream as `logprobs` /
 * `top_logprobs`, and the tokens come back as `logprobsResult`, on the candidate or on each
 * streamed chunk; a model that refuses logprobs gets none, with a warning.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { GoogleGenAI } from '@google/genai';
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

  const caller = () => new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: setup.url } });
  const config = { responseLogprobs: true, logprobs: 2 };

  test('sends its ask as Chat\'s logprobs and top_logprobs, not as left out', async () => {
    setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });
    const answer = await caller().models.generateContent({ model: 'gpt', contents: 'Say hello in Portuguese', config });
    const sent = setup.upstream.requests.at(-1)?.body as Record<string, unknown>;
    assert.deepEqual([sent['logprobs'], sent['top_logprobs']], [true, 2]);
    assert.doesNotMatch(answer.sdkHttpResponse?.headers?.['x-interlingua-warnings'] ?? '', /logprobs/);
  });

  test('responseLogprobs alone asks for the chosen tokens only; logprobs without it asks for nothing', async () => {
    setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });
    await caller().models.generateContent({ model: 'gpt', contents: 'Hi', config: { responseLogprobs: true } });
    const alone = setup.upstream.requests.at(-1)?.body as Record<string, unknown>;
    assert.deepEqual([alone['logprobs'], alone['top_logprobs']], [true, undefined]);
    setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });
    await caller().models.generateContent({ model: 'gpt', contents: 'Hi', config: { responseLogprobs: false, logprobs: 2 } });
    const off = setup.upstream.requests.at(-1)?.body as Record<string, unknown>;
    assert.deepEqual([off['logprobs'], off['top_logprobs']], [undefined, undefined]);
  });

  test('streamed, each chunk carries the logprobsResult of its own tokens', async () => {
    const chunk = (content: Record<string, unknown>, logprobs: unknown, finish: string | null) =>
      `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4.1', choices: [{ index: 0, delta: content, logprobs, finish_reason: finish }] })}\n\n`;
    // Chat streams each delta's tokens in `choices[].logprobs.content` (recorded shape: openai-chat/stream-text-include-usage.data.ndjson, with logprobs added).
    const text = chunk({ role: 'assistant', content: 'Olá' }, { content: [chatEntry(ola)], refusal: null }, null)
      + chunk({ content: '!' }, { content: [chatEntry(bang)], refusal: null }, null)
      + chunk({}, null, 'stop') + 'data: [DONE]\n\n';
    setup.upstream.enqueue({ kind: 'stream', text, contentType: 'text/event-stream' });
    const stream = await caller().models.generateContentStream({ model: 'gpt', contents: 'Say hello in Portuguese', config });
    const told: Array<[string | undefined, unknown]> = [];
    for await (const answer of stream) {
      const candidate = answer.candidates?.[0];
      if (candidate?.logprobsResult !== undefined) told.push([candidate.content?.parts?.[0]?.text, candidate.logprobsResult]);
    }
    assert.deepEqual(told, [['Olá', logprobsResult(ola)], ['!', logprobsResult(bang)]]);
  });
});

describe('a Gemini caller over an OpenAI reasoning model', () => {
  const setup = gatewayOverOneUpstream((baseUrl) => ({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' } },
    models: { mini: [{ provider: 'oa', model: 'o4-mini' }] },
    retry: { attempts: 0 },
  }));

  test('has its ask left out with a warning, which the model would refuse with a 403', async () => {
    setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });
    const caller = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: setup.url } });
    const answer = await caller.models.generateContent({ model: 'mini', contents: 'Hi', config: { responseLogprobs: true, logprobs: 2 } });
    const sent = setup.upstream.requests.at(-1)?.body as Record<string, unknown>;
    assert.deepEqual([sent['logprobs'], sent['top_logprobs']], [undefined, undefined]);
    assert.match(answer.sdkHttpResponse?.headers?.['x-interlingua-warnings'] ?? '', /o4-mini refuses to return token log probabilities/);
  });
});

describe('a Gemini caller over an OpenAI Responses upstream', () => {
  const setup = gatewayOverOneUpstream((baseUrl) => ({
    providers: { re: { dialect: 'openai-responses', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' } },
    models: { gpt: [{ provider: 're', model: 'gpt-4.1' }] },
    retry: { attempts: 0 },
  }));

  test('sends its ask as the logprobs includable and top_logprobs, and gets the tokens as logprobsResult', async () => {
    // test/fixtures/recorded/openai-responses/fantasy-gpt5-simple.response.json ("Olá!"), its output_text given
    // the tokens in `ResponseOutputText.Logprob`'s shape (node_modules/openai/resources/responses/responses.d.ts).
    const body = readFixtureJson('openai-responses/fantasy-gpt5-simple.response.json') as { output: Array<{ type: string; content?: Array<Record<string, unknown>> }> };
    const text = body.output.find((item) => item.type === 'message')?.content?.[0] as Record<string, unknown>;
    text['logprobs'] = [ola, bang].map((entry) => ({ ...chatEntry(entry), bytes: [], top_logprobs: chatEntry(entry).top_logprobs.map((top) => ({ ...top, bytes: [] })) }));
    setup.upstream.enqueue({ kind: 'json', body });
    const caller = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: setup.url } });
    const answer = await caller.models.generateContent({ model: 'gpt', contents: 'Say hello in Portuguese', config: { responseLogprobs: true, logprobs: 2 } });
    const sent = setup.upstream.requests.at(-1)?.body as Record<string, unknown>;
    assert.deepEqual([sent['include'], sent['top_logprobs']], [['message.output_text.logprobs'], 2]);
    assert.doesNotMatch(answer.sdkHttpResponse?.headers?.['x-interlingua-warnings'] ?? '', /logprobs/);
    assert.deepEqual(answer.candidates?.[0]?.logprobsResult, logprobsResult(ola, bang));
  });
});

describe('a Gemini caller over a Gemini upstream', () => {
  const setup = gatewayOverOneUpstream((baseUrl) => ({
    providers: { ge: { dialect: 'gemini', baseUrl, apiKey: 'gemini-test-key' } },
    models: { flash: [{ provider: 'ge', model: 'gemini-2.0-flash' }] },
    retry: { attempts: 0 },
  }));

  test('has a count of alternatives past Gemini\'s 20 sent as 20, with a warning, where the upstream would refuse it', async () => {
    setup.upstream.enqueue({ kind: 'json', body: geminiAnswer() });
    const caller = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: setup.url } });
    const answer = await caller.models.generateContent({ model: 'flash', contents: 'Say hello in Portuguese', config: { responseLogprobs: true, logprobs: 25 } });
    const sent = setup.upstream.requests.at(-1)?.body as { generationConfig?: Record<string, unknown> };
    assert.deepEqual([sent.generationConfig?.['responseLogprobs'], sent.generationConfig?.['logprobs']], [true, 20]);
    assert.match(answer.sdkHttpResponse?.headers?.['x-interlingua-warnings'] ?? '', /Gemini takes logprobs from 0 to 20; 25 was sent as 20/);
    assert.deepEqual(answer.candidates?.[0]?.logprobsResult, logprobsResult(ola, bang));
  });

  test('has a count within the range sent as it is', async () => {
    setup.upstream.enqueue({ kind: 'json', body: geminiAnswer() });
    const caller = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: setup.url } });
    const answer = await caller.models.generateContent({ model: 'flash', contents: 'Say hello in Portuguese', config: { responseLogprobs: true, logprobs: 20 } });
    const sent = setup.upstream.requests.at(-1)?.body as { generationConfig?: Record<string, unknown> };
    assert.equal(sent.generationConfig?.['logprobs'], 20);
    assert.doesNotMatch(answer.sdkHttpResponse?.headers?.['x-interlingua-warnings'] ?? '', /logprobs/);
  });
});
