/**
 * An OpenAI Chat Completions caller (the official `openai` SDK) asks an Ollama `/api/chat`
 * upstream for token logprobs: `logprobs` and `top_logprobs` are sent as Ollama's own fields
 * (api/types.go `ChatRequest`), not reported as left out, and pass the Ollama judge
 * (test/support/vendor-rules/ollama.ts, `ollama.top-logprobs.range` among them); the answer's
 * tokens come back as `choices[0].logprobs.content`, whole and streamed.
 *
 * No recorded Ollama answer with logprobs exists, so the answers are
 * the `/api/chat` doc example (fixtures/ollama/chat-stream.doc-example.first-and-final.json) with
 * text, thinking and a `logprobs` list written in the documented shape: api/types.go `Logprob`
 * `{token, logprob, bytes, top_logprobs: [TokenLogprob]}` and docs/openapi.yaml `Logprob`, top-level
 * on the answer and on each streamed line. The thinking's tokens come first in the list, as the
 * server tells the raw tokens before splitting off the thinking (server/routes.go ChatHandler).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureJson } from '../support/fixtures.js';

interface Token {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: Array<{ token: string; logprob: number; bytes: number[] }>;
}

const bytes = (text: string): number[] => [...Buffer.from(text, 'utf8')];
/** A token that won with `logprob`, and one alternative. */
function token(text: string, logprob: number, alternative: string): Token {
  return { token: text, logprob, bytes: bytes(text), top_logprobs: [{ token: text, logprob, bytes: bytes(text) }, { token: alternative, logprob: logprob - 2.5, bytes: bytes(alternative) }] };
}

const thinkingTokens = [token('Sky', -0.4, 'The'), token(' colour', -0.9, ' color'), token('.', -0.1, '?')];
const textTokens = [token('The', -0.01, 'A'), token(' sky', -0.2, ' ocean'), token(' is', -0.05, ' looks'), token(' blue', -0.3, ' grey'), token('.', -0.02, '!')];

function docLines(): [Record<string, unknown>, Record<string, unknown>] {
  return readFixtureJson('ollama/chat-stream.doc-example.first-and-final.json') as [Record<string, unknown>, Record<string, unknown>];
}

/** The doc example's final line as a whole answer, with thinking, text and every token's logprobs. */
function wholeAnswer(): unknown {
  const [, final] = docLines();
  return { ...final, message: { role: 'assistant', content: 'The sky is blue.', thinking: 'Sky colour.' }, done_reason: 'stop', logprobs: [...thinkingTokens, ...textTokens] };
}

/** The doc example's lines: a thinking line, text lines each with the tokens it was decoded from, then the final line. */
function streamedAnswer(): string {
  const [first, final] = docLines();
  const line = (message: Record<string, unknown>, logprobs: Token[]) => ({ ...first, message: { role: 'assistant', content: '', ...message }, logprobs });
  const lines = [
    line({ thinking: 'Sky colour.' }, thinkingTokens),
    line({ content: 'The' }, textTokens.slice(0, 1)),
    line({ content: ' sky is' }, textTokens.slice(1, 3)),
    line({ content: ' blue.' }, textTokens.slice(3)),
    { ...final, done_reason: 'stop' },
  ];
  return lines.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

describe('an OpenAI Chat caller asking an Ollama upstream for logprobs', () => {
  const setup = gatewayOverOneUpstream((baseUrl) => ({
    providers: { ol: { dialect: 'ollama', baseUrl } },
    models: { local: [{ provider: 'ol', model: 'qwen3:8b' }] },
    retry: { attempts: 0 },
  }));
  const ask = { model: 'local', messages: [{ role: 'user' as const, content: 'What colour is the sky?' }], logprobs: true, top_logprobs: 2 };

  test('sends logprobs and top_logprobs as Ollama fields, reporting nothing left out', async () => {
    setup.upstream.enqueue({ kind: 'json', body: wholeAnswer() });
    const { response } = await new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 }).chat.completions.create(ask).withResponse();
    const sent = setup.upstream.requests[0]?.body as Record<string, unknown>;
    assert.equal(sent['logprobs'], true);
    assert.equal(sent['top_logprobs'], 2);
    assert.doesNotMatch(response.headers.get('x-interlingua-warnings') ?? '', /logprobs/);
  });

  test('gets the text\'s tokens, with their alternatives, as choices[0].logprobs.content of a whole answer', async () => {
    setup.upstream.enqueue({ kind: 'json', body: wholeAnswer() });
    const completion = await new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 }).chat.completions.create(ask);
    const choice = completion.choices[0];
    assert.equal(choice?.message.content, 'The sky is blue.');
    assert.deepEqual(choice?.logprobs?.content, textTokens);
  });

  test('gets each streamed chunk\'s tokens as its logprobs.content', async () => {
    setup.upstream.enqueue({ kind: 'stream', text: streamedAnswer(), contentType: 'application/x-ndjson' });
    const stream = await new OpenAI({ baseURL: `${setup.url}/v1`, apiKey: 'caller', maxRetries: 0 }).chat.completions.create({ ...ask, stream: true });
    let text = '';
    const tokens: unknown[] = [];
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      text += choice?.delta.content ?? '';
      tokens.push(...(choice?.logprobs?.content ?? []));
    }
    assert.equal(text, 'The sky is blue.');
    assert.deepEqual(tokens, textTokens);
    assert.equal((setup.upstream.requests[0]?.body as Record<string, unknown>)['stream'], true);
  });
});
