/**
 * An Anthropic SDK caller's PDF document and `cache_control` breakpoints reach a Bedrock Converse
 * provider as a `document` block and `cachePoint` blocks, which the test upstream's Bedrock judge
 * accepts (test/support/vendor-rules/bedrock.ts); the recorded cache-write answer comes back as
 * Anthropic usage. The other way, a Converse caller's document and cache points reach an Anthropic
 * upstream as a `document` block and `cache_control`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { readFixtureJson } from '../support/fixtures.js';

const claude = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const pdf = Buffer.from('%PDF-1.4 quarterly figures').toString('base64');

let upstream: TestUpstream;
let anthropicUpstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  anthropicUpstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: upstream.baseUrl, apiKey: 'bedrock-api-key-test' },
      claude: { dialect: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'anthropic-test-key' },
    },
    models: { smart: [{ provider: 'aws', model: claude }], direct: [{ provider: 'claude', model: 'claude-sonnet-4-20250514' }] },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
  await anthropicUpstream.stop();
});

test('anthropic caller: a PDF document and cache_control breakpoints arrive as Converse document and cachePoint blocks', async () => {
  // test/fixtures/recorded/bedrock/pa-converse-cachepoint.i0.response.json: a cache write of 1322 tokens.
  upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/pa-converse-cachepoint.i0.response.json') });
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { data: message, response } = await client.messages
    .create({
    model: 'smart',
    max_tokens: 100,
    system: [{ type: 'text', text: 'Answer with a single number.', cache_control: { type: 'ephemeral' } }],
    tools: [{ name: 'lookup', description: 'Looks a figure up.', input_schema: { type: 'object', properties: {} }, cache_control: { type: 'ephemeral', ttl: '1h' } }],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'document', title: 'Q3 report.pdf', source: { type: 'base64', media_type: 'application/pdf', data: pdf } },
          { type: 'text', text: 'What is 10 + 11?', cache_control: { type: 'ephemeral' } },
        ],
      },
    ],
    })
    .withResponse();
  assert.equal(response.headers.get('x-interlingua-warnings'), null);
  assert.equal(message.usage.cache_creation_input_tokens, 1322);
  const body = upstream.requests[0]?.body as Record<string, unknown>;
  assert.deepEqual(body['system'], [{ text: 'Answer with a single number.' }, { cachePoint: { type: 'default' } }]);
  assert.deepEqual((body['toolConfig'] as { tools: unknown[] }).tools[1], { cachePoint: { type: 'default', ttl: '1h' } });
  assert.deepEqual(body['messages'], [
    {
      role: 'user',
      content: [{ document: { format: 'pdf', name: 'Q3 report pdf', source: { bytes: pdf } } }, { text: 'What is 10 + 11?' }, { cachePoint: { type: 'default' } }],
    },
  ]);
  // The judge accepted the request (a refusal would have answered 400 and made stop() throw).
  assert.equal(upstream.takeRefusals().length, 0);
});

test('Converse caller: a document and cache points reach an Anthropic upstream as a document block and cache_control', async () => {
  // test/fixtures/recorded/anthropic/fantasy-sonnet4-simple.response.json
  anthropicUpstream.enqueue({ kind: 'json', body: readFixtureJson('anthropic/fantasy-sonnet4-simple.response.json') });
  const response = await fetch(`${gatewayUrl}/model/direct/converse`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer any-bedrock-key' },
    body: JSON.stringify({
      system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default', ttl: '1h' } }],
      messages: [{ role: 'user', content: [{ document: { format: 'pdf', name: 'Q3 report', source: { bytes: pdf } } }, { text: 'Summarise.' }, { cachePoint: { type: 'default', ttl: '1h' } }] }],
      inferenceConfig: { maxTokens: 100 },
    }),
  });
  assert.equal(response.status, 200);
  const body = anthropicUpstream.requests[0]?.body as { system: unknown; messages: Array<{ content: Array<Record<string, unknown>> }> };
  assert.deepEqual(body.system, [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral', ttl: '1h' } }]);
  const [document, text] = body.messages[0]!.content;
  assert.deepEqual(document?.['source'], { type: 'base64', media_type: 'application/pdf', data: pdf });
  assert.equal(document?.['title'], 'Q3 report');
  assert.deepEqual(text, { type: 'text', text: 'Summarise.', cache_control: { type: 'ephemeral', ttl: '1h' } });
});
