/**
 * A Gemini caller (the official `@google/genai` SDK) asks an Ollama model for token logprobs with
 * `generationConfig.responseLogprobs` and `generationConfig.logprobs`
 * (https://ai.google.dev/api/generate-content#generationconfig): the ask reaches `/api/chat` as
 * Ollama's own `logprobs` and `top_logprobs` (https://docs.ollama.com/api/chat), judged by the
 * Ollama rules (test/support/vendor-rules/ollama.ts), not reported as left out, and the tokens
 * come back as the candidate's `logprobsResult`.
 *
 * No recorded Ollama answer with logprobs exists: the answer is the doc example's final line
 * (test/fixtures/recorded/ollama/chat-stream.doc-example.first-and-final.json) with text and a
 * `logprobs` list in the documented shape, api/types.go `Logprob`
 * `{token, logprob, bytes, top_logprobs: [TokenLogprob]}`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GoogleGenAI } from '@google/genai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureJson } from '../support/fixtures.js';

const bytes = (text: string): number[] => [...Buffer.from(text, 'utf8')];
/** A token that won with `logprob`, and one alternative. */
const token = (text: string, logprob: number, alternative: string) => ({
  token: text,
  logprob,
  bytes: bytes(text),
  top_logprobs: [{ token: text, logprob, bytes: bytes(text) }, { token: alternative, logprob: logprob - 2.5, bytes: bytes(alternative) }],
});
const tokens = [token('The', -0.01, 'A'), token(' sky', -0.2, ' ocean'), token(' is', -0.05, ' looks'), token(' blue', -0.3, ' grey'), token('.', -0.02, '!')];

function wholeAnswer(): unknown {
  const [, final] = readFixtureJson('ollama/chat-stream.doc-example.first-and-final.json') as [unknown, Record<string, unknown>];
  return { ...final, message: { role: 'assistant', content: 'The sky is blue.' }, done_reason: 'stop', logprobs: tokens };
}

describe('a Gemini caller asking an Ollama upstream for logprobs', () => {
  const setup = gatewayOverOneUpstream((baseUrl) => ({
    providers: { ol: { dialect: 'ollama', baseUrl } },
    models: { local: [{ provider: 'ol', model: 'qwen3:8b' }] },
    retry: { attempts: 0 },
  }));

  test('sends them as Ollama\'s logprobs and top_logprobs, reports nothing left out, and gets the tokens as logprobsResult', async () => {
    setup.upstream.enqueue({ kind: 'json', body: wholeAnswer() });
    const caller = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: setup.url } });
    const answer = await caller.models.generateContent({ model: 'local', contents: 'What colour is the sky?', config: { responseLogprobs: true, logprobs: 2 } });
    const sent = setup.upstream.requests[0]?.body as Record<string, unknown>;
    assert.equal(sent['logprobs'], true);
    assert.equal(sent['top_logprobs'], 2);
    assert.doesNotMatch(answer.sdkHttpResponse?.headers?.['x-interlingua-warnings'] ?? '', /ogprobs/);
    assert.deepEqual(answer.candidates?.[0]?.logprobsResult, {
      chosenCandidates: tokens.map((entry) => ({ token: entry.token, logProbability: entry.logprob })),
      topCandidates: tokens.map((entry) => ({ candidates: entry.top_logprobs.map((top) => ({ token: top.token, logProbability: top.logprob })) })),
    });
  });

  test('responseLogprobs: false asks for nothing, and goes without a word', async () => {
    setup.upstream.enqueue({ kind: 'json', body: wholeAnswer() });
    const caller = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: setup.url } });
    const answer = await caller.models.generateContent({ model: 'local', contents: 'What colour is the sky?', config: { responseLogprobs: false } });
    const sent = setup.upstream.requests[0]?.body as Record<string, unknown>;
    assert.equal(sent['logprobs'], undefined);
    assert.doesNotMatch(answer.sdkHttpResponse?.headers?.['x-interlingua-warnings'] ?? '', /ogprobs/);
  });
});
