/**
 * A ChatHub upstream is not called for a caller already gone: its abort was heard before the call,
 * and a listener added after it never hears it, so a unary `Chat` started then would run to its
 * end (and a stream until read). An HTTP upstream's call is dropped unsent the same way
 * (src/gateway/upstream-client.ts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { Cancellation } from '../../src/gateway/cancellation.js';
import type { DeploymentCall } from '../../src/gateway/deployment-transport.js';
import { ChatHubTransport } from '../../src/grpc/chathub/chathub-transport.js';
import { ChatHubTestServer } from './support/chathub-test-server.js';

let upstream: ChatHubTestServer;
const transport = new ChatHubTransport();

before(async () => {
  upstream = await new ChatHubTestServer().start();
});
after(async () => {
  transport.close();
  await upstream.stop();
});

function goneCall(stream: boolean): DeploymentCall {
  const config = resolveConfig({
    providers: { glm: { dialect: 'chathub', baseUrl: upstream.baseUrl, apiKey: 'glm-key' } },
    models: { chatglm2: [{ provider: 'glm', model: 'chatglm2-6b' }] },
  });
  const provider = config.providers.get('glm');
  assert.ok(provider);
  const cancellation = new Cancellation();
  cancellation.abort('caller');
  return {
    request: { model: 'chatglm2', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], sampling: {}, stream },
    deployment: { name: 'glm/chatglm2-6b', provider, model: 'chatglm2-6b' },
    cancellation,
    imageCache: new Map(),
  };
}

test('neither Chat nor StreamingChat is called once the caller has gone', async () => {
  upstream.enqueue({ kind: 'chunks', chunks: ['Hello'] }, { kind: 'chunks', chunks: ['Hello'] });
  await assert.rejects(transport.complete(goneCall(false)), /not called: the caller had gone/);
  await assert.rejects(transport.stream(goneCall(true)), /not called: the caller had gone/);
  // Time for a call that was sent to reach the server.
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(upstream.calls.map((call) => call.method), []);
});
