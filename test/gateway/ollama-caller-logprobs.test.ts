/**
 * An Ollama caller (the official `ollama` SDK, or its body by hand where the response headers are
 * read) asks an OpenAI model for token logprobs with Ollama's `logprobs` and `top_logprobs`
 * (https://docs.ollama.com/api/chat): the ask reaches Chat Completions as `logprobs` /
 * `top_logprobs` and Responses as `top_logprobs` with the `message.output_text.logprobs`
 * includable, not reported as left out, and the tokens come back as Ollama's top-level `logprobs`
 * list of `{token, logprob, bytes, top_logprobs}` (api/types.go `Logprob`; `Logprob` in
 * node_modules/ollama/dist/browser.d.ts), whole and on each streamed line. A model that refuses
 * logprobs (o4-mini, catalog/fit-logprobs.ts) is not asked, with a warning.
 *
 * The answers are recorded ones ("Olá!") with the tokens written into their documented places:
 * Chat's `choices[].logprobs.content` (`ChatCompletionTokenLogprob`) and Responses' `output_text`
 * `logprobs` (`ResponseOutputText.Logprob`).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureJson } from '../support/fixtures.js';
import { bang, chatAnswerWithLogprobs as chatAnswer, chatStreamWithLogprobs as chatStream, ola, responsesAnswerWithLogprobs as responsesAnswer } from '../support/logprobs-answers.js';


const messages = [{ role: 'user' as const, content: 'Say hello in Portuguese' }];

function warningFeatures(response: Response): string[] {
  return (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
}

describe('an Ollama caller of an OpenAI Chat Completions upstream', () => {
  const setup = gatewayOverOneUpstream((baseUrl) => ({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' } },
    models: { gpt: [{ provider: 'oa', model: 'gpt-4.1' }], mini: [{ provider: 'oa', model: 'o4-mini' }] },
    retry: { attempts: 0 },
  }));

  test('asks with logprobs and top_logprobs, reports nothing left out, and gets the tokens as Ollama logprobs', async () => {
    setup.upstream.enqueue({ kind: 'json', body: chatAnswer() });
    const response = await fetch(`${setup.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt', messages, stream: false, logprobs: true, top_logprobs: 2 }),
    });
    assert.equal(response.status, 200);
    const sent = setup.upstream.requests[0]?.body as Record<string, unknown>;
    assert.equal(sent['logprobs'], true);
    assert.equal(sent['top_logprobs'], 2);
    assert.deepEqual(warningFeatures(response).filter((feature) => feature.includes('logprobs')), []);
    const answer = (await response.json()) as { message: { content: string }; logprobs?: unknown };
    assert.equal(answer.message.content, 'Olá!');
    assert.deepEqual(answer.logprobs, [ola, bang]);
  });

  test('streamed, each line carries the tokens of its text', async () => {
    setup.upstream.enqueue({ kind: 'stream', text: chatStream(), contentType: 'text/event-stream' });
    const stream = await new Ollama({ host: setup.url }).chat({ model: 'gpt', messages, stream: true, logprobs: true, top_logprobs: 2 });
    let text = '';
    const tokens: unknown[] = [];
    for await (const part of stream) {
      text += part.message.content;
      tokens.push(...(part.logprobs ?? []));
    }
    assert.equal(text, 'Olá!');
    assert.deepEqual(tokens, [ola, bang]);
    assert.equal((setup.upstream.requests[0]?.body as Record<string, unknown>)['logprobs'], true);
  });

  test('a model that refuses logprobs is not asked, and the caller is told', async () => {
    setup.upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });
    const response = await fetch(`${setup.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mini', messages, stream: false, logprobs: true, top_logprobs: 2 }),
    });
    assert.equal(response.status, 200);
    const sent = setup.upstream.requests[0]?.body as Record<string, unknown>;
    assert.equal(sent['logprobs'], undefined);
    assert.equal(sent['top_logprobs'], undefined);
    const features = warningFeatures(response);
    assert.ok(features.includes('logprobs'), features.join(', '));
  });
});

describe('an Ollama caller of an OpenAI Responses upstream', () => {
  const setup = gatewayOverOneUpstream((baseUrl) => ({
    providers: { oa: { dialect: 'openai-responses', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' } },
    models: { gpt: [{ provider: 'oa', model: 'gpt-4.1' }] },
    retry: { attempts: 0 },
  }));

  test('asks with top_logprobs and the logprobs includable, and gets the tokens as Ollama logprobs', async () => {
    setup.upstream.enqueue({ kind: 'json', body: responsesAnswer() });
    const response = await fetch(`${setup.url}/api/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt', prompt: 'Say hello in Portuguese', stream: false, logprobs: true, top_logprobs: 2 }),
    });
    assert.equal(response.status, 200);
    const sent = setup.upstream.requests[0]?.body as Record<string, unknown>;
    assert.equal(sent['top_logprobs'], 2);
    assert.deepEqual(sent['include'], ['message.output_text.logprobs']);
    assert.deepEqual(warningFeatures(response).filter((feature) => feature.includes('logprobs')), []);
    const answer = (await response.json()) as { response: string; logprobs?: unknown };
    assert.equal(answer.response, 'Olá!');
    assert.deepEqual(answer.logprobs, [ola, bang]);
  });
});
