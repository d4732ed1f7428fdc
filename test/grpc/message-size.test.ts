/**
 * The largest request message gRPC takes is `server.maxBodyBytes`, the HTTP body limit, not
 * grpc-js's 4 MiB default: images travel as bytes. A larger one is refused as a gateway error,
 * with its code in the trailers and a pushback that tells a client's retry policy not to resend it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { TestUpstream } from '../support/test-upstream.js';
import { upstreamScenarios } from '../gateway/support/upstream-scenarios.js';
import { grpcGatewayOver, servedModel } from './support/grpc-gateway-over.js';
import { interlinguaClient, retryingOn, unary } from './support/grpc-clients.js';

const upstream = new TestUpstream();
before(() => upstream.start());
after(() => upstream.stop());

/** A PNG signature followed by filler: `size` bytes the gateway sends on as an image. */
function png(size: number): Buffer {
  const bytes = Buffer.alloc(size, 1);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
}

function askAbout(image: Buffer) {
  return { model: servedModel, messages: [{ role: 'ROLE_USER', content: [{ text: { text: 'What is this?' } }, { image: { data: image, media_type: 'image/png' } }] }] };
}

test('a 5 MiB image as bytes is answered under the default server.maxBodyBytes (32 MiB)', async () => {
  const served = await grpcGatewayOver(upstream.baseUrl);
  const client = interlinguaClient(served.port);
  try {
    upstream.enqueue(upstreamScenarios['openai-chat'].text.reply);
    const answer = await unary(client.Complete, client, askAbout(png(5 * 1024 * 1024)));
    assert.equal(answer.deployment, 'oa/gpt-4o');
    const sent = JSON.stringify(upstream.requests.at(-1)?.body);
    assert.ok(sent.includes('data:image/png;base64,iVBORw0KGgo'), 'the image reached the upstream');
  } finally {
    client.close();
    await served.close();
    upstream.reset();
  }
});

test('a message over server.maxBodyBytes is refused with the gateway trailers, not retried, and the server stays up', async () => {
  const served = await grpcGatewayOver(upstream.baseUrl, { maxBodyBytes: 4096 });
  const client = interlinguaClient(served.port);
  // A client whose policy retries RESOURCE_EXHAUSTED, as one does for rate limits (gRFC A6).
  const retrying = interlinguaClient(served.port, retryingOn(['RESOURCE_EXHAUSTED'], 3));
  try {
    const refusal = await unary(retrying.Complete, retrying, askAbout(png(8192))).then(
      () => assert.fail('an over-size message was answered'),
      (error: ServiceError) => error,
    );
    assert.equal(refusal.code, status.RESOURCE_EXHAUSTED, refusal.details);
    assert.match(refusal.details, /larger than max/);
    assert.deepEqual(refusal.metadata.get('x-interlingua-error-code'), ['request_too_large']);
    assert.deepEqual(refusal.metadata.get('grpc-retry-pushback-ms'), ['-1']);
    assert.deepEqual(refusal.metadata.get('grpc-previous-rpc-attempts'), [], 'sent once');
    assert.equal(upstream.requests.length, 0);
    upstream.enqueue(upstreamScenarios['openai-chat'].text.reply);
    const answer = await unary(client.Complete, client, { model: servedModel, messages: [{ role: 'ROLE_USER', content: [{ text: { text: 'Hi' } }] }] }, new Metadata());
    assert.equal(answer.deployment, 'oa/gpt-4o');
  } finally {
    retrying.close();
    client.close();
    await served.close();
    upstream.reset();
  }
});
