/**
 * An upstream that answers a stream request with HTTP 200 and its stream headers, then sends only
 * SSE comments (`: keep-alive` every 200 ms) and never an event. Each comment restarts undici's
 * body timeout, so only the provider's `timeoutMs` from sending bounds the wait for the first event
 * (src/gateway/first-event-deadline.ts). Past it the caller, who has had nothing yet, gets the same
 * 504 in its own dialect as a non-streamed request to that upstream, the upstream connection is let
 * go, and a fallback deployment answers when there is one. Both paths: an OpenAI caller over an
 * OpenAI upstream (passed through: pass-through/relayed-stream.ts) and an Anthropic caller over it
 * (translated: upstream-events.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureText } from '../support/fixtures.js';
import { within } from '../support/within.js';
import type { UpstreamReply } from '../support/test-upstream.js';

const sseText = readFixtureText('openai-chat/fantasy-gpt4o-simple_streaming.response.sse');
/** The model the recorded stream names: a passed-through answer keeps it. */
const upstreamModel = 'gpt-4o-2024-08-06';

const setup = gatewayOverOneUpstream((upstreamUrl) => ({
  providers: {
    silent: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'k', timeoutMs: 1000 },
    steady: { dialect: 'openai-chat', baseUrl: `${upstreamUrl}/v1`, apiKey: 'k', timeoutMs: 1000 },
  },
  models: {
    alone: [{ provider: 'silent', model: 'gpt-4o' }],
    'with-fallback': [
      { provider: 'silent', model: 'gpt-4o' },
      { provider: 'steady', model: 'gpt-4o' },
    ],
  },
  retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
  // The silent deployment fails in every test: it must still be tried first in each.
  routing: { cooldown: false },
}));

const onlyComments: UpstreamReply = { kind: 'hang', firstFrame: ': hello\n\n', heartbeat: { frame: ': keep-alive\n\n', everyMs: 200 } };

/** Far above the 1 s `timeoutMs`, far below a hang. */
const patienceMs = 6000;

interface Answer {
  status: number;
  text: string;
}

const callers = {
  openai: { path: '/v1/chat/completions', headers: {}, body: (model: string, stream: boolean) => ({ model, stream, messages: [{ role: 'user', content: 'hi' }] }) },
  anthropic: {
    path: '/v1/messages',
    headers: { 'anthropic-version': '2023-06-01' },
    body: (model: string, stream: boolean) => ({ model, stream, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }),
  },
};

/** The whole answer, failing the test (and cancelling the call) should it not come within `patienceMs`. */
async function ask(caller: keyof typeof callers, model: string, stream: boolean): Promise<Answer> {
  const { path, headers, body } = callers[caller];
  const controller = new AbortController();
  const answer = (async () => {
    const response = await fetch(`${setup.url}${path}`, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body(model, stream)),
    });
    return { status: response.status, text: await response.text() };
  })();
  try {
    return await within(answer, patienceMs, `an answer to the ${caller} caller (stream ${stream})`);
  } finally {
    controller.abort();
    await answer.catch(() => {});
  }
}

test('an OpenAI caller passed through gets the 504 a non-streamed request gets, and the upstream is let go', async () => {
  setup.upstream.enqueue(onlyComments);
  const control = await ask('openai', 'alone', false);
  assert.equal(control.status, 504, control.text);

  setup.upstream.enqueue(onlyComments);
  const streamed = await ask('openai', 'alone', true);
  assert.equal(streamed.status, control.status, streamed.text);
  const body = JSON.parse(streamed.text) as { error: { message: string; code: string } };
  assert.equal(body.error.code, 'upstream_timeout');
  assert.match(body.error.message, /silent/);
  await within(setup.upstream.hangClosed, patienceMs, 'the upstream connection closing');
});

test('an Anthropic caller over the OpenAI upstream (translated) gets the 504 in its own dialect, and the upstream is let go', async () => {
  setup.upstream.enqueue(onlyComments);
  const control = await ask('anthropic', 'alone', false);
  assert.equal(control.status, 504, control.text);

  setup.upstream.enqueue(onlyComments);
  const streamed = await ask('anthropic', 'alone', true);
  assert.equal(streamed.status, control.status, streamed.text);
  const body = JSON.parse(streamed.text) as { type: string; error: { type: string; message: string } };
  assert.equal(body.type, 'error');
  assert.equal(body.error.type, JSON.parse(control.text).error.type);
  await within(setup.upstream.hangClosed, patienceMs, 'the upstream connection closing');
});

test('an OpenAI caller passed through is answered by the fallback deployment', async () => {
  setup.upstream.enqueue(onlyComments, { kind: 'stream', text: sseText });
  const answer = await ask('openai', 'with-fallback', true);
  assert.equal(answer.status, 200, answer.text);
  // The recorded stream as it came: passed through, naming the upstream's model, to its end.
  assert.match(answer.text, new RegExp(`"model":"${upstreamModel}"`));
  assert.match(answer.text, /data: \[DONE\]/);
  assert.equal(setup.upstream.requests.length, 2, 'the silent deployment, then the steady one');
});

test('an Anthropic caller over the OpenAI upstream (translated) is answered by the fallback deployment', async () => {
  setup.upstream.enqueue(onlyComments, { kind: 'stream', text: sseText });
  const answer = await ask('anthropic', 'with-fallback', true);
  assert.equal(answer.status, 200, answer.text);
  assert.match(answer.text, /event: message_start/);
  assert.match(answer.text, /"stop_reason":"end_turn"/);
  assert.match(answer.text, /event: message_stop/);
  assert.equal(setup.upstream.requests.length, 2, 'the silent deployment, then the steady one');
});
