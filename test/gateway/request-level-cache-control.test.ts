/**
 * Anthropic's request-level (automatic) `cache_control`, from Anthropic's SDK: Anthropic's API gets
 * it back as it came, counted among its four breakpoints; Bedrock Converse, and Claude on Bedrock
 * InvokeModel and on Vertex AI, which take breakpoints on blocks only, get it on the request's last
 * block (core/request-cache-breakpoint.ts). Each upstream judges what it receives by its vendor rules.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
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
      anthropic: { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'k' },
      converse: { dialect: 'bedrock', region: 'us-east-1', baseUrl: upstream.baseUrl, apiKey: 'bedrock-api-key-test' },
      invoke: { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl: upstream.baseUrl, apiKey: 'bedrock-api-key-test' },
      vertex: { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: upstream.baseUrl, credentialsFile },
    },
    models: {
      'anthropic-sonnet': [{ provider: 'anthropic', model: 'claude-sonnet-4-5' }],
      'converse-sonnet': [{ provider: 'converse', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }],
      'invoke-sonnet': [{ provider: 'invoke', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }],
      'vertex-sonnet': [{ provider: 'vertex', model: 'claude-sonnet-4-5@20250929' }],
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
beforeEach(() => {
  upstream.reset();
  upstream.takeRefusals();
});

const anthropicReply = { kind: 'json', body: readFixtureJson('anthropic/fantasy-sonnet4-simple.response.json') } as const;
const converseReply = { kind: 'json', body: readFixtureJson('bedrock/pa-converse-cachepoint.i0.response.json') } as const;

const asList = (value: unknown): Body[] => (Array.isArray(value) ? (value as Body[]) : []);
const long = 'The house style guide, followed closely. '.repeat(200);

interface Sent {
  body: Body;
  warnings: Array<{ feature: string; message: string }>;
}

/** A request with the request-level breakpoint, and a breakpoint on the system prompt and on each user block when `blocks`. */
async function ask(model: string, blocks: boolean): Promise<Sent> {
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const marked = blocks ? { cache_control: { type: 'ephemeral' as const } } : {};
  const { response } = await client.messages
    .create({
      model,
      max_tokens: 64,
      cache_control: { type: 'ephemeral' },
      system: [{ type: 'text', text: long, ...marked }],
      messages: [
        { role: 'user', content: [1, 2, 3].map((turn) => ({ type: 'text' as const, text: `${long} ${turn}`, ...marked })) },
        { role: 'assistant', content: 'Noted.' },
        { role: 'user', content: [{ type: 'text', text: 'Summarise it.' }] },
      ],
    })
    .withResponse();
  const body = upstream.requests[0]?.body as Body | undefined;
  assert.ok(body !== undefined, 'the upstream received the request');
  return { body, warnings: JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Sent['warnings'] };
}

/** Every block-level `cache_control` (Anthropic) or `cachePoint` (Converse), by where it sits. */
function blockBreakpoints(body: Body, key: 'cache_control' | 'cachePoint'): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  asList(body['system']).forEach((block, index) => block[key] !== undefined && (found[`system.${index}`] = block[key]));
  asList(body['messages']).forEach((message, at) =>
    asList(message['content']).forEach((block, index) => block[key] !== undefined && (found[`messages.${at}.${index}`] = block[key])),
  );
  return found;
}

test('Bedrock Converse: the request-level breakpoint becomes a cache point after the last block', async () => {
  upstream.enqueue(converseReply);
  const { body, warnings } = await ask('converse-sonnet', false);
  assert.deepEqual(upstream.takeRefusals(), []);
  assert.deepEqual(blockBreakpoints(body, 'cachePoint'), { 'messages.2.1': { type: 'default' } });
  assert.equal(body['cache_control'], undefined);
  assert.deepEqual(warnings.filter((warning) => warning.feature === 'cache_control'), []);
});

for (const [model, platform] of [['invoke-sonnet', 'Bedrock InvokeModel'], ['vertex-sonnet', 'Vertex AI']] as const) {
  test(`Claude on ${platform}: the request-level breakpoint goes on the last block, which the platform takes`, async () => {
    upstream.enqueue(anthropicReply);
    const { body } = await ask(model, false);
    assert.deepEqual(upstream.takeRefusals(), []);
    assert.equal(body['cache_control'], undefined);
    assert.deepEqual(blockBreakpoints(body, 'cache_control'), { 'messages.2.0': { type: 'ephemeral' } });
  });
}

test("Anthropic: the request-level breakpoint is kept and counted among four; the earliest block's is left out, with a warning", async () => {
  upstream.enqueue(anthropicReply);
  const { body, warnings } = await ask('anthropic-sonnet', true);
  assert.deepEqual(upstream.takeRefusals(), []);
  assert.deepEqual(body['cache_control'], { type: 'ephemeral' });
  assert.deepEqual(Object.keys(blockBreakpoints(body, 'cache_control')), ['messages.0.0', 'messages.0.1', 'messages.0.2']);
  assert.match(warnings.find((warning) => warning.feature === 'cache_control')?.message ?? '', /at most 4 cache breakpoints, the request-level "cache_control" among them; the first 1 of 5/);
});
