/**
 * Several answers (`n`) asked by an OpenAI caller of OpenAI-compatible providers whose answers the
 * gateway reads rather than forwards (presets with quirks: xAI, Groq). A whole answer comes back with
 * every choice the upstream wrote; a stream, decoded for its first choice alone, is asked for one,
 * and so is Groq, which takes no `n` above 1 (https://console.groq.com/docs/openai): each time the
 * caller is told. Upstream requests are judged by the vendors' rules (test/support/vendor-rules).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';
import { warningsOf } from './support/warnings-header.js';

let upstream: TestUpstream;
let gateway: Gateway;
let client: OpenAI;

before(async () => {
  upstream = await new TestUpstream({ vendor: (request) => (request.url.startsWith('/openai/') ? 'groq' : 'xai') }).start();
  const config = resolveConfig({
    providers: {
      xai: { dialect: 'xai', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'xai-key' },
      groq: { dialect: 'groq', baseUrl: `${upstream.baseUrl}/openai/v1`, apiKey: 'gsk-key' },
    },
    models: { grok: [{ provider: 'xai', model: 'grok-4' }], llama: [{ provider: 'groq', model: 'llama-3.3-70b-versatile' }] },
    retry: { attempts: 0 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  client = new OpenAI({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}/v1`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  // Both stop even when the upstream reports what its judge refused, which then fails the file.
  const stopped = await Promise.allSettled([gateway.close(0), upstream.stop()]);
  for (const result of stopped) if (result.status === 'rejected') throw result.reason;
});
beforeEach(() => upstream.reset());

interface WireChoice {
  index: number;
  message: { role: string; content: string };
  finish_reason: string;
}

/**
 * A recorded completion (test/fixtures/recorded/openai-chat/fantasy-gpt4o-simple.response.json) with
 * a second choice beside its first, as `n: 2` is answered: one object per choice, each with its
 * `index` (https://platform.openai.com/docs/api-reference/chat/object, `choices`).
 */
function twoChoiceAnswer(): Record<string, unknown> {
  const recorded = readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') as { choices: WireChoice[] } & Record<string, unknown>;
  const [first] = recorded.choices;
  assert.ok(first !== undefined);
  return { ...recorded, choices: [first, { ...first, index: 1, message: { ...first.message, content: 'Olá!' } }] };
}

const ask = { messages: [{ role: 'user' as const, content: 'Say hello in Portuguese.' }], n: 2 };

test('a whole answer with two choices reaches an OpenAI caller with both, through a provider with quirks', async () => {
  upstream.enqueue({ kind: 'json', body: twoChoiceAnswer() });
  const { data, response } = await client.chat.completions.create({ model: 'grok', ...ask }).withResponse();
  assert.equal((upstream.requests[0]?.body as { n?: number }).n, 2);
  assert.deepEqual(
    data.choices.map((choice) => [choice.index, choice.message.content]),
    [
      [0, 'Oi!'],
      [1, 'Olá!'],
    ],
  );
  assert.ok(!warningsOf(response.headers).some((warning) => warning.feature === 'candidate_count'));
});

test('a stream the gateway reads is asked for one choice, and the caller is told', async () => {
  upstream.enqueue({ kind: 'stream', text: readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse') });
  const { data, response } = await client.chat.completions.create({ model: 'grok', stream: true, ...ask }).withResponse();
  let text = '';
  for await (const chunk of data) text += chunk.choices[0]?.delta.content ?? '';
  assert.notEqual(text, '');
  assert.equal((upstream.requests[0]?.body as { n?: number }).n, undefined);
  assert.ok(warningsOf(response.headers).some((warning) => warning.feature === 'candidate_count'));
});

test('Groq, which takes no n above 1, is asked for one, and the caller is told', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('openai-chat/fantasy-gpt4o-simple.response.json') });
  const { data, response } = await client.chat.completions.create({ model: 'llama', ...ask }).withResponse();
  assert.equal(data.choices.length, 1);
  assert.equal((upstream.requests[0]?.body as { n?: number }).n, 1);
  assert.ok(warningsOf(response.headers).some((warning) => warning.feature === 'candidate_count'));
});
