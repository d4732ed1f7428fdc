/**
 * A stream request answered with one whole JSON document (`content-type: application/json`): the
 * upstream ignored `stream: true`, or failed under HTTP 200. The answer reaches the caller as the
 * stream it asked for, with its usage recorded, on the pass-through and the parsing path alike; an
 * error body is the upstream's error, failed over as an error status would be. Before, every such
 * answer ended as "stream ended before finish_reason".
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixtureText } from '../support/fixtures.js';
import { loggedSetup } from './support/logged-setup.js';

/** 20 input and 2 output tokens. */
const openaiJson = readFixtureText('openai-chat/fantasy-gpt4o-simple.response.json');
const openaiText = (JSON.parse(openaiJson) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content;

const setup = loggedSetup('json-streams', (baseUrl: string) => ({
  providers: { oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'upstream-key' } },
  models: {
    gpt: [{ provider: 'oa', model: 'gpt-4o' }],
    // One for each path: a deployment that failed cools down.
    'gpt-twice': [{ provider: 'oa', model: 'gpt-4o-mini' }, { provider: 'oa', model: 'gpt-4.1' }],
    'gpt-twice-parsed': [{ provider: 'oa', model: 'gpt-4.1-mini' }, { provider: 'oa', model: 'gpt-4.1' }],
  },
  auth: { required: true },
  retry: { attempts: 0 },
}));

function post(path: string, key: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${setup.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ max_tokens: 50, messages: [{ role: 'user', content: 'Say hi in Portuguese' }], stream: true, ...body }),
  });
}

/** The `data:` payloads of an SSE text. */
function dataOf(sse: string): string[] {
  return sse
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice('data: '.length));
}

describe('a whole JSON answer to a stream request', () => {
  test('passed through: the caller gets its own dialect\'s stream of it, the usage chunk held back as it did not ask, and the usage recorded', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'json', body: openaiJson });
    const response = await post('/v1/chat/completions', key, { model: 'gpt' });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const data = dataOf(await response.text());
    assert.equal(data.at(-1), '[DONE]');
    const chunks = data.slice(0, -1).map((payload) => JSON.parse(payload) as { choices: Array<{ delta: { content?: string }; finish_reason: string | null }> });
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), openaiText);
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'stop');
    assert.ok(chunks.every((chunk) => chunk.choices.length > 0), 'no usage chunk: the caller did not ask for one');
    assert.match(response.headers.get('x-interlingua-warnings') ?? '', /one whole JSON answer/);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, input: record?.inputTokens, output: record?.outputTokens, stream: record?.stream }, { status: 200, input: 20, output: 2, stream: true });
  });

  test('parsed for another dialect: an Anthropic caller gets a Messages stream of it', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'json', body: openaiJson });
    const response = await post('/v1/messages', key, { model: 'gpt' });
    assert.equal(response.status, 200);
    const events = dataOf(await response.text()).map((payload) => JSON.parse(payload) as { type: string; delta?: { text?: string } });
    assert.equal(events[0]?.type, 'message_start');
    assert.equal(events.at(-1)?.type, 'message_stop');
    assert.equal(events.map((event) => event.delta?.text ?? '').join(''), openaiText);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, input: record?.inputTokens, output: record?.outputTokens }, { status: 200, input: 20, output: 2 });
  });

  test("an error body is the upstream's error, in the caller's dialect: a refusal of the request is not retried", async () => {
    for (const path of ['/v1/chat/completions', '/v1/messages']) {
      const { key } = await setup.newKey();
      setup.upstream.reset();
      // OpenAI's error shape (https://platform.openai.com/docs/guides/error-codes), sent under HTTP 200.
      setup.upstream.enqueue({ kind: 'json', body: { error: { message: "Invalid 'max_tokens': too large.", type: 'invalid_request_error', param: 'max_tokens', code: null } } });
      const response = await post(path, key, { model: 'gpt' });
      assert.equal(response.status, 400, path);
      assert.match(JSON.stringify(await response.json()), /Invalid 'max_tokens': too large\./, path);
      assert.equal(setup.upstream.requests.length, 1, path);
    }
  });

  test("an error body that names the upstream's fault fails over to the next deployment", async () => {
    for (const [path, model] of [['/v1/chat/completions', 'gpt-twice'], ['/v1/messages', 'gpt-twice-parsed']] as const) {
      const { key } = await setup.newKey();
      setup.upstream.reset();
      // OpenRouter's failure under HTTP 200 (langchain-ai/langchain#40380).
      setup.upstream.enqueue({ kind: 'json', body: { error: { code: 502, message: 'Upstream error from provider' } } });
      setup.upstream.enqueue({ kind: 'stream', text: readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse') });
      const response = await post(path, key, { model });
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('x-interlingua-deployment'), 'oa/gpt-4.1', path);
      assert.ok((await response.text()).length > 0);
      assert.equal(setup.upstream.requests.length, 2, path);
    }
  });
});
