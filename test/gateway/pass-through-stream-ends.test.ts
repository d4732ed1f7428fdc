/**
 * Where a stream ends for its caller: at the upstream dialect's terminal event, relayed or
 * translated, whatever the upstream does after it (stays silent without closing, times out); at
 * the upstream's own in-band error frame, recorded with that error; and, when the upstream is cut
 * in the middle of a frame, with the gateway's in-band error alone, the half frame left out, so
 * that the caller's SDK reads the error rather than choking on broken JSON. The answers are the
 * recorded fixtures (test/fixtures/recorded/openai-chat/fantasy-gpt4o-simple_streaming.response.sse:
 * 20 input and 2 output tokens; anthropic/fantasy-sonnet4-simple_streaming.response.sse: 16 and 38).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { readFixtureText } from '../support/fixtures.js';
import { passThroughSetup } from './support/pass-through-setup.js';

const openaiText = readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse');
const anthropicText = readFixtureText('anthropic/fantasy-sonnet4-simple_streaming.response.sse');
/** The provider's timeout: a caller held after the terminal event would be held this long, and then told of a failure. */
const timeoutMs = 1500;
/** Well within `timeoutMs`: a stream ended at its terminal event ends this soon. */
const promptly = 1000;

/** The Anthropic stream up to its first text delta: what came before an error frame or a cut. */
const anthropicFrames = anthropicText.split(/(?<=\n\n)/).filter((frame) => frame.trim().length > 0);
const anthropicOpening = anthropicFrames.slice(0, 4).join('');
// https://docs.anthropic.com/en/api/messages-streaming#error-events
const overloadedFrame = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';

const setup = passThroughSetup('stream-ends', (baseUrl: string) => ({
  providers: {
    oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'upstream-key', timeoutMs },
    an: { dialect: 'anthropic', baseUrl, apiKey: 'upstream-key', timeoutMs },
  },
  models: {
    chat: [{ provider: 'oa', model: 'gpt-4o' }],
    claude: [{ provider: 'an', model: 'claude-sonnet-4-20250514' }],
  },
  auth: { required: true },
  retry: { attempts: 0 },
  routing: { cooldown: false },
}));

function openaiChat(key: string): Promise<Response> {
  return fetch(`${setup.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Say hi in Portuguese' }] }),
  });
}

function anthropicMessages(key: string, model: string): Promise<Response> {
  return fetch(`${setup.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream: true, max_tokens: 256, messages: [{ role: 'user', content: 'Say hi in Portuguese' }] }),
  });
}

/** The body's text and how long after `started` it ended. */
async function timedText(response: Response, started: number): Promise<{ text: string; milliseconds: number }> {
  const text = await response.text();
  return { text, milliseconds: Date.now() - started };
}

function anthropicClient(key: string): Anthropic {
  return new Anthropic({ baseURL: setup.url, apiKey: key, maxRetries: 0 });
}

describe('a stream ends for its caller at the upstream\'s terminal event', () => {
  test('relayed OpenAI Chat: at [DONE], though the upstream keeps its connection open; recorded as a success', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'hang', firstFrame: openaiText });
    const started = Date.now();
    const { text, milliseconds } = await timedText(await openaiChat(key), started);
    assert.equal(text, openaiText);
    assert.ok(milliseconds < promptly, `ended after ${milliseconds} ms`);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, error: record?.errorCode, input: record?.inputTokens, output: record?.outputTokens }, { status: 200, error: undefined, input: 20, output: 2 });
  });

  test('relayed OpenAI Chat without [DONE]: a moment after its usage chunk', async () => {
    const { key, name } = await setup.newKey();
    const withoutDone = openaiText.replace('data: [DONE]\n\n', '');
    assert.notEqual(withoutDone, openaiText);
    setup.upstream.enqueue({ kind: 'hang', firstFrame: withoutDone });
    const { text, milliseconds } = await timedText(await openaiChat(key), Date.now());
    assert.equal(text, withoutDone);
    assert.ok(milliseconds < promptly, `ended after ${milliseconds} ms`);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, error: record?.errorCode, output: record?.outputTokens }, { status: 200, error: undefined, output: 2 });
  });

  test('relayed Anthropic: at message_stop, and the SDK reads the whole message', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'hang', firstFrame: anthropicText });
    const started = Date.now();
    const message = await anthropicClient(key).messages.stream({ model: 'claude', max_tokens: 256, messages: [{ role: 'user', content: 'Say hi in Portuguese' }] }).finalMessage();
    assert.ok(Date.now() - started < promptly, `ended after ${Date.now() - started} ms`);
    assert.equal(message.stop_reason, 'end_turn');
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, error: record?.errorCode, input: record?.inputTokens, output: record?.outputTokens }, { status: 200, error: undefined, input: 16, output: 38 });
  });

  test('translated (an Anthropic caller, an OpenAI upstream): at the finish, with no error after message_stop', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'hang', firstFrame: openaiText });
    const { text, milliseconds } = await timedText(await anthropicMessages(key, 'chat'), Date.now());
    assert.match(text, /event: message_stop\ndata: \{"type":"message_stop"\}\n\n$/);
    assert.doesNotMatch(text, /event: error/);
    assert.ok(milliseconds < promptly, `ended after ${milliseconds} ms`);
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, error: record?.errorCode, output: record?.outputTokens }, { status: 200, error: undefined, output: 2 });
  });
});

describe('a relayed upstream error frame ends the caller\'s stream', () => {
  test('the caller gets the frame and the end at once, though the upstream stays open', async () => {
    const { key } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'hang', firstFrame: anthropicOpening + overloadedFrame });
    const { text, milliseconds } = await timedText(await anthropicMessages(key, 'claude'), Date.now());
    assert.equal(text, anthropicOpening + overloadedFrame);
    assert.ok(milliseconds < promptly, `ended after ${milliseconds} ms`);
  });

  test('the SDK raises the upstream\'s error, and the request is recorded with it, not as cancelled', async () => {
    const { key, name } = await setup.newKey();
    setup.upstream.enqueue({ kind: 'hang', firstFrame: anthropicOpening + overloadedFrame });
    const stream = anthropicClient(key).messages.stream({ model: 'claude', max_tokens: 256, messages: [{ role: 'user', content: 'Say hi in Portuguese' }] });
    await assert.rejects(stream.finalMessage(), (error: unknown) => error instanceof Anthropic.APIError && /Overloaded/.test(error.message));
    const [record] = await setup.recordsOf(name);
    assert.deepEqual({ status: record?.status, error: record?.errorCode }, { status: 200, error: 'overloaded' });
  });
});

test('a relayed stream cut in the middle of a frame: the SDK raises the gateway\'s in-band error, not a JSON error', async () => {
  const { key, name } = await setup.newKey();
  const next = anthropicFrames[4] ?? '';
  const chunks = [anthropicOpening, next.slice(0, Math.floor(next.length / 2))].map((text) => Buffer.from(text, 'utf8'));
  setup.upstream.enqueue({ kind: 'binary-stream', chunks, contentType: 'text/event-stream', cutAfterChunks: chunks.length });
  const stream = anthropicClient(key).messages.stream({ model: 'claude', max_tokens: 256, messages: [{ role: 'user', content: 'Say hi in Portuguese' }] });
  await assert.rejects(stream.finalMessage(), (error: unknown) => error instanceof Anthropic.APIError && /broke off/.test(error.message));
  const [record] = await setup.recordsOf(name);
  assert.equal(record?.errorCode, 'stream_interrupted');
});

test('an Anthropic caller told 529 for an upstream overload is recorded with 529', async () => {
  const { key, name } = await setup.newKey();
  setup.upstream.enqueue({ kind: 'json', status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
  const response = await anthropicMessages(key, 'claude');
  assert.equal(response.status, 529);
  await response.text();
  const [record] = await setup.recordsOf(name);
  assert.deepEqual({ status: record?.status, error: record?.errorCode }, { status: 529, error: 'overloaded' });
});
