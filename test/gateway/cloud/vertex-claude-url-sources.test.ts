/**
 * Claude on Vertex takes images and PDFs as base64 only, where Anthropic's API also fetches URLs
 * (the judge rule vertex.anthropic.no-url-sources in test/support/vendor-rules/vertex.ts): an image
 * URL reaches Vertex inlined, fetched by the gateway as for Bedrock; a document URL, which the
 * gateway does not fetch, goes as a note in its place, with a warning.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { GoogleTokenServer } from '../../support/google-token-server.js';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

let upstream: TestUpstream;
let tokenServer: GoogleTokenServer;
let imageHost: Server;
let imageUrl: string;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  tokenServer = await new GoogleTokenServer().start();
  imageHost = createServer((_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(png));
  await new Promise<void>((resolve) => imageHost.listen(0, '127.0.0.1', resolve));
  imageUrl = `http://127.0.0.1:${(imageHost.address() as AddressInfo).port}/cat.png`;
  const config = resolveConfig({
    providers: { 'gcp-claude': { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: upstream.baseUrl, credentialsFile: tokenServer.writeKeyFile() } },
    models: { sonnet: [{ provider: 'gcp-claude', model: 'claude-sonnet-4-5@20250929' }] },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
    images: { allowPrivateNetworks: true },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await tokenServer.stop();
  await new Promise((resolve) => imageHost.close(resolve));
  // Last: it throws when a refusal went untaken.
  await upstream.stop();
});
beforeEach(() => {
  upstream.reset();
  upstream.takeRefusals();
});

const answer = {
  id: 'msg_vrtx_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [{ type: 'text', text: 'A cat.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 20, output_tokens: 3 },
};

/** The blocks of the one user message Vertex received. */
async function sentBlocks(block: Anthropic.ContentBlockParam): Promise<{ blocks: Array<Record<string, unknown>>; warnings: string }> {
  upstream.enqueue({ kind: 'json', body: answer });
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages.create({ model: 'sonnet', max_tokens: 100, messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe it.' }, block] }] }).withResponse();
  assert.deepEqual(upstream.takeRefusals(), []);
  const body = upstream.requests[0]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> };
  return { blocks: body.messages[0]!.content, warnings: response.headers.get('x-interlingua-warnings') ?? '' };
}

test('an image URL reaches Claude on Vertex as base64, fetched by the gateway', async () => {
  const { blocks } = await sentBlocks({ type: 'image', source: { type: 'url', url: imageUrl } });
  assert.deepEqual(blocks[1], { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png.toString('base64') } });
});

test('a document URL goes to Claude on Vertex as a note in its place, with a warning', async () => {
  const url = 'https://example.com/report.pdf';
  const { blocks, warnings } = await sentBlocks({ type: 'document', source: { type: 'url', url } });
  assert.deepEqual(blocks[1], { type: 'text', text: `[document ${url} omitted: vertex-anthropic takes no documents by URL]` });
  assert.match(warnings, /file\.url/);
  assert.match(warnings, /vertex-anthropic takes no documents by URL; 1 was replaced by a note saying so/);
});
