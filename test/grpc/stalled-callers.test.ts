/**
 * A gRPC client that stops reading its stream is cut as an HTTP caller is (stream-writer.ts,
 * `writeStallMsFor`): after the provider's `timeoutMs` (here 300 ms) of not reading, its upstream
 * request is aborted, so the connection goes back to the provider's pool, its call is reset, and
 * its usage is recorded as `cancelled`. Without the cut the upstream stayed held for as long as the
 * client kept its connection: two such clients on a provider with `maxConnections: 2` starved every
 * other caller.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, constants as http2Constants } from 'node:http2';
import { once } from 'node:events';
import { status, type ServiceError } from '@grpc/grpc-js';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { createGrpcGateway } from '../../src/grpc/grpc-gateway.js';
import { openStore } from '../../src/store/open-store.js';
import { queryUsage } from '../../src/usage/usage-query.js';
import { TestUpstream } from '../support/test-upstream.js';
import { interlinguaClient } from './support/grpc-clients.js';
import { grpcFrame, within } from './support/raw-calls.js';

/** Bounds for what must happen at all; the cut itself comes after 300 ms of not reading. */
const generousMs = 15_000;

function chunk(delta: Record<string, string>): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
}

/** An OpenAI stream that never ends: 16 KiB of text every 5 ms, for as long as the gateway reads it. */
const endlessAnswer = { kind: 'hang', firstFrame: chunk({ role: 'assistant', content: '' }), heartbeat: { frame: chunk({ content: 'x'.repeat(16 * 1024) }), everyMs: 5 } } as const;

/**
 * A gateway whose one provider gives up after 300 ms, in front of an upstream that answers without
 * end, recording usage to a fresh SQLite file. Everything is closed after the test, passed or not.
 */
async function servedWithPatience(t: TestContext) {
  const upstream = await new TestUpstream().start();
  upstream.enqueue(endlessAnswer);
  const path = join(mkdtempSync(join(tmpdir(), 'interlingua-grpc-stall-')), 'gateway.sqlite');
  const config = resolveConfig({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test', timeoutMs: 300 } },
    models: { m: [{ provider: 'oa', model: 'gpt-4o' }] },
    retry: { attempts: 0 },
    database: { url: path },
  });
  const gateway = createGateway(config, { logger: silentLogger });
  await gateway.openStore();
  const grpc = createGrpcGateway(gateway.services);
  const port = await grpc.listen(0, '127.0.0.1');
  let closing: Promise<unknown> | undefined;
  const close = () => (closing ??= Promise.all([gateway.close(0), grpc.close(0)]));
  t.after(async () => {
    await close();
    await upstream.stop();
  });
  return {
    upstream,
    port,
    /** Shuts the gateway down, then reads back the usage it recorded. */
    async closeAndReadUsage() {
      await close();
      const store = await openStore({ kind: 'sqlite', path });
      try {
        return await queryUsage(store, { model: 'm' });
      } finally {
        await store.close();
      }
    },
  };
}

test('a ChatHub client that stops reading has its upstream request aborted and its call reset, recorded as cancelled', { timeout: 60_000 }, async (t) => {
  const { upstream, port, closeAndReadUsage } = await servedWithPatience(t);
  // As a raw client that never reads: the request, then nothing, with a small flow-control window.
  const session = connect(`http://127.0.0.1:${port}`, { settings: { initialWindowSize: 1024 } });
  session.on('error', () => {});
  t.after(() => session.destroy());
  const prompt = Buffer.from('Hello');
  const stream = session.request({ ':method': 'POST', ':path': '/aihub.ChatHub/StreamingChat', 'content-type': 'application/grpc', te: 'trailers', 'x-model': 'm' });
  stream.on('error', () => {});
  stream.end(grpcFrame(Buffer.concat([Buffer.from([0x0a, prompt.length]), prompt])));
  stream.pause();
  const closed = once(stream, 'close');
  await within(once(stream, 'response'), generousMs, 'the answer beginning');
  await within(upstream.hangClosed, generousMs, 'the upstream connection closing');
  await within(closed, generousMs, 'the call ending');
  assert.equal(stream.rstCode, http2Constants.NGHTTP2_CANCEL, 'reset with CANCEL: no status can pass the replies left unread');
  session.destroy();
  const records = await closeAndReadUsage();
  assert.deepEqual(records.map((record) => [record.caller, record.status, record.errorCode, record.deployment]), [['chathub', 499, 'cancelled', 'oa/gpt-4o']]);
});

test('an interlingua.v1 client that pauses its stream is cut likewise, and sees CANCELLED', { timeout: 60_000 }, async (t) => {
  const { upstream, port, closeAndReadUsage } = await servedWithPatience(t);
  const client = interlinguaClient(port);
  t.after(() => client.close());
  const call = client.Stream({ model: 'm', messages: [{ role: 'ROLE_USER', content: [{ text: { text: 'Hello' } }] }] });
  const failed = new Promise<ServiceError>((resolve) => call.on('error', resolve));
  // One event read, then none: grpc-js's buffer fills, then the HTTP/2 window, then the gateway's.
  // (A stream never read at all is read into memory by grpc-js without bound: not a stall.)
  await within(once(call, 'data'), generousMs, 'the answer beginning');
  call.pause();
  await within(upstream.hangClosed, generousMs, 'the upstream connection closing');
  assert.equal((await within(failed, generousMs, 'the call ending')).code, status.CANCELLED);
  client.close();
  const records = await closeAndReadUsage();
  assert.deepEqual(records.map((record) => [record.caller, record.status, record.errorCode, record.deployment]), [['interlingua.v1', 499, 'cancelled', 'oa/gpt-4o']]);
});
