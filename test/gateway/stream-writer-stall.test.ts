/**
 * A caller that stops reading a stream is cut once its socket has stayed full for the write
 * deadline (stream-writer.ts, `drained`): its response is destroyed and the upstream's events are
 * let go of, so the upstream connection it held goes back to the provider's pool. Backpressure
 * itself still holds: while the caller does not read, the writer stops pulling events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { writeStream } from '../../src/gateway/stream-writer.js';
import { dialects } from '../../src/dialects/registry.js';
import type { StreamEvent } from '../../src/interlingua/stream-event.js';
import type { ChatRequest } from '../../src/interlingua/request.js';

const request: ChatRequest = { model: 'smart', system: [], messages: [], sampling: {}, stream: true, streamUsage: true };

/** An upstream that never ends: 64 KiB of text per batch, counting what was pulled and whether it was let go of. */
function endlessText() {
  const seen = { pulled: 0, returned: false };
  const text = 'x'.repeat(64 * 1024);
  const rest: AsyncIterator<StreamEvent[], undefined> = {
    next: async () => {
      seen.pulled++;
      return { done: false, value: [{ type: 'text-delta', id: 't', delta: text }] };
    },
    return: async () => {
      seen.returned = true;
      return { done: true, value: undefined };
    },
  };
  const first: StreamEvent[] = [{ type: 'response-start', id: 'r', model: 'smart' }, { type: 'text-start', id: 't' }];
  return { opened: { first, rest }, seen };
}

test('a caller that stops reading is cut at the write deadline, and the upstream is let go of', { timeout: 20_000 }, async (t) => {
  const { opened, seen } = endlessText();
  let served: Promise<void> | undefined;
  let answer: ServerResponse | undefined;
  const server = createServer((_incoming, response) => {
    answer = response;
    served = writeStream(opened, {
      response,
      encoder: dialects['openai-chat'].createStreamEncoder({ requestedModel: 'smart', request }),
      framing: 'text',
      headers: { 'content-type': 'text/event-stream; charset=utf-8' },
      stallMs: 300,
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const { port } = server.address() as AddressInfo;

  // A caller that sends its request and never reads the answer.
  const socket = connect(port, '127.0.0.1');
  t.after(() => socket.destroy());
  socket.pause();
  socket.write('POST /v1/chat/completions HTTP/1.1\r\nhost: gateway\r\ncontent-length: 0\r\n\r\n');
  const closed = once(socket, 'close');
  socket.on('error', () => {});

  while (served === undefined) await new Promise((resolve) => setImmediate(resolve));
  await served;
  assert.equal(answer?.destroyed, true, 'the stalled caller is cut');
  assert.equal(seen.returned, true, 'the upstream events are let go of');
  // Backpressure held the upstream: only what fits the socket buffers was pulled (a few MB), not an endless stream.
  assert.ok(seen.pulled < 200, `pulled ${seen.pulled} batches of 64 KiB while the caller read nothing`);
  socket.resume();
  await closed;
});

test('a caller that reads slowly but steadily is never cut', { timeout: 20_000 }, async (t) => {
  const text = 'y'.repeat(64 * 1024);
  let left = 20;
  const rest: AsyncIterator<StreamEvent[], undefined> = {
    next: async () => {
      if (left-- > 0) return { done: false, value: [{ type: 'text-delta', id: 't', delta: text }] };
      return { done: false, value: [{ type: 'text-end', id: 't' }, { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: 1, outputTokens: 1 } }] };
    },
  };
  const opened = { first: [{ type: 'response-start', id: 'r', model: 'smart' }, { type: 'text-start', id: 't' }] as StreamEvent[], rest };
  const server = createServer((_incoming, response) => {
    void writeStream(opened, {
      response,
      encoder: dialects['openai-chat'].createStreamEncoder({ requestedModel: 'smart', request }),
      framing: 'text',
      headers: { 'content-type': 'text/event-stream; charset=utf-8' },
      stallMs: 1_000,
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const { port } = server.address() as AddressInfo;
  const socket = connect(port, '127.0.0.1');
  t.after(() => socket.destroy());
  socket.write('POST /v1/chat/completions HTTP/1.1\r\nhost: gateway\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  // Reads a chunk every 100 ms: each pause is well under the deadline, the whole read well over it.
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
    socket.pause();
    setTimeout(() => socket.resume(), 100).unref();
  });
  await once(socket, 'end');
  assert.match(received, /data: \[DONE\]/);
});
