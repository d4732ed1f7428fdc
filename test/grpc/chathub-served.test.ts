/**
 * The gateway serving `aihub.ChatHub` (proto/aihub/chat.proto, verbatim from seed 001) to a client
 * generated from that proto with proto-loader and `keepCase`, as an existing ChatHub client is,
 * in front of recorded OpenAI, Anthropic and Gemini upstreams.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { status, type ServiceError } from '@grpc/grpc-js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import { createGrpcGateway, type GrpcGateway } from '../../src/grpc/grpc-gateway.js';
import { modelFor, startHarness, upstreamModels, type DialectName, type Harness } from '../gateway/support/harness.js';
import { queryUsage } from '../../src/usage/usage-query.js';
import { inspectUpstream } from '../gateway/support/upstream-inspection.js';
import { upstreamScenarios } from '../gateway/support/upstream-scenarios.js';
import { chatHubClient, collect, unary, withModel, type ChatHubClient } from './support/grpc-clients.js';

let harness: Harness;
let grpcGateway: GrpcGateway;
let client: ChatHubClient;

before(async () => {
  harness = await startHarness();
  grpcGateway = createGrpcGateway(harness.gateway.services, { defaultModel: modelFor('openai-chat') });
  client = chatHubClient(await grpcGateway.listen(0, '127.0.0.1'));
});

after(async () => {
  client.close();
  await grpcGateway.close();
  await harness.close();
});

beforeEach(() => harness.reset());

/** What the seed's C# client sends (GetRequest): a prompt, OpenAI-style history and its fixed sampling. */
const seedRequest = {
  prompt: '問題2',
  history: [
    { role: 'system', content: 'You are AIHub.' },
    { role: 'user', content: '問題1' },
    { role: 'assistant', content: '回答1' },
  ],
  max_length: 2048,
  top_p: 0.75,
  temperature: 0.95,
};

function assertHistoryHonoured(dialect: DialectName) {
  const request = harness.upstreams[dialect].requests[0];
  assert.ok(request, `the ${dialect} upstream got the request`);
  const view = inspectUpstream(dialect, request);
  assert.equal(view.system, 'You are AIHub.');
  assert.deepEqual(view.roles, ['user', 'assistant', 'user']);
  const body = JSON.stringify(request.body);
  for (const text of ['問題1', '回答1', '問題2']) assert.ok(body.includes(text), `${dialect} got ${text}`);
  assert.equal(view.temperature, 0.95, 'the float 0.95f arrives as 0.95');
  assert.equal(view.maxTokens, 2048);
}

for (const dialect of ['openai-chat', 'anthropic', 'gemini'] as const) {
  describe(`ChatHub caller → ${dialect} upstream`, () => {
    test('Chat answers with the upstream\'s text, history honoured', async () => {
      const scenario = upstreamScenarios[dialect].text;
      harness.upstreams[dialect].enqueue(scenario.reply);
      const reply = await unary(client.Chat, client, seedRequest, withModel(modelFor(dialect)));
      assert.equal(reply.response, scenario.expected.text);
      assertHistoryHonoured(dialect);
    });

    test('StreamingChat sends the whole text so far in every reply, as the seed\'s server does, one a delta to a client that keeps up', async () => {
      const scenario = upstreamScenarios[dialect].streamText;
      // Frames 5 ms apart, each its own read: deltas that come together go out as one reply (latest-replies.ts).
      harness.upstreams[dialect].enqueue({ ...scenario.reply, frameDelayMs: 5 } as typeof scenario.reply);
      const replies = (await collect(client.StreamingChat(seedRequest, withModel(modelFor(dialect))))).map((reply) => reply.response ?? '');
      assert.equal(replies.at(-1), scenario.expected.text);
      assert.equal(replies.length, scenario.expected.deltas, 'one reply per upstream text delta');
      replies.forEach((reply, index) => {
        if (index > 0) assert.ok(reply.startsWith(replies[index - 1] ?? ''), 'each reply extends the one before');
      });
      assertHistoryHonoured(dialect);
    });
  });
}

test('without x-model metadata the configured default model answers', async () => {
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  const reply = await unary(client.Chat, client, { prompt: 'hi' });
  assert.equal(reply.response, upstreamScenarios['openai-chat'].text.expected.text);
});

function assertStatus(code: status, pattern?: RegExp) {
  return (error: unknown) => {
    const serviceError = error as ServiceError;
    assert.equal(serviceError.code, code, `${status[code]} expected, got ${status[serviceError.code]}: ${serviceError.details}`);
    if (pattern) assert.match(serviceError.details, pattern);
    return true;
  };
}

test('gateway errors arrive as gRPC statuses, and the server stays up', async () => {
  const rateLimit = upstreamScenarios['openai-chat'].rateLimit;
  harness.upstreams['openai-chat'].enqueue(rateLimit, rateLimit);
  await assert.rejects(unary(client.Chat, client, { prompt: 'hi' }), assertStatus(status.RESOURCE_EXHAUSTED));
  await assert.rejects(unary(client.Chat, client, { prompt: 'hi' }, withModel('no-such-model')), assertStatus(status.NOT_FOUND, /no-such-model/));
  await assert.rejects(
    unary(client.Chat, client, { prompt: 'hi', history: [{ role: 'robot', content: 'x' }] }),
    assertStatus(status.INVALID_ARGUMENT, /history\[0\]\.role/),
  );
  await assert.rejects(collect(client.StreamingChat({ prompt: '' }, withModel(modelFor('anthropic')))), assertStatus(status.INVALID_ARGUMENT, /prompt/));
  const badRequest = upstreamScenarios.anthropic.badRequest;
  harness.upstreams.anthropic.enqueue(badRequest);
  await assert.rejects(collect(client.StreamingChat({ prompt: 'hi' }, withModel(modelFor('anthropic')))), assertStatus(status.INVALID_ARGUMENT));
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  assert.equal((await unary(client.Chat, client, { prompt: 'hi' })).response, upstreamScenarios['openai-chat'].text.expected.text);
});

test('a cancelled StreamingChat aborts the upstream request', async () => {
  harness.upstreams['openai-chat'].enqueue({ kind: 'hang', firstFrame: 'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}\n\n' });
  const call = client.StreamingChat({ prompt: 'hi' }, withModel(modelFor('openai-chat')));
  const first = await new Promise<{ response?: string }>((resolve) => call.once('data', resolve));
  assert.equal(first.response, 'Hel');
  const closed = harness.upstreams['openai-chat'].hangClosed;
  call.on('error', () => {});
  call.cancel();
  await closed;
});

test('a passed deadline ends the call with DEADLINE_EXCEEDED and aborts the upstream request', async () => {
  harness.upstreams['openai-chat'].enqueue({ kind: 'hang' });
  const pending = unary(client.Chat, client, { prompt: 'hi' }, withModel(modelFor('openai-chat')), { deadline: Date.now() + 300 });
  await assert.rejects(pending, assertStatus(status.DEADLINE_EXCEEDED));
  await harness.upstreams['openai-chat'].hangClosed;
  assert.equal(harness.upstreams['openai-chat'].requests.length, 1);
});

test('an authorize hook reads the bearer token and refuses with UNAUTHENTICATED', async () => {
  const seen: Array<string | undefined> = [];
  const guarded = createGrpcGateway(harness.gateway.services, {
    defaultModel: modelFor('openai-chat'),
    authorize: async (token) => {
      seen.push(token);
      if (token !== 'secret') throw new InterlinguaError('authentication', 'A valid key is required.');
    },
  });
  const guardedClient = chatHubClient(await guarded.listen(0, '127.0.0.1'));
  try {
    await assert.rejects(unary(guardedClient.Chat, guardedClient, { prompt: 'hi' }), assertStatus(status.UNAUTHENTICATED, /valid key/));
    assert.equal(harness.upstreams['openai-chat'].requests.length, 0, 'nothing reaches the upstream');
    harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
    const reply = await unary(guardedClient.Chat, guardedClient, { prompt: 'hi' }, withModel(modelFor('openai-chat'), { authorization: 'Bearer secret' }));
    assert.equal(reply.response, upstreamScenarios['openai-chat'].text.expected.text);
    assert.deepEqual(seen, [undefined, 'secret']);
  } finally {
    guardedClient.close();
    await guarded.close();
  }
});

test('without a hook, the gateway keys decide: a revoked key is refused, an open gateway serves a caller without one', async () => {
  const { key } = await harness.gateway.services.keys.create({ name: 'grpc-revoked' });
  await harness.gateway.services.keys.revoke('grpc-revoked');
  harness.gateway.services.access.authenticator.forget();
  await assert.rejects(unary(client.Chat, client, { prompt: 'hi' }, withModel(modelFor('openai-chat'), { authorization: `Bearer ${key}` })), assertStatus(status.UNAUTHENTICATED, /revoked/));
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  const reply = await unary(client.Chat, client, { prompt: 'hi' });
  assert.equal(reply.response, upstreamScenarios['openai-chat'].text.expected.text);
});

test('a gateway key on a gRPC call counts against its limits, and the call is recorded as usage', async () => {
  const { key } = await harness.gateway.services.keys.create({ name: 'grpc-limited', rpm: 1 });
  const withKey = withModel(modelFor('openai-chat'), { authorization: `Bearer ${key}` });
  harness.upstreams['openai-chat'].enqueue(upstreamScenarios['openai-chat'].text.reply);
  await unary(client.Chat, client, { prompt: 'hi' }, withKey);
  await assert.rejects(unary(client.Chat, client, { prompt: 'again' }, withKey), assertStatus(status.RESOURCE_EXHAUSTED, /1 requests per minute/));
  assert.equal(harness.upstreams['openai-chat'].requests.length, 1, 'the refused call never reaches the upstream');
  await harness.gateway.services.usage.flush();
  const records = await queryUsage(await harness.gateway.services.store.get(), { keyName: 'grpc-limited' });
  assert.deepEqual(records.map((record) => [record.caller, record.status, record.deployment ?? null]), [
    ['chathub', 200, `oa/${upstreamModels['openai-chat']}`],
    ['chathub', 429, null],
  ]);
});

test('a StreamingChat that breaks after it began is charged to its deployment, its tokens estimated as over HTTP', async () => {
  const { key } = await harness.gateway.services.keys.create({ name: 'grpc-cut' });
  const reply = upstreamScenarios['openai-chat'].streamText.reply;
  harness.upstreams['openai-chat'].enqueue({ ...reply, cutAfterFrames: 3 } as typeof reply);
  await assert.rejects(collect(client.StreamingChat({ prompt: 'hi' }, withModel(modelFor('openai-chat'), { authorization: `Bearer ${key}` }))), assertStatus(status.UNAVAILABLE));
  await harness.gateway.services.usage.flush();
  const [record] = await queryUsage(await harness.gateway.services.store.get(), { keyName: 'grpc-cut' });
  assert.equal(record?.errorCode, 'stream_interrupted');
  assert.equal(record?.deployment, `oa/${upstreamModels['openai-chat']}`);
  assert.equal(record?.estimated, true);
  assert.ok((record?.inputTokens ?? 0) > 0 && (record?.outputTokens ?? 0) > 0, `tokens ${record?.inputTokens}/${record?.outputTokens}`);
});
