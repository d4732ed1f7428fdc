/**
 * An `interlingua.v1` tool choice limited to some of the declared tools (`tool_choice.allowed`),
 * sent by @grpc/grpc-js, reaches the upstream as its own restriction: OpenAI Chat's
 * `allowed_tools` with every tool still declared, Gemini's `allowedFunctionNames`. The test
 * upstreams judge each request by the vendor's rules; an allowed tool that is not declared is refused.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { status, type ServiceError } from '@grpc/grpc-js';
import { modelFor, startHarness, type Harness } from '../gateway/support/harness.js';
import { upstreamScenarios } from '../gateway/support/upstream-scenarios.js';
import { createGrpcGateway, type GrpcGateway } from '../../src/grpc/grpc-gateway.js';
import { collect, interlinguaClient, unary, type InterlinguaClient } from './support/grpc-clients.js';

let harness: Harness;
let grpcGateway: GrpcGateway;
let client: InterlinguaClient;

before(async () => {
  harness = await startHarness();
  grpcGateway = createGrpcGateway(harness.gateway.services);
  client = interlinguaClient(await grpcGateway.listen(0, '127.0.0.1'));
});
after(async () => {
  client.close();
  await grpcGateway.close();
  await harness.close();
});
beforeEach(() => harness.reset());

type Json = Record<string, unknown>;
const parameters_json = JSON.stringify({ type: 'object', properties: { q: { type: 'string' } } });
const tools = ['a', 'b', 'c'].map((name) => ({ name, description: `Tool ${name}`, parameters_json }));
const messages = [{ role: 'ROLE_USER', content: [{ text: { text: 'Look it up.' } }] }];

test('Complete to OpenAI Chat: the allowed tools are an allowed_tools choice, every tool still declared', async () => {
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  await unary(client.Complete, client, { model: modelFor('openai-chat'), messages, tools, tool_choice: { mode: 'MODE_AUTO', allowed: ['a', 'c'] } });
  const body = harness.upstreams['openai-chat'].requests[0]?.body as { tools: Array<{ function: { name: string } }>; tool_choice: unknown };
  assert.deepEqual(body.tools.map((tool) => tool.function.name), ['a', 'b', 'c']);
  // https://platform.openai.com/docs/api-reference/chat/create#chat_create-tool_choice (ChatCompletionAllowedToolChoice in node_modules/openai)
  assert.deepEqual(body.tool_choice, { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'a' } }, { type: 'function', function: { name: 'c' } }] } });
});

test('Stream to Gemini: required with allowed tools is mode ANY with allowedFunctionNames', async () => {
  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.streamText.reply);
  await collect(client.Stream({ model: modelFor('gemini'), messages, tools, tool_choice: { mode: 'MODE_REQUIRED', allowed: ['b'] } }));
  const body = harness.upstreams.gemini.requests[0]?.body as { toolConfig?: { functionCallingConfig?: Json } };
  // https://ai.google.dev/api/caching#FunctionCallingConfig
  assert.deepEqual(body.toolConfig?.functionCallingConfig, { mode: 'ANY', allowedFunctionNames: ['b'] });
});

function invalidArgument(pattern: RegExp) {
  return (error: unknown) => {
    const serviceError = error as ServiceError;
    assert.equal(serviceError.code, status.INVALID_ARGUMENT, serviceError.details);
    assert.match(serviceError.details, pattern);
    return true;
  };
}

test('an allowed tool that is not declared, or allowed tools with a mode that takes none, is INVALID_ARGUMENT', async () => {
  await assert.rejects(unary(client.Complete, client, { model: modelFor('openai-chat'), messages, tools, tool_choice: { mode: 'MODE_AUTO', allowed: ['a', 'z'] } }), invalidArgument(/tool_choice\.allowed\[1\]/));
  await assert.rejects(unary(client.Complete, client, { model: modelFor('openai-chat'), messages, tools, tool_choice: { mode: 'MODE_NONE', allowed: ['a'] } }), invalidArgument(/tool_choice\.allowed/));
  assert.equal(harness.upstreams['openai-chat'].requests.length, 0);
});
