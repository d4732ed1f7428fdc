/**
 * What a caller may hold of the gRPC server, bounded by the HTTP server's own `server:` settings:
 * the calls a connection may open, a request that never arrives ended after `requestTimeoutMs` (and
 * its stream reset), calls past `maxConnections` refused until one ends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants as http2 } from 'node:http2';
import { status } from '@grpc/grpc-js';
import { resolveConfig } from '../../src/config/load.js';
import { grpcServerLimits, grpcServerOptions } from '../../src/grpc/grpc-server-options.js';
import { grpcGatewayOver } from './support/grpc-gateway-over.js';
import { closed, grpcFrame, openCall, rawConnection, statusOf, within } from './support/raw-calls.js';

/** No call here reaches an upstream: nothing listens at this address. */
const nowhere = 'http://127.0.0.1:9';
const check = '/grpc.health.v1.Health/Check';
const watch = '/grpc.health.v1.Health/Watch';

test('the gRPC limits are the HTTP server settings', () => {
  const { server } = resolveConfig({ server: { maxBodyBytes: 1234, requestTimeoutMs: 5000, maxConnections: 50, keepAliveTimeoutMs: 7000 }, providers: {} });
  const limits = grpcServerLimits(server);
  assert.deepEqual(limits, { maxMessageBytes: 1234, requestTimeoutMs: 5000, maxCalls: 50, idleTimeoutMs: 7000 });
  assert.deepEqual(grpcServerLimits(server, { maxCalls: 3 }).maxCalls, 3);
  const options = grpcServerOptions(limits);
  assert.equal(options['grpc.max_receive_message_length'], 1234);
  assert.equal(options['grpc.max_concurrent_streams'], 50, 'no more per connection than in all');
  assert.equal(options['grpc.max_connection_idle_ms'], 7000);
});

test('a connection is told how many calls it may open', async () => {
  const served = await grpcGatewayOver(nowhere);
  const session = await rawConnection(served.port);
  try {
    assert.equal(session.remoteSettings.maxConcurrentStreams, 1_000);
  } finally {
    session.destroy();
    await served.close();
  }
});

test('a call whose request does not arrive within server.requestTimeoutMs is ended; one whose request came is not', { timeout: 10_000 }, async () => {
  const served = await grpcGatewayOver(nowhere, { requestTimeoutMs: 100 });
  const session = await rawConnection(served.port);
  try {
    // The watch first: were its request time not stopped by its request, it would end first.
    const watching = openCall(session, watch);
    watching.end(grpcFrame());
    let watchEnded = false;
    void statusOf(watching).then(() => (watchEnded = true), () => (watchEnded = true));
    const headersOnly = openCall(session, check);
    const noHalfClose = openCall(session, check);
    noHalfClose.write(grpcFrame());
    const endings = [headersOnly, noHalfClose].map((stream) => within(statusOf(stream), 5_000, 'the end of a call without its whole request'));
    for (const ended of await Promise.all(endings)) {
      assert.equal(ended.code, status.DEADLINE_EXCEEDED);
      assert.match(ended.details, /requestTimeoutMs/);
    }
    // Nor do their streams stay open, holding memory and the connection's places, until the client ends them.
    for (const stream of [headersOnly, noHalfClose]) {
      await within(closed(stream), 5_000, 'the reset of a stream ended early');
      assert.equal(stream.rstCode, http2.NGHTTP2_NO_ERROR);
    }
    // One connection delivers in order: the watch's status would have come before theirs.
    assert.equal(watchEnded, false, 'the watch, whose request came, is still open');
    watching.close();
  } finally {
    session.destroy();
    await served.close();
  }
});

test('calls past server.maxConnections are refused until one ends', async () => {
  const served = await grpcGatewayOver(nowhere, { maxConnections: 2 });
  const holder = await rawConnection(served.port);
  const other = await rawConnection(served.port);
  try {
    const held = [openCall(holder, check), openCall(holder, check)];
    // A ping's answer follows the server's reading of the frames before it: both calls are open there.
    await new Promise((resolve) => holder.ping(resolve));
    // Refused at its headers, and its stream reset rather than left for the client to end.
    const refused = openCall(other, check);
    const refusal = await statusOf(refused);
    assert.equal(refusal.code, status.RESOURCE_EXHAUSTED, refusal.details);
    assert.match(refusal.details, /maxConnections/);
    await within(closed(refused), 5_000, 'the reset of a refused stream');
    // One held call sends its request and is answered: its place is free for the next call.
    const first = held[0]!;
    first.end(grpcFrame());
    assert.equal((await statusOf(first)).code, status.OK);
    const admitted = openCall(other, check);
    admitted.end(grpcFrame());
    assert.equal((await statusOf(admitted)).code, status.OK);
  } finally {
    holder.destroy();
    other.destroy();
    await served.close();
  }
});
