/**
 * Calls still running at the shutdown drain deadline end with UNAVAILABLE, the status gRPC gives a
 * server shutting down (https://grpc.github.io/grpc/core/md_doc_statuscodes.html), with the gateway's
 * code `shutdown` in the trailers, in both services, unary and streamed alike. Before, the server's
 * forced shutdown reset them, and clients saw CANCELLED, as if they had cancelled themselves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { status, type ServiceError } from '@grpc/grpc-js';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { createGrpcGateway } from '../../src/grpc/grpc-gateway.js';
import { TestUpstream } from '../support/test-upstream.js';
import { chatHubClient, interlinguaClient, unary, withModel } from './support/grpc-clients.js';
import { within } from './support/raw-calls.js';

const generousMs = 15_000;
const roleChunk = `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }] })}\n\n`;

test('calls cut at the drain deadline end with UNAVAILABLE and the code shutdown', { timeout: 60_000 }, async (t) => {
  // Every answer is held: a stream after its first chunk, a whole answer before its headers.
  const upstream = await new TestUpstream().start();
  upstream.answerUnqueuedWith((request) => ((request.body as { stream?: boolean }).stream === true ? { kind: 'hang', firstFrame: roleChunk } : { kind: 'hang' }));
  t.after(() => upstream.stop());
  const config = resolveConfig({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' } },
    models: { m: [{ provider: 'oa', model: 'gpt-4o' }] },
    retry: { attempts: 0 },
  });
  const gateway = createGateway(config, { logger: silentLogger });
  const grpc = createGrpcGateway(gateway.services);
  const port = await grpc.listen(0, '127.0.0.1');
  const native = interlinguaClient(port);
  const chatHub = chatHubClient(port);
  t.after(() => {
    native.close();
    chatHub.close();
  });

  const messages = [{ role: 'ROLE_USER', content: [{ text: { text: 'Hello' } }] }];
  const streams = [native.Stream({ model: 'm', messages }), chatHub.StreamingChat({ prompt: 'Hello' }, withModel('m'))];
  const streamErrors = streams.map((call) => new Promise<ServiceError | undefined>((resolve) => (call.on('error', resolve), call.on('end', () => resolve(undefined)))));
  const unaryErrors = [unary(native.Complete, native, { model: 'm', messages }), unary(chatHub.Chat, chatHub, { prompt: 'Hello' }, withModel('m'))].map((reply) =>
    reply.then(
      () => undefined,
      (error: ServiceError) => error,
    ),
  );
  // Each stream has its first answer, and every call's request is at the upstream.
  await within(Promise.all(streams.map((call) => once(call, 'data'))), generousMs, 'the streams beginning');
  for (const call of streams) call.resume();
  await within(
    (async () => {
      while (upstream.requests.length < 4) await new Promise((resolve) => setImmediate(resolve));
    })(),
    generousMs,
    'every call reaching the upstream',
  );

  // A drain deadline of 20 ms cuts them all; the gRPC server's own deadline is far beyond the test.
  await Promise.all([gateway.close(20), grpc.close(600_000)]);
  const errors = await within(Promise.all([...streamErrors, ...unaryErrors]), generousMs, 'every call ending');
  for (const [index, error] of errors.entries()) {
    assert.equal(error?.code, status.UNAVAILABLE, `call ${index}: ${error?.details ?? 'ended without an error'}`);
    assert.deepEqual(error.metadata.get('x-interlingua-error-code'), ['shutdown'], `call ${index}`);
  }
});
