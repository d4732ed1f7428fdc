/**
 * interlingua.v1 `Complete` sends no reply over the send limit (`server.maxBodyBytes`, set as grpc-js's
 * `grpc.max_send_message_length`: https://app.unpkg.com/@grpc/grpc-js@1.14.3/files/build/src/channel-options.d.ts;
 * grpc-js refuses a message whose bytes exceed it, server-interceptors.js `sendMessage`). A whole answer
 * over it fails as a gateway error, recorded as failed and charged to its deployment, not as answered;
 * one whose reply is exactly the limit is sent.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Metadata, status, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { TestUpstream } from '../support/test-upstream.js';
import { queryUsage } from '../../src/usage/usage-query.js';
import { grpcGatewayOver, servedModel, type ServedGrpc } from './support/grpc-gateway-over.js';
import { interlinguaClient, unary, type InterlinguaClient } from './support/grpc-clients.js';

const limit = 4096;
const upstream = new TestUpstream();
let small: ServedGrpc;
let client: InterlinguaClient;

before(async () => {
  await upstream.start();
  small = await grpcGatewayOver(upstream.baseUrl, { maxBodyBytes: limit });
  client = interlinguaClient(small.port);
});
after(async () => {
  client.close();
  await small.close();
  await upstream.stop();
});

/** An OpenAI chat completion of `text`, its usage counted by the upstream. */
function answerOf(text: string) {
  return {
    kind: 'json' as const,
    body: { id: 'c1', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 700, total_tokens: 703 } },
  };
}

/** The bytes a reply takes on the wire, by the client's own `ChatResponse` encoder. */
const protoRoot = fileURLToPath(new URL('../../../proto/', import.meta.url));
const definition = loadSync('interlingua/v1/interlingua.proto', { keepCase: true, enums: String, longs: Number, oneofs: true, includeDirs: [protoRoot] });
const serializeReply = (definition['interlingua.v1.Interlingua'] as ServiceDefinition)['Complete']?.responseSerialize;
const wireBytes = (reply: unknown) => (serializeReply ?? assert.fail('interlingua.proto has no Complete'))(reply).length;

type Reply = Record<string, unknown> & { content: Array<{ text?: { text: string } }> };

async function keyed(name: string): Promise<Metadata> {
  const { key } = await small.gateway.services.keys.create({ name });
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${key}`);
  return metadata;
}

const ask = { model: servedModel, messages: [{ role: 'ROLE_USER', content: [{ text: { text: 'Hi' } }] }] };

test('a reply of exactly the limit is sent; one byte more fails as a gateway error, recorded as failed and charged', async () => {
  // A reply well under the limit shows what surrounds the text; the text is then grown to fill it.
  upstream.enqueue(answerOf('z'.repeat(3000)));
  const sample = (await unary(client.Complete, client, ask)) as Reply;
  const withText = (length: number) => ({ ...sample, content: [{ text: { text: 'z'.repeat(length) } }] });
  let fits = 3000;
  while (wireBytes(withText(fits + 1)) <= limit) fits += 1;
  assert.equal(wireBytes(withText(fits)), limit);

  upstream.enqueue(answerOf('z'.repeat(fits)));
  const whole = (await unary(client.Complete, client, ask)) as Reply;
  assert.equal(whole.content[0]?.text?.text.length, fits);

  const metadata = await keyed('grpc-complete-too-large');
  upstream.enqueue(answerOf('z'.repeat(fits + 1)));
  const failure = await unary(client.Complete, client, ask, metadata).then(
    () => assert.fail('an answer over the limit was sent'),
    (error: ServiceError) => error,
  );
  assert.equal(failure.code, status.RESOURCE_EXHAUSTED, failure.details);
  assert.match(failure.details, /4096 bytes, server\.maxBodyBytes/);
  assert.deepEqual(failure.metadata.get('x-interlingua-error-code'), ['request_too_large']);
  await small.gateway.services.usage.flush();
  const [record] = await queryUsage(await small.gateway.services.store.get(), { keyName: 'grpc-complete-too-large' });
  assert.deepEqual([record?.status, record?.errorCode, record?.deployment, record?.outputTokens], [413, 'request_too_large', 'oa/gpt-4o', 700]);
});
