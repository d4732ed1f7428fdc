/**
 * What ChatHub's replies cost and how their calls are recorded: each reply repeats the whole answer
 * so far, so a burst of deltas goes out as one reply rather than one per delta (whose bytes grew
 * with the square of the answer); an answer over the send limit (`server.maxBodyBytes`, set as
 * grpc-js's `grpc.max_send_message_length`: https://app.unpkg.com/@grpc/grpc-js@1.14.3/files/build/src/channel-options.d.ts)
 * fails as a gateway error, recorded as such; a call ended by its deadline is recorded as a timeout,
 * not as a cancel.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { status, type ServiceError } from '@grpc/grpc-js';
import { queryUsage } from '../../src/usage/usage-query.js';
import { grpcGatewayOver, servedModel, type ServedGrpc } from './support/grpc-gateway-over.js';
import { chatHubClient, collect, unary, withModel, type ChatHubClient } from './support/grpc-clients.js';

type Answer = (response: ServerResponse) => void;

/** An OpenAI-compatible upstream that answers each request with the next queued answer. */
const answers: Answer[] = [];
let upstreamClosed: Promise<void> = Promise.resolve();
const upstream = createServer((request: IncomingMessage, response: ServerResponse) => {
  request.resume();
  request.on('end', () => {
    upstreamClosed = new Promise((resolve) => response.on('close', resolve));
    const answer = answers.shift();
    if (answer !== undefined) return answer(response);
    response.writeHead(500).end();
  });
});

function chunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
}

/** `count` deltas of `piece`, all in one write: the gateway reads them together. */
function burst(count: number, piece: string): Answer {
  return (response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const frames = Array.from({ length: count }, () => chunk({ content: piece }));
    frames.push(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: count, total_tokens: count + 3 } })}\n\n`);
    response.end(`${frames.join('')}data: [DONE]\n\n`);
  };
}

/** One delta, then nothing until the gateway hangs up. */
const hang: Answer = (response) => {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.write(chunk({ role: 'assistant', content: 'Hel' }));
};

function whole(text: string): Answer {
  return (response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id: 'c1', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 700, total_tokens: 703 } }));
  };
}

let served: ServedGrpc;
let client: ChatHubClient;
/** The same gateway with a 4 KiB message limit. */
let small: ServedGrpc;
let smallClient: ChatHubClient;

before(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  served = await grpcGatewayOver(url);
  client = chatHubClient(served.port);
  small = await grpcGatewayOver(url, { maxBodyBytes: 4096 });
  smallClient = chatHubClient(small.port);
});

after(async () => {
  client.close();
  smallClient.close();
  await served.close();
  await small.close();
  await new Promise((resolve) => upstream.close(resolve));
});

async function keyed(on: ServedGrpc, name: string) {
  const { key } = await on.gateway.services.keys.create({ name });
  return withModel(servedModel, { authorization: `Bearer ${key}` });
}

async function recorded(on: ServedGrpc, keyName: string) {
  await on.gateway.services.usage.flush();
  return queryUsage(await on.gateway.services.store.get(), { keyName });
}

test('deltas read together go out as one reply: a 64 KiB answer in 2,000 deltas is not sent 2,000 times', async () => {
  const piece = 'y'.repeat(32);
  answers.push(burst(2000, piece));
  const replies = (await collect(client.StreamingChat({ prompt: 'hi' }, withModel(servedModel)))).map((reply) => reply.response ?? '');
  const answer = piece.repeat(2000);
  assert.equal(replies.at(-1), answer, 'the last reply is the whole answer');
  replies.forEach((reply, index) => {
    if (index > 0) assert.ok(reply.startsWith(replies[index - 1] ?? '') && reply.length > (replies[index - 1]?.length ?? 0), 'each reply extends the one before');
  });
  const sent = replies.reduce((sum, reply) => sum + reply.length, 0);
  // One reply per delta sent 64 MiB, a thousand times the answer.
  assert.ok(replies.length < 200, `${replies.length} replies`);
  assert.ok(sent < 20 * answer.length, `${sent} bytes sent for a ${answer.length}-byte answer`);
});

test('the text read before a stream broke reaches the client ahead of the error', async () => {
  answers.push((response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    // An in-band error in the same write as the text: the gateway reads both at once.
    const error = `data: ${JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error' } })}\n\n`;
    response.end(['Hel', 'lo', ' there'].map((content) => chunk({ content })).join('') + error);
  });
  const seen: string[] = [];
  const call = client.StreamingChat({ prompt: 'hi' }, withModel(servedModel));
  call.on('data', (reply: { response?: string }) => seen.push(reply.response ?? ''));
  await assert.rejects(collect(call), (error: ServiceError) => error.code === status.UNAVAILABLE);
  assert.equal(seen.at(-1), 'Hello there');
});

test('a streamed answer over the send limit ends in RESOURCE_EXHAUSTED with the gateway trailers, recorded as failed and charged', async () => {
  const metadata = await keyed(small, 'grpc-long-stream');
  answers.push(burst(300, 'y'.repeat(32)));
  const seen: string[] = [];
  const call = smallClient.StreamingChat({ prompt: 'hi' }, metadata);
  call.on('data', (reply: { response?: string }) => seen.push(reply.response ?? ''));
  const failure = await collect(call).then(
    () => assert.fail('an answer over the limit was sent'),
    (error: ServiceError) => error,
  );
  assert.equal(failure.code, status.RESOURCE_EXHAUSTED, failure.details);
  // What fitted reaches the client ahead of the error, as on a stream that broke.
  assert.match(seen.at(-1) ?? '', /^y{3000,4090}$/);
  assert.match(failure.details, /4096 bytes, server\.maxBodyBytes/);
  assert.deepEqual(failure.metadata.get('x-interlingua-error-code'), ['request_too_large']);
  assert.deepEqual(failure.metadata.get('grpc-retry-pushback-ms'), ['-1']);
  const [record] = await recorded(small, 'grpc-long-stream');
  assert.equal(record?.status, 413);
  assert.equal(record?.errorCode, 'request_too_large');
  assert.equal(record?.deployment, 'oa/gpt-4o');
  assert.ok((record?.outputTokens ?? 0) > 0, 'the output the upstream wrote is counted');
});

test('a whole answer over the send limit is refused the same way, with the tokens the upstream counted', async () => {
  const metadata = await keyed(small, 'grpc-long-unary');
  answers.push(whole('z'.repeat(5000)));
  const failure = await unary(smallClient.Chat, smallClient, { prompt: 'hi' }, metadata).then(
    () => assert.fail('an answer over the limit was sent'),
    (error: ServiceError) => error,
  );
  assert.equal(failure.code, status.RESOURCE_EXHAUSTED, failure.details);
  assert.deepEqual(failure.metadata.get('x-interlingua-error-code'), ['request_too_large']);
  const [record] = await recorded(small, 'grpc-long-unary');
  assert.deepEqual([record?.status, record?.errorCode, record?.deployment, record?.outputTokens], [413, 'request_too_large', 'oa/gpt-4o', 700]);
});

test('an answer just under the send limit is sent whole', async () => {
  // 4,000 bytes of text: a 4,003-byte reply.
  answers.push(whole('z'.repeat(4000)));
  const reply = await unary(smallClient.Chat, smallClient, { prompt: 'hi' }, withModel(servedModel));
  assert.equal(reply.response?.length, 4000);
});

test('a call ended by its deadline is recorded as a timeout, one its caller cancels as cancelled', async () => {
  const timedOut = await keyed(served, 'grpc-deadline');
  answers.push(hang);
  const call = client.StreamingChat({ prompt: 'hi' }, timedOut, { deadline: Date.now() + 300 });
  await assert.rejects(collect(call), (error: ServiceError) => error.code === status.DEADLINE_EXCEEDED);
  await upstreamClosed;

  const cancelled = await keyed(served, 'grpc-cancel');
  answers.push(hang);
  const cancelledCall = client.StreamingChat({ prompt: 'hi' }, cancelled, { deadline: Date.now() + 60_000 });
  await new Promise((resolve) => cancelledCall.once('data', resolve));
  cancelledCall.on('error', () => {});
  const closed = upstreamClosed;
  cancelledCall.cancel();
  await closed;

  const [deadline] = await recorded(served, 'grpc-deadline');
  assert.deepEqual([deadline?.status, deadline?.errorCode, deadline?.deployment], [499, 'upstream_timeout', 'oa/gpt-4o']);
  assert.match(deadline?.errorMessage ?? '', /deadline/);
  const [cancel] = await recorded(served, 'grpc-cancel');
  assert.deepEqual([cancel?.status, cancel?.errorCode], [499, 'cancelled']);
});
