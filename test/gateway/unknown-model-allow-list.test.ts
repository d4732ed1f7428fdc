/**
 * A key limited to some models sees only those (README "Keys, limits, usage and cost"): the error for
 * a name that matches its list but no model offers the aliases it may use, never the others, on every
 * route that takes a model: chat, embeddings, token counts and both gRPC services.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { createGrpcGateway, type GrpcGateway } from '../../src/grpc/grpc-gateway.js';
import { chatHubClient, interlinguaClient, unary } from '../grpc/support/grpc-clients.js';

const adminKey = 'admin-key-for-tests-0123456789';
let gateway: Gateway;
let gatewayUrl: string;
let grpc: GrpcGateway;
let grpcPort: number;

before(async () => {
  gateway = createGateway(
    resolveConfig({
      // Never asked: every request here is refused before any upstream.
      providers: { oa: { dialect: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'upstream-key' } },
      models: {
        chat: [{ provider: 'oa', model: 'gpt-4o' }],
        'secret-internal': [{ provider: 'oa', model: 'gpt-4o' }],
        'gpt-a': [{ provider: 'oa', model: 'gpt-4o' }],
      },
      adminKey,
    }),
    { logger: silentLogger },
  );
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  grpc = createGrpcGateway(gateway.services);
  grpcPort = await grpc.listen(0, '127.0.0.1');
});
after(async () => {
  await grpc.close(0);
  await gateway.close(0);
});

async function createKey(name: string, models?: string[]): Promise<string> {
  const response = await fetch(`${gatewayUrl}/admin/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, ...(models !== undefined ? { models } : {}) }),
  });
  assert.equal(response.status, 201);
  return ((await response.json()) as { key: string }).key;
}

const unknownModel = { model: 'gpt-nonexistent', messages: [{ role: 'user' as const, content: 'Hi' }] };

test('an unknown name a limited key may ask for is refused offering only the aliases it may use', async () => {
  const client = new OpenAI({ apiKey: await createKey('limited', ['gpt-*', 'chat']), baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
  await assert.rejects(client.chat.completions.create(unknownModel), (error: unknown) => {
    assert.ok(error instanceof OpenAI.NotFoundError, String(error));
    assert.match(error.message, /Ask for one of: chat, gpt-a,/);
    assert.doesNotMatch(error.message, /secret-internal/);
    return true;
  });
});

test('a key without a list is offered every alias', async () => {
  const client = new OpenAI({ apiKey: await createKey('unlimited'), baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
  await assert.rejects(client.chat.completions.create(unknownModel), (error: unknown) => error instanceof OpenAI.NotFoundError && /Ask for one of: chat, secret-internal, gpt-a,/.test(error.message));
});

/** What a limited key and a key without a list are told of an unknown name by one route (`route` names the keys, which are unique). */
async function refusals(route: string, ask: (key: string) => Promise<string>): Promise<{ limited: string; unlimited: string }> {
  return { limited: await ask(await createKey(`limited-${route}`, ['gpt-*', 'chat'])), unlimited: await ask(await createKey(`unlimited-${route}`)) };
}

function assertOnlyAllowedOffered({ limited, unlimited }: { limited: string; unlimited: string }): void {
  assert.match(limited, /Ask for one of: chat, gpt-a,/);
  assert.doesNotMatch(limited, /secret-internal/);
  assert.match(unlimited, /Ask for one of: chat, secret-internal, gpt-a,/);
}

async function httpRefusal(path: string, headers: Record<string, string>, body: unknown): Promise<string> {
  const response = await fetch(`${gatewayUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  assert.equal(response.status, 404);
  return response.text();
}

test('embeddings offer a limited key only the aliases it may use', async () => {
  assertOnlyAllowedOffered(await refusals('embeddings', (key) => httpRefusal('/v1/embeddings', { authorization: `Bearer ${key}` }, { model: 'gpt-nonexistent', input: 'Hi' })));
});

test('a token count offers a limited key only the aliases it may use', async () => {
  const body = { model: 'gpt-nonexistent', messages: [{ role: 'user', content: 'Hi' }] };
  assertOnlyAllowedOffered(await refusals('count-tokens', (key) => httpRefusal('/v1/messages/count_tokens', { 'x-api-key': key, 'anthropic-version': '2023-06-01' }, body)));
});

function grpcRefusal(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => assert.fail('an unknown model was answered'),
    (error: ServiceError) => {
      assert.equal(error.code, status.NOT_FOUND, error.details);
      return error.details;
    },
  );
}

function keyed(key: string, extra: Record<string, string> = {}): Metadata {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${key}`);
  for (const [name, value] of Object.entries(extra)) metadata.set(name, value);
  return metadata;
}

test('interlingua.v1 offers a limited key only the aliases it may use', async (t) => {
  const client = interlinguaClient(grpcPort);
  t.after(() => client.close());
  const request = { model: 'gpt-nonexistent', messages: [{ role: 'ROLE_USER', content: [{ text: { text: 'Hi' } }] }] };
  assertOnlyAllowedOffered(await refusals('interlingua-v1', (key) => grpcRefusal(unary(client.Complete, client, request, keyed(key)))));
});

test('ChatHub offers a limited key only the aliases it may use', async (t) => {
  const client = chatHubClient(grpcPort);
  t.after(() => client.close());
  assertOnlyAllowedOffered(await refusals('chathub', (key) => grpcRefusal(unary(client.Chat, client, { prompt: 'Hi' }, keyed(key, { 'x-model': 'gpt-nonexistent' })))));
});
