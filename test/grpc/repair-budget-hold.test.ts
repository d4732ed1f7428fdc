/**
 * A gRPC call holds for tool emulation's repair of an unreadable call as an HTTP request does
 * (test/tool-emulation/repair-budget-hold.test.ts; src/grpc/metered-call.ts): when what the answer
 * spent leaves a key's budget no room, the repair is not asked and the call fails as a failed
 * repair does.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Metadata } from '@grpc/grpc-js';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { createGrpcGateway, type GrpcGateway } from '../../src/grpc/grpc-gateway.js';
import { TestUpstream } from '../support/test-upstream.js';
import { openaiChatReply } from '../plugins/support/scripted-replies.js';
import { interlinguaClient, unary, type InterlinguaClient } from './support/grpc-clients.js';

const upstream = new TestUpstream();
let gateway: Gateway;
let grpc: GrpcGateway;
let client: InterlinguaClient;

before(async () => {
  await upstream.start();
  gateway = createGateway(
    resolveConfig({
      providers: { local: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'k' } },
      // gpt-4o is priced in the catalog ($2.50 input, $10 output per million tokens).
      models: { emulated: [{ provider: 'local', model: 'gpt-4o', toolCalling: 'emulate', toolFormat: 'hermes' }] },
      retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 10 },
    }),
    { logger: silentLogger },
  );
  grpc = createGrpcGateway(gateway.services);
  client = interlinguaClient(await grpc.listen(0, '127.0.0.1'));
});
after(async () => {
  client.close();
  await grpc.close(0);
  await gateway.close(0);
  await upstream.stop();
});

test('interlingua.v1 Complete: the repair an answer’s cost leaves no budget for is not sent', async () => {
  const { key } = await gateway.services.keys.create({ name: 'grpc-repair', budget: { usd: 0.2, period: 'total' } });
  // $0.30025 spent by the answer, more than the $0.20 budget; its call is unreadable (a bare word as a JSON value).
  upstream.enqueue(
    openaiChatReply({ text: 'Sure. <tool_call>\n{"name": "get_weather", "arguments": {"city": Paris}}\n</tool_call>' }, false, { inputTokens: 100, outputTokens: 30_000, totalTokens: 30_100 }),
    openaiChatReply({ text: '<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>' }, false),
  );
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${key}`);
  const parameters_json = JSON.stringify({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] });
  await assert.rejects(
    unary(client.Complete, client, { model: 'emulated', messages: [{ role: 'ROLE_USER', content: [{ text: { text: 'Weather in Paris?' } }] }], tools: [{ name: 'get_weather', description: 'Weather in a city', parameters_json }] }, metadata),
    /budget/i,
  );
  assert.equal(upstream.requests.length, 1, 'the repair was not asked');
});
