/**
 * Amazon Nova on Converse takes cache points in `system` and `messages`, not in `toolConfig.tools`
 * (Bedrock's prompt caching table; the judge rule bedrock.model.nova-no-tool-cache-point in
 * test/support/vendor-rules/models/bedrock-models.ts). The model rules (src/catalog/model-rules.ts) say
 * so for the gateway, which leaves a tool's breakpoint out for Nova, with a warning, and keeps it for Claude.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { catalogVendorOf } from '../../src/gateway/catalog-vendor.js';
import { ModelCatalog } from '../../src/catalog/model-catalog.js';
import { TestUpstream } from '../support/test-upstream.js';
import { judgeRequest } from '../support/vendor-rules/index.js';

const nova = 'us.amazon.nova-pro-v1:0';
const claude = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

let upstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: { aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: upstream.baseUrl, apiKey: 'bedrock-api-key-test' } },
    models: { nova: [{ provider: 'aws', model: nova }], claude: [{ provider: 'aws', model: claude }] },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
});
beforeEach(() => {
  upstream.reset();
  // A refusal a failed test did not take must not be blamed on the next one.
  upstream.takeRefusals();
});

/** A Converse answer in the shape of API_runtime_Converse.html's Response Syntax. */
const converseAnswer = {
  output: { message: { role: 'assistant', content: [{ text: 'Sunny.' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 12, outputTokens: 2, totalTokens: 14 },
  metrics: { latencyMs: 10 },
};

/** A caller marking its system prompt and its tools as cacheable, as Anthropic's SDK writes it. */
async function askWithCachedToolsAndSystem(model: string): Promise<Headers> {
  upstream.enqueue({ kind: 'json', body: converseAnswer });
  const client = new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
  const { response } = await client.messages
    .create({
      model,
      max_tokens: 64,
      system: [{ type: 'text', text: 'You answer weather questions.', cache_control: { type: 'ephemeral' } }],
      tools: [{ name: 'weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } }, cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'Weather in Florence?' }],
    })
    .withResponse();
  return response.headers;
}

function sentBody(): Record<string, unknown> {
  return upstream.requests[0]?.body as Record<string, unknown>;
}

const toolsOf = (body: Record<string, unknown>) => (body['toolConfig'] as { tools: Array<Record<string, unknown>> }).tools;

test('Nova: the tool cache point is left out with a warning, the system one is kept', async () => {
  const headers = await askWithCachedToolsAndSystem('nova');
  assert.deepEqual(upstream.takeRefusals(), []);
  const body = sentBody();
  assert.equal(toolsOf(body).some((tool) => tool['cachePoint'] !== undefined), false, 'no cachePoint among the tools');
  assert.ok((body['system'] as Array<Record<string, unknown>>).some((block) => block['cachePoint'] !== undefined), 'the system cache point stays');
  const warnings = headers.get('x-interlingua-warnings') ?? '';
  assert.match(warnings, /cache_breakpoints/);
  assert.match(warnings, /nova-pro takes cache breakpoints in the system prompt and messages only; 1 on tools was left out/);
});

test('Claude on Converse keeps its tool cache point', async () => {
  await askWithCachedToolsAndSystem('claude');
  assert.deepEqual(upstream.takeRefusals(), []);
  assert.ok(toolsOf(sentBody()).some((tool) => tool['cachePoint'] !== undefined));
});

test('the model rules know Nova by its Bedrock id, inference profile or not', () => {
  const catalog = new ModelCatalog();
  for (const id of ['amazon.nova-micro-v1:0', 'us.amazon.nova-pro-v1:0', 'eu.amazon.nova-lite-v1:0']) {
    const vendor = catalogVendorOf({ dialect: 'bedrock' }, id);
    assert.equal(vendor, 'amazon', id);
    assert.deepEqual(catalog.factsFor(vendor, id)?.promptCacheFields, ['system', 'messages'], id);
  }
  assert.equal(catalog.factsFor(catalogVendorOf({ dialect: 'bedrock' }, claude), claude)?.promptCacheFields, undefined);
});

test('the judge refuses a tool cache point for Nova and takes it for Claude', () => {
  const body = {
    messages: [{ role: 'user', content: [{ text: 'hi' }] }],
    toolConfig: { tools: [{ toolSpec: { name: 'weather', inputSchema: { json: { type: 'object' } } } }, { cachePoint: { type: 'default' } }] },
  };
  const judged = (model: string) => judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(model)}/converse`, headers: { authorization: 'Bearer k' }, body })?.rule;
  assert.equal(judged(nova), 'bedrock.model.nova-no-tool-cache-point');
  assert.equal(judged(claude), undefined);
});
