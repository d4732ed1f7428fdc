/**
 * `promptCache: auto` on Claude in the clouds: an openai SDK caller (which cannot write
 * breakpoints) sends a long system prompt, and the gateway places them for it on Bedrock's
 * InvokeModel and Vertex's rawPredict (as Anthropic `cache_control`) and on Bedrock Converse (as
 * `cachePoint` blocks), each judged by the test upstream's vendor rules. The model minimum is
 * found from the platform's own model id; a non-Claude Converse model gets none.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { GoogleTokenServer } from '../support/google-token-server.js';
import { readFixtureJson } from '../support/fixtures.js';

type Body = Record<string, unknown>;

let upstream: TestUpstream;
let tokenServer: GoogleTokenServer;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  tokenServer = await new GoogleTokenServer().start();
  const credentialsFile = tokenServer.writeKeyFile();
  const config = resolveConfig({
    providers: {
      converse: { dialect: 'bedrock', region: 'us-east-1', baseUrl: upstream.baseUrl, apiKey: 'bedrock-api-key-test', promptCache: 'auto' },
      invoke: { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl: upstream.baseUrl, apiKey: 'bedrock-api-key-test', promptCache: 'auto' },
      vertex: { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: upstream.baseUrl, credentialsFile, promptCache: 'auto' },
    },
    models: {
      'converse-sonnet': [{ provider: 'converse', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }],
      'converse-nova': [{ provider: 'converse', model: 'amazon.nova-micro-v1:0' }],
      'invoke-sonnet': [{ provider: 'invoke', model: 'anthropic.claude-3-7-sonnet-20250219-v1:0' }],
      'invoke-haiku': [{ provider: 'invoke', model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0' }],
      'vertex-sonnet': [{ provider: 'vertex', model: 'claude-3-7-sonnet@20250219' }],
    },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
  await tokenServer.stop();
});
beforeEach(() => upstream.reset());

const client = () => new OpenAI({ baseURL: `${gatewayUrl}/v1`, apiKey: 'caller', maxRetries: 0 });

/** A system prompt well over Claude Sonnet's 1024-token minimum, and far under Haiku 4.5's 4096. */
const longSystem = `You are a careful assistant. ${'Follow the house style guide closely. '.repeat(250)}`;
const conversation: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'system', content: longSystem },
  { role: 'user', content: 'Define "cache".' },
  { role: 'assistant', content: 'A store kept close at hand.' },
  { role: 'user', content: 'And "prefix"?' },
];

const anthropicReply = { kind: 'json', body: readFixtureJson('anthropic/fantasy-sonnet4-simple.response.json') } as const;
const converseReply = { kind: 'json', body: readFixtureJson('bedrock/pa-converse-cachepoint.i0.response.json') } as const;

const asList = (value: unknown): Body[] => (Array.isArray(value) ? (value as Body[]) : []);

function received(index = 0): Body {
  const body = upstream.requests[index]?.body as Body | undefined;
  assert.ok(body !== undefined, 'the upstream received the request');
  return body;
}

/** Every `cache_control` in an Anthropic body, by where it sits. */
function cacheControls(body: Body): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  asList(body['system']).forEach((block, index) => block['cache_control'] !== undefined && (found[`system.${index}`] = block['cache_control']));
  asList(body['messages']).forEach((message, at) =>
    asList(message['content']).forEach((block, index) => block['cache_control'] !== undefined && (found[`messages.${at}.${index}`] = block['cache_control'])),
  );
  return found;
}

/** Every Converse `cachePoint` block, by where it sits. */
function cachePoints(body: Body): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  asList(body['system']).forEach((block, index) => block['cachePoint'] !== undefined && (found[`system.${index}`] = block['cachePoint']));
  asList(body['messages']).forEach((message, at) =>
    asList(message['content']).forEach((block, index) => block['cachePoint'] !== undefined && (found[`messages.${at}.${index}`] = block['cachePoint'])),
  );
  return found;
}

test('bedrock-anthropic: breakpoints are placed on a long prompt for an openai caller, by the Bedrock model id', async () => {
  upstream.enqueue(anthropicReply);
  await client().chat.completions.create({ model: 'invoke-sonnet', messages: conversation });
  assert.equal(upstream.requests[0]?.url, '/model/anthropic.claude-3-7-sonnet-20250219-v1%3A0/invoke');
  assert.deepEqual(cacheControls(received()), { 'system.0': { type: 'ephemeral' }, 'messages.0.0': { type: 'ephemeral' }, 'messages.2.0': { type: 'ephemeral' } });
});

test('vertex-anthropic: breakpoints are placed on a long prompt for an openai caller', async () => {
  upstream.enqueue({ kind: 'json', body: readFixtureJson('vertex/fantasy-anthropic-rawPredict-claude37-tool.i0.response.json') });
  await client().chat.completions.create({ model: 'vertex-sonnet', messages: conversation });
  assert.match(String(upstream.requests[0]?.url), /\/publishers\/anthropic\/models\/claude-3-7-sonnet@20250219:rawPredict$/);
  assert.deepEqual(cacheControls(received()), { 'system.0': { type: 'ephemeral' }, 'messages.0.0': { type: 'ephemeral' }, 'messages.2.0': { type: 'ephemeral' } });
});

test('bedrock (Converse): cache points follow the system prompt and the last two turns on a Claude model', async () => {
  upstream.enqueue(converseReply);
  await client().chat.completions.create({ model: 'converse-sonnet', messages: conversation });
  const body = received();
  assert.deepEqual(cachePoints(body), { 'system.1': { type: 'default' }, 'messages.0.1': { type: 'default' }, 'messages.2.1': { type: 'default' } });
  assert.equal(asList(asList(body['messages'])[2]?.['content'])[0]?.['text'], 'And "prefix"?');
});

test('none are placed under the model minimum found from a Bedrock id, nor on a Converse model that is not Claude', async () => {
  upstream.enqueue(anthropicReply, converseReply);
  // Haiku 4.5 caches only prefixes of 4096 tokens or more.
  await client().chat.completions.create({ model: 'invoke-haiku', messages: conversation });
  await client().chat.completions.create({ model: 'converse-nova', messages: conversation });
  assert.deepEqual(cacheControls(received(0)), {});
  assert.deepEqual(cachePoints(received(1)), {});
});
