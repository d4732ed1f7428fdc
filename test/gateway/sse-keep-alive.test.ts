/**
 * SSE callers get a comment (`: keep-alive`) when nothing has been written to them for a while
 * (sse-keep-alive.ts), so a proxy's read timeout does not cut a translated stream whose upstream
 * sends only keep-alives of its own. Comments are ignored by every SSE parser: "If the line starts
 * with a U+003A COLON character (:) — Ignore the line." (WHATWG HTML, "Interpreting an event stream",
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation); the
 * official SDKs are driven through such a gap here to show they skip it. NDJSON callers have no
 * comments and get none, nor do Gemini callers, several of whose SDKs read a comment as an event.
 */
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import { once, EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { writeStream } from '../../src/gateway/stream-writer.js';
import { keepAliveComment, SseKeepAlive } from '../../src/gateway/sse-keep-alive.js';
import { dialects } from '../../src/dialects/registry.js';
import type { StreamEvent } from '../../src/interlingua/stream-event.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { UpstreamDialectName } from '../../src/config/schema.js';

const request: ChatRequest = { model: 'smart', system: [], messages: [], sampling: {}, stream: true, streamUsage: true };
const keepAliveMs = 40;
const wantedComments = 3;

/**
 * A gateway stand-in that writes a translated stream in `dialect`: "Hello", then a gap (the
 * upstream sending only its own pings) until the caller was sent `wantedComments` comments (or
 * two seconds passed without them), then " world" and the finish.
 */
async function gappedStreamServer(t: { after(fn: () => unknown): void }, dialect: UpstreamDialectName, contentType: string, readsComments = true) {
  const comments = new EventEmitter();
  let count = 0;
  const server = createServer((_incoming, response: ServerResponse) => {
    const write = response.write.bind(response) as (chunk: unknown) => boolean;
    response.write = ((chunk: unknown) => {
      if (chunk === keepAliveComment && ++count >= wantedComments) comments.emit('enough');
      return write(chunk);
    }) as typeof response.write;
    let gapped = false;
    const rest: AsyncIterator<StreamEvent[], undefined> = {
      next: async () => {
        if (gapped) return { done: true, value: undefined };
        gapped = true;
        const guard = new AbortController();
        await Promise.race([once(comments, 'enough', { signal: guard.signal }), new Promise((resolve) => setTimeout(resolve, 2_000, undefined).unref())]).catch(() => {});
        guard.abort();
        return {
          done: false,
          value: [{ type: 'text-delta', id: 't', delta: ' world' }, { type: 'text-end', id: 't' }, { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: 2, outputTokens: 2 } }],
        };
      },
    };
    const first: StreamEvent[] = [{ type: 'response-start', id: 'resp_1', model: 'smart' }, { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'Hello' }];
    void writeStream({ first, rest }, {
      response,
      encoder: dialects[dialect].createStreamEncoder({ requestedModel: 'smart', request }),
      framing: 'text',
      headers: { 'content-type': contentType },
      keepAliveMs,
      readsComments,
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, comments: () => count };
}

test('the OpenAI SDK reads a translated stream through a silent gap, kept alive by comments', async (t) => {
  const gateway = await gappedStreamServer(t, 'openai-chat', 'text/event-stream; charset=utf-8');
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'caller', maxRetries: 0 });
  const stream = await client.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }], stream: true });
  let text = '';
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    finish ??= chunk.choices[0]?.finish_reason;
  }
  assert.ok(gateway.comments() >= wantedComments, `${gateway.comments()} keep-alive comments during the gap`);
  assert.deepEqual({ text, finish }, { text: 'Hello world', finish: 'stop' });
});

test('the Anthropic SDK reads a translated stream through a silent gap, kept alive by comments', async (t) => {
  const gateway = await gappedStreamServer(t, 'anthropic', 'text/event-stream; charset=utf-8');
  const client = new Anthropic({ baseURL: gateway.url, apiKey: 'caller', maxRetries: 0 });
  const stream = client.messages.stream({ model: 'smart', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
  const message = await stream.finalMessage();
  assert.ok(gateway.comments() >= wantedComments, `${gateway.comments()} keep-alive comments during the gap`);
  assert.deepEqual(
    message.content.map((block) => (block.type === 'text' ? block.text : block.type)),
    ['Hello world'],
  );
  assert.equal(message.stop_reason, 'end_turn');
});

test('a caller whose client does not skip comments (Gemini: python-genai, @google/generative-ai) gets none, however long the gap', async (t) => {
  const gateway = await gappedStreamServer(t, 'gemini', 'text/event-stream; charset=utf-8', false);
  const client = new GoogleGenAI({ apiKey: 'caller', httpOptions: { baseUrl: gateway.url } });
  const stream = await client.models.generateContentStream({ model: 'smart', contents: 'hi' });
  let text = '';
  for await (const chunk of stream) text += chunk.text ?? '';
  assert.equal(gateway.comments(), 0);
  assert.equal(text, 'Hello world');
});

test('Gemini callers, of the Gemini API or of Vertex, are the SSE callers whose clients do not skip comments', () => {
  assert.equal(dialects.gemini.clientsSkipSseComments, false);
  for (const name of ['openai-chat', 'openai-responses', 'anthropic'] as const) assert.notEqual(dialects[name].clientsSkipSseComments, false, name);
});

test('an NDJSON caller (Ollama) gets no comments, however long the gap', async (t) => {
  const gateway = await gappedStreamServer(t, 'ollama', 'application/x-ndjson');
  const answer = await fetch(`${gateway.url}/api/chat`, { method: 'POST', body: '{}' });
  const body = await answer.text();
  assert.equal(gateway.comments(), 0);
  const lines = body.trim().split('\n').map((line) => JSON.parse(line) as { done?: boolean });
  assert.equal(lines.at(-1)?.done, true);
});

test('one timer per stream: a comment only after a full interval without writes, none once stopped', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  try {
    const written: string[] = [];
    const response = { destroyed: false, writableEnded: false, writableNeedDrain: false, write: (chunk: string) => written.push(chunk) };
    const keepAlive = new SseKeepAlive(response as unknown as ServerResponse, 15_000);
    mock.timers.tick(14_999);
    assert.equal(written.length, 0);
    mock.timers.tick(1);
    assert.deepEqual(written, [keepAliveComment]);
    // A write at 20 s puts the next comment at 35 s, not 30 s.
    mock.timers.tick(5_000);
    keepAlive.wrote();
    mock.timers.tick(14_999);
    assert.equal(written.length, 1);
    mock.timers.tick(1);
    assert.equal(written.length, 2);
    // A caller whose socket is full is sent nothing.
    response.writableNeedDrain = true;
    mock.timers.tick(15_000);
    assert.equal(written.length, 2);
    response.writableNeedDrain = false;
    keepAlive.stop();
    mock.timers.tick(60_000);
    assert.equal(written.length, 2);
  } finally {
    mock.timers.reset();
  }
});
