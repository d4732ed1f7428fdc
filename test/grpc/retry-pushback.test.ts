/**
 * A rate limit's wait reaches gRPC clients as gRFC A6 server pushback (`grpc-retry-pushback-ms`),
 * which a client's retry policy honours instead of its own backoff; `retry-after-ms` stays for
 * clients that read it themselves.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestUpstream, type UpstreamReply } from '../support/test-upstream.js';
import { upstreamScenarios } from '../gateway/support/upstream-scenarios.js';
import { grpcGatewayOver, servedModel, type ServedGrpc } from './support/grpc-gateway-over.js';
import { interlinguaClient, retryingOn, unary } from './support/grpc-clients.js';

const upstream = new TestUpstream();
let served: ServedGrpc;
before(async () => {
  await upstream.start();
  served = await grpcGatewayOver(upstream.baseUrl);
});
after(async () => {
  await served.close();
  await upstream.stop();
});

test("a client's retry policy waits the upstream's retry-after, then is answered", { timeout: 10_000 }, async () => {
  const rateLimit = upstreamScenarios['openai-chat'].rateLimit as Extract<UpstreamReply, { kind: 'json' }>;
  upstream.enqueue({ ...rateLimit, headers: { ...rateLimit.headers, 'retry-after': '1' } }, upstreamScenarios['openai-chat'].text.reply);
  const client = interlinguaClient(served.port, retryingOn(['RESOURCE_EXHAUSTED'], 2));
  try {
    const started = performance.now();
    const answer = await unary(client.Complete, client, { model: servedModel, messages: [{ role: 'ROLE_USER', content: [{ text: { text: 'Hi' } }] }] });
    assert.equal(answer.deployment, 'oa/gpt-4o');
    assert.equal(upstream.requests.length, 2, 'refused once, answered on the retry');
    // Only a lower bound: the policy's own backoff is 10 ms, the upstream asked for 1 s.
    assert.ok(performance.now() - started >= 1_000, `retried after ${Math.round(performance.now() - started)} ms`);
  } finally {
    client.close();
  }
});
