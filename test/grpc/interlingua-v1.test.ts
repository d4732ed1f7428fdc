/**
 * The native `interlingua.v1.Interlingua` gRPC API (proto/interlingua/v1/interlingua.proto)
 * in front of recorded upstreams: tool calls and images end to end, streamed and whole,
 * cancellation reaching the upstream, bad input refused, reflection and health served.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { credentials, loadPackageDefinition, Metadata, status, type Client, type ClientDuplexStream, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { createGrpcGateway, type GrpcGateway } from '../../src/grpc/grpc-gateway.js';
import { modelFor, startHarness, type Harness } from '../gateway/support/harness.js';
import { inspectUpstream } from '../gateway/support/upstream-inspection.js';
import { upstreamScenarios } from '../gateway/support/upstream-scenarios.js';
import { arithmeticTools } from '../gateway/support/callers.js';
import { collect, interlinguaClient, unary, type InterlinguaClient } from './support/grpc-clients.js';
import { queryUsage } from '../../src/usage/usage-query.js';

let harness: Harness;
let grpcGateway: GrpcGateway;
let port: number;
let client: InterlinguaClient;

before(async () => {
  harness = await startHarness();
  grpcGateway = createGrpcGateway(harness.gateway.services);
  port = await grpcGateway.listen(0, '127.0.0.1');
  client = interlinguaClient(port);
});

after(async () => {
  client.close();
  await grpcGateway.close();
  await harness.close();
});

beforeEach(() => harness.reset());

type Json = Record<string, unknown>;
const pixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const tools = arithmeticTools.map((tool) => ({ name: tool.name, description: tool.description, parameters_json: JSON.stringify(tool.parameters) }));

function userText(text: string) {
  return { role: 'ROLE_USER', content: [{ text: { text } }] };
}

/** Folds streamed events back into calls and text, as a client of the API would. */
function fold(events: Json[]) {
  const calls = new Map<string, { name: string; args: string }>();
  let text = '';
  for (const event of events) {
    const start = event.tool_call_start as { id: string; name: string } | undefined;
    if (start) calls.set(start.id, { name: start.name, args: '' });
    const delta = event.tool_call_delta as { id: string; delta: string } | undefined;
    if (delta) {
      const call = calls.get(delta.id);
      assert.ok(call, 'a delta follows its start');
      call.args += delta.delta;
    }
    const textDelta = event.text_delta as { delta: string } | undefined;
    if (textDelta) text += textDelta.delta;
  }
  return { text, calls: [...calls.values()].map((call) => ({ name: call.name, args: JSON.parse(call.args) as unknown })) };
}

test('Stream carries parallel tool calls as id-keyed lifecycles, from an OpenAI upstream', async () => {
  const scenario = upstreamScenarios['openai-chat'].streamTools;
  harness.upstreams['openai-chat'].enqueue(scenario.reply);
  const events = await collect(client.Stream({ model: modelFor('openai-chat'), messages: [userText('Add 2 and 3, multiply 4 by 5.')], tools, tool_choice: { mode: 'MODE_AUTO' } }));
  assert.equal(events[0]?.event, 'response_start');
  assert.equal((events[0]?.response_start as Json).deployment, 'oa/gpt-4o');
  const finish = events.at(-1)?.finish as { finish_reason: { unified: string; raw: string } } | undefined;
  assert.equal(finish?.finish_reason.unified, 'tool-calls');
  assert.deepEqual(fold(events).calls, scenario.expected.calls);
  const view = inspectUpstream('openai-chat', harness.upstreams['openai-chat'].requests[0]!);
  assert.deepEqual(view.tools.map((tool) => tool.name), arithmeticTools.map((tool) => tool.name));
});

test('Stream from Anthropic: tool calls end to end, with usage', async () => {
  const scenario = upstreamScenarios.anthropic.streamTools;
  harness.upstreams.anthropic.enqueue(scenario.reply);
  const events = await collect(client.Stream({ model: modelFor('anthropic'), messages: [userText('Add and multiply.')], tools }));
  assert.deepEqual(fold(events).calls, scenario.expected.calls);
  const finish = events.at(-1)?.finish as { usage: Json } | undefined;
  assert.equal(finish?.usage.output_tokens, scenario.expected.outputTokens);
});

test('a tool-result follow-up round-trips through Complete', async () => {
  const scenario = upstreamScenarios['openai-chat'].followUp;
  harness.upstreams['openai-chat'].enqueue(scenario.reply);
  const response = await unary(client.Complete, client, {
    model: modelFor('openai-chat'),
    system: ['Use the tools.'],
    tools,
    messages: [
      userText('Add 2 and 3.'),
      { role: 'ROLE_ASSISTANT', content: [{ tool_call: { id: 'call_1', name: 'add', arguments: '{"a":2,"b":3}' } }] },
      { role: 'ROLE_TOOL', content: [{ tool_result: { tool_call_id: 'call_1', tool_name: 'add', content: [{ text: { text: '5' } }] } }] },
    ],
  });
  const content = response.content as Json[];
  assert.equal((content[0]?.text as Json | undefined)?.text, scenario.expected.text);
  const view = inspectUpstream('openai-chat', harness.upstreams['openai-chat'].requests[0]!);
  assert.deepEqual(view.roles, ['user', 'assistant', 'tool']);
  assert.deepEqual(view.callIds, ['call_1']);
  assert.deepEqual(view.resultIds, ['call_1']);
  assert.equal(view.system, 'Use the tools.');
});

test('an image sent as bytes reaches Anthropic (Complete) and Gemini (Stream) as the same inline data', async () => {
  const image = { role: 'ROLE_USER', content: [{ text: { text: 'What is this?' } }, { image: { data: pixelPng, media_type: 'image/png' } }] };
  harness.upstreams.anthropic.enqueue(upstreamScenarios.anthropic.image.reply);
  const response = await unary(client.Complete, client, { model: modelFor('anthropic'), messages: [image] });
  assert.equal(((response.content as Json[])[0]?.text as Json | undefined)?.text, upstreamScenarios.anthropic.image.expected.text);
  assert.deepEqual(inspectUpstream('anthropic', harness.upstreams.anthropic.requests[0]!).imageData, [pixelPng.toString('base64')]);

  harness.upstreams.gemini.enqueue(upstreamScenarios.gemini.streamText.reply);
  const events = await collect(client.Stream({ model: modelFor('gemini'), messages: [image] }));
  assert.equal(fold(events).text, upstreamScenarios.gemini.streamText.expected.text);
  assert.deepEqual(inspectUpstream('gemini', harness.upstreams.gemini.requests[0]!).imageData, [pixelPng.toString('base64')]);
});

test('structured output and sampling settings reach the upstream', async () => {
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  await unary(client.Complete, client, {
    model: modelFor('openai-chat'),
    messages: [userText('JSON please')],
    response_format: { type: 'TYPE_JSON', name: 'answer', schema_json: JSON.stringify({ type: 'object', properties: { a: { type: 'integer' } } }) },
    sampling: { temperature: 0.2, max_output_tokens: 100, seed: 7 },
  });
  const body = harness.upstreams['openai-chat'].requests[0]?.body as Json;
  assert.equal((body.response_format as Json).type, 'json_schema');
  assert.equal(body.seed, 7);
  assert.equal(body.temperature, 0.2);
});

test('reasoning settings reach a reasoning upstream', async () => {
  // The OpenAI Chat upstream is gpt-4o, which does not reason: the Responses one (gpt-5) does.
  harness.upstreams['openai-responses'].enqueue(upstreamScenarios['openai-responses'].text.reply);
  await unary(client.Complete, client, { model: modelFor('openai-responses'), messages: [userText('Think first')], reasoning: { effort: 'low' } });
  const body = harness.upstreams['openai-responses'].requests[0]?.body as Json;
  assert.equal((body.reasoning as Json).effort, 'low');
});

function assertStatus(code: status, pattern?: RegExp) {
  return (error: unknown) => {
    const serviceError = error as ServiceError;
    assert.equal(serviceError.code, code, `${status[code]} expected, got ${status[serviceError.code]}: ${serviceError.details}`);
    if (pattern) assert.match(serviceError.details, pattern);
    return true;
  };
}

test('bad input is INVALID_ARGUMENT naming the field; the server stays up', async () => {
  const noMediaType = { role: 'ROLE_USER', content: [{ image: { data: pixelPng } }] };
  await assert.rejects(unary(client.Complete, client, { model: modelFor('anthropic'), messages: [noMediaType] }), assertStatus(status.INVALID_ARGUMENT, /media_type/));
  await assert.rejects(collect(client.Stream({ model: modelFor('anthropic'), messages: [] })), assertStatus(status.INVALID_ARGUMENT, /messages/));
  await assert.rejects(
    unary(client.Complete, client, { model: modelFor('anthropic'), messages: [userText('x')], tools: [{ name: 'f', parameters_json: '{not json' }] }),
    assertStatus(status.INVALID_ARGUMENT, /tools\[0\]\.parameters_json/),
  );
  await assert.rejects(unary(client.Complete, client, { model: 'nowhere', messages: [userText('x')] }), assertStatus(status.NOT_FOUND));
  const rateLimit = upstreamScenarios.gemini.rateLimit;
  harness.upstreams.gemini.enqueue(rateLimit, rateLimit);
  await assert.rejects(collect(client.Stream({ model: modelFor('gemini'), messages: [userText('x')] })), assertStatus(status.RESOURCE_EXHAUSTED));
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  const response = await unary(client.Complete, client, { model: modelFor('openai-chat'), messages: [userText('x')] });
  assert.equal(response.deployment, 'oa/gpt-4o');
});

test('as over HTTP, a body that cannot be read is refused without a usage record, a refused key with one', async () => {
  const { key } = await harness.gateway.services.keys.create({ name: 'grpc-bad-body', models: [modelFor('openai-chat')] });
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${key}`);
  await assert.rejects(unary(client.Complete, client, { model: modelFor('anthropic'), messages: [] }, metadata), assertStatus(status.INVALID_ARGUMENT, /messages/));
  await assert.rejects(unary(client.Complete, client, { model: modelFor('anthropic'), messages: [userText('x')] }, metadata), assertStatus(status.PERMISSION_DENIED));
  await harness.gateway.services.usage.flush();
  const records = await queryUsage(await harness.gateway.services.store.get(), { keyName: 'grpc-bad-body' });
  assert.deepEqual(records.map((record) => [record.caller, record.status, record.errorCode]), [['interlingua.v1', 403, 'permission']]);
});

test('a stream cut after it began ends with an error event, then the status', async () => {
  harness.upstreams.anthropic.enqueue({ ...upstreamScenarios.anthropic.streamText.reply, cutAfterFrames: 3 } as typeof upstreamScenarios.anthropic.streamText.reply);
  const stream = client.Stream({ model: modelFor('anthropic'), messages: [userText('x')] });
  const events: Json[] = [];
  await assert.rejects(
    (async () => {
      for await (const event of stream as AsyncIterable<Json>) events.push(event);
    })(),
    assertStatus(status.UNAVAILABLE),
  );
  assert.equal(events[0]?.event, 'response_start');
  assert.equal((events.at(-1)?.error as Json | undefined)?.code, 'stream_interrupted');
});

test('a cancelled Stream aborts the upstream request', async () => {
  harness.upstreams['openai-chat'].enqueue({ kind: 'hang', firstFrame: 'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}\n\n' });
  const call = client.Stream({ model: modelFor('openai-chat'), messages: [userText('x')] });
  call.on('error', () => {});
  const events: Json[] = [];
  for await (const event of call as AsyncIterable<Json>) {
    events.push(event);
    if (event.event === 'text_delta') break;
  }
  const closed = harness.upstreams['openai-chat'].hangClosed;
  call.cancel();
  await closed;
  assert.deepEqual(events.map((event) => event.event), ['response_start', 'text_start', 'text_delta']);
});

test('the standard health service answers SERVING for the gateway and each service', async () => {
  const loaded = loadPackageDefinition(loadSync(healthProtoPath, { keepCase: true, enums: String })) as unknown as {
    grpc: { health: { v1: { Health: new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => Client & { Check: (request: unknown, callback: (error: ServiceError | null, reply?: { status: string }) => void) => void } } } };
  };
  const health = new loaded.grpc.health.v1.Health(`127.0.0.1:${port}`, credentials.createInsecure());
  try {
    for (const service of ['', 'aihub.ChatHub', 'interlingua.v1.Interlingua']) {
      const reply = await new Promise<{ status: string } | undefined>((resolve, reject) => health.Check({ service }, (error, answer) => (error ? reject(error) : resolve(answer))));
      assert.equal(reply?.status, 'SERVING', service || '(server)');
    }
  } finally {
    health.close();
  }
});

test('server reflection lists both services', async () => {
  const reflectionProto = join(dirname(createRequire(import.meta.url).resolve('@grpc/reflection')), '../proto/grpc/reflection/v1/reflection.proto');
  const loaded = loadPackageDefinition(loadSync(reflectionProto, { keepCase: true, oneofs: true })) as unknown as {
    grpc: { reflection: { v1: { ServerReflection: new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => Client & { ServerReflectionInfo: (metadata?: Metadata) => ClientDuplexStream<unknown, Json> } } } };
  };
  const reflection = new loaded.grpc.reflection.v1.ServerReflection(`127.0.0.1:${port}`, credentials.createInsecure());
  try {
    const stream = reflection.ServerReflectionInfo();
    const answer = new Promise<Json>((resolve, reject) => {
      stream.once('data', resolve);
      stream.once('error', reject);
    });
    stream.write({ list_services: '' });
    const names = (((await answer).list_services_response as Json).service as Array<{ name: string }>).map((service) => service.name);
    stream.end();
    for (const name of ['aihub.ChatHub', 'interlingua.v1.Interlingua', 'grpc.health.v1.Health']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
  } finally {
    reflection.close();
  }
});
