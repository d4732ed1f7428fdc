/**
 * Token logprobs between Ollama's native API and the interlingua (src/dialects/ollama-family/logprobs.ts):
 * another dialect's caller's ask becomes Ollama's `logprobs` / `top_logprobs` (api/types.go
 * `ChatRequest`, `GenerateRequest`), judged by the Ollama rules; the answer's top-level `logprobs`
 * go on the text they spell, whole and streamed.
 *
 * No recorded Ollama answer with logprobs exists: the answers here are
 * written in the documented shape, api/types.go `Logprob` `{token, logprob, bytes, top_logprobs}`
 * (docs/openapi.yaml `Logprob`), on top of the doc example
 * fixtures/ollama/chat-stream.doc-example.first-and-final.json.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { ollamaGenerateDialect } from '../../../src/dialects/ollama-generate/index.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { decodeFrames, ndjsonFrames } from './helpers.js';

const emitOptions = { model: 'qwen3:8b', defaultMaxOutputTokens: 1024 };
const hello = [{ role: 'user', content: 'hi' }];

function judged(url: string, body: unknown): string | undefined {
  return judgeRequest({ method: 'POST', url, headers: {}, body })?.message;
}

describe('an OpenAI caller\'s ask for logprobs, emitted for Ollama', () => {
  test('Chat\'s logprobs and top_logprobs become the chat and generate bodies\' own, with no warning, and pass the judge', () => {
    const { request } = openaiChatDialect.parseRequest({ model: 'gpt', messages: hello, logprobs: true, top_logprobs: 3 }, {});
    for (const [dialect, url] of [[ollamaDialect, '/api/chat'], [ollamaGenerateDialect, '/api/generate']] as const) {
      const { body, warnings } = dialect.emitRequest(request, emitOptions);
      const sent = body as Record<string, unknown>;
      assert.equal(sent['logprobs'], true, url);
      assert.equal(sent['top_logprobs'], 3, url);
      assert.deepEqual(warnings.filter((warning) => /logprobs/.test(warning.feature)), [], url);
      assert.equal(judged(url, body), undefined, url);
    }
  });

  test('Chat\'s logprobs: false asks nothing and goes without a word', () => {
    const { request } = openaiChatDialect.parseRequest({ model: 'gpt', messages: hello, logprobs: false }, {});
    const { body, warnings } = ollamaDialect.emitRequest(request, emitOptions);
    assert.equal((body as Record<string, unknown>)['logprobs'], undefined);
    assert.deepEqual(warnings.filter((warning) => /logprobs/.test(warning.feature)), []);
  });

  test('a Responses caller\'s includable asks for them; a count beyond Ollama\'s 20 is brought within it, with a warning', () => {
    const { request } = openaiResponsesDialect.parseRequest({ model: 'gpt', input: 'hi', top_logprobs: 20, include: ['message.output_text.logprobs'] }, {});
    const { body, warnings } = ollamaDialect.emitRequest({ ...request, logprobs: { topLogprobs: 25 } }, emitOptions);
    const sent = body as Record<string, unknown>;
    assert.equal(sent['logprobs'], true);
    assert.equal(sent['top_logprobs'], 20);
    assert.equal(judged('/api/chat', body), undefined);
    assert.deepEqual(warnings.filter((warning) => /logprobs/.test(warning.feature)).map((warning) => [warning.type, warning.feature]), [['compatibility', 'top_logprobs']]);
  });
});

const entry = (token: string, logprob: number) => ({ token, logprob, bytes: [...Buffer.from(token)], top_logprobs: [{ token, logprob }, { token: `${token}?`, logprob: logprob - 1 }] });
const read = (token: string, logprob: number) => ({ token, logprob, bytes: [...Buffer.from(token)], top: [{ token, logprob }, { token: `${token}?`, logprob: logprob - 1 }] });

function finalLine(): Record<string, unknown> {
  const lines = readFixtureJson('ollama/chat-stream.doc-example.first-and-final.json') as Array<Record<string, unknown>>;
  return lines[1] as Record<string, unknown>;
}

describe('an Ollama answer\'s logprobs', () => {
  test('a whole answer\'s text takes the tokens that spell it, after its thinking\'s; the wire list stays for an Ollama caller', () => {
    const logprobs = [entry('Hm', -1), entry('Hi', -0.1), entry('!', -0.2)];
    const response = ollamaDialect.parseResponse({ ...finalLine(), message: { role: 'assistant', content: 'Hi!', thinking: 'Hm' }, logprobs });
    const text = response.content.find((part) => part.type === 'text');
    assert.deepEqual(text?.type === 'text' ? text.logprobs : undefined, [read('Hi', -0.1), read('!', -0.2)]);
    assert.deepEqual(response.vendor?.['ollama']?.['extra'], { logprobs });
  });

  test('tokens that do not spell the text are put on nothing', () => {
    const response = ollamaDialect.parseResponse({ ...finalLine(), message: { role: 'assistant', content: 'Hi!' }, logprobs: [entry('<tool_call>', -0.1)] });
    const text = response.content.find((part) => part.type === 'text');
    assert.equal(text?.type === 'text' ? text.logprobs : 'no text', undefined);
  });

  test('a stream\'s text deltas take their lines\' tokens, and those of lines the tool parser held back; thinking\'s are dropped', () => {
    const line = (message: Record<string, unknown>, logprobs?: unknown[]) => JSON.stringify({ model: 'qwen3:8b', created_at: '2023-08-04T08:52:19.385406455-07:00', message: { role: 'assistant', content: '', ...message }, done: false, ...(logprobs === undefined ? {} : { logprobs }) });
    const ndjson = [
      line({ thinking: 'Hm' }, [entry('Hm', -1)]),
      line({}, [entry('Hi', -0.1)]),
      line({ content: 'Hi' }),
      line({ content: '!' }, [entry('!', -0.2)]),
      JSON.stringify({ ...finalLine(), done_reason: 'stop' }),
    ].map((text) => `${text}\n`).join('');
    const deltas = decodeFrames(ndjsonFrames(ndjson)).filter((event): event is Extract<StreamEvent, { type: 'text-delta' }> => event.type === 'text-delta');
    assert.deepEqual(deltas.map((delta) => [delta.delta, delta.logprobs]), [['Hi', [read('Hi', -0.1)]], ['!', [read('!', -0.2)]]]);
  });

  test('a generate stream\'s response deltas take their lines\' tokens', () => {
    const line = (response: string, logprobs: unknown[]) => JSON.stringify({ model: 'qwen3:8b', created_at: '2023-08-04T08:52:19.385406455-07:00', response, done: false, logprobs });
    const ndjson = `${line('Hi', [entry('Hi', -0.1)])}\n${JSON.stringify({ model: 'qwen3:8b', response: '', done: true, done_reason: 'stop' })}\n`;
    const decoder = ollamaGenerateDialect.createStreamDecoder();
    const events = [...ndjsonFrames(ndjson).flatMap((frame) => decoder.push(frame)), ...decoder.end()];
    const delta = events.find((event) => event.type === 'text-delta');
    assert.deepEqual(delta?.type === 'text-delta' ? delta.logprobs : undefined, [read('Hi', -0.1)]);
  });
});
