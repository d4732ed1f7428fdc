/**
 * Claude models differ in the `output_config.effort` words they take (`max` from Opus 4.6 and
 * Sonnet 4.6, `xhigh` from Opus 4.7: https://platform.claude.com/docs/en/build-with-claude/effort),
 * and refuse another with a 400 (test/fixtures/recorded/anthropic/pa-error-400-invalid-request.*.json).
 * An Anthropic caller's word goes to a model that lacks it as the nearest lower word the model
 * takes, with a warning: directly, after a fallback from Opus 4.7, and through Bedrock. The caller
 * is the official Anthropic SDK; the upstreams judge by Anthropic's and Bedrock's rules.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { upstreamScenarios } from './support/upstream-scenarios.js';
import { readFixtureJson } from '../support/fixtures.js';
import { judgeRequest } from '../support/vendor-rules/index.js';

let upstream: TestUpstream;
let gateway: Gateway;
let client: Anthropic;

before(async () => {
  upstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      an: { dialect: 'anthropic', baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test', defaultMaxTokens: 1024 },
      aws: { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl: upstream.baseUrl, apiKey: 'bedrock-api-key-test' },
    },
    models: {
      'opus-4-6': [{ provider: 'an', model: 'claude-opus-4-6' }],
      'opus-4-7-then-4-6': [
        { provider: 'an', model: 'claude-opus-4-7' },
        { provider: 'an', model: 'claude-opus-4-6' },
      ],
      'bedrock-opus-4-5': [{ provider: 'aws', model: 'us.anthropic.claude-opus-4-5-20251101-v1:0' }],
    },
    retry: { attempts: 0 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  client = new Anthropic({ baseURL: `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`, apiKey: 'caller', maxRetries: 0 });
});
after(async () => {
  await gateway.close(0);
  await upstream.stop();
});
beforeEach(() => upstream.reset());

type Body = Record<string, unknown>;

async function ask(model: string, effort: string, thinking?: Anthropic.ThinkingConfigParam): Promise<{ sent: Body[]; warnings: Array<{ feature: string; message: string }> }> {
  const { response } = await client.messages
    .create({ model, max_tokens: 4096, output_config: { effort } as Anthropic.OutputConfig, ...(thinking === undefined ? {} : { thinking }), messages: [{ role: 'user', content: 'What is 2+2?' }] })
    .withResponse();
  return { sent: upstream.requests.map((request) => request.body as Body), warnings: JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string; message: string }> };
}

const effortOf = (body: Body | undefined) => (body?.['output_config'] as Body | undefined)?.['effort'];

test('the judge refuses the recorded request in the recorded words', () => {
  const body = readFixtureJson('anthropic/pa-error-400-invalid-request.request.json');
  const recorded = readFixtureJson('anthropic/pa-error-400-invalid-request.response.json') as { error: { message: string } };
  const refusal = judgeRequest({ method: 'POST', url: '/v1/messages', headers: { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' }, body });
  assert.equal(refusal?.status, 400);
  assert.match(JSON.stringify(refusal?.body), new RegExp(recorded.error.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.equal(judgeRequest({ method: 'POST', url: '/v1/messages', headers: { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' }, body: { ...(body as Body), output_config: { effort: 'max' } } }), undefined);
});

test('"xhigh" to Opus 4.6 goes as "high", which it takes, with a warning', async () => {
  upstream.enqueue(upstreamScenarios.anthropic.text.reply);
  const { sent, warnings } = await ask('opus-4-6', 'xhigh');
  assert.deepEqual(upstream.takeRefusals(), []);
  assert.equal(effortOf(sent[0]), 'high');
  assert.ok(warnings.some((warning) => warning.feature === 'output_config.effort' && /"xhigh".*"high"/.test(warning.message)), JSON.stringify(warnings));
});

test('"max" to Opus 4.6 goes as written, without a warning', async () => {
  upstream.enqueue(upstreamScenarios.anthropic.text.reply);
  const { sent, warnings } = await ask('opus-4-6', 'max');
  assert.equal(effortOf(sent[0]), 'max');
  assert.deepEqual(warnings.filter((warning) => warning.feature === 'output_config.effort'), []);
});

test('"xhigh" with adaptive thinking falls back from Opus 4.7, which takes it, to Opus 4.6 as "high"', async () => {
  upstream.enqueue(upstreamScenarios.anthropic.rateLimit);
  upstream.enqueue(upstreamScenarios.anthropic.text.reply);
  const { sent, warnings } = await ask('opus-4-7-then-4-6', 'xhigh', { type: 'adaptive' });
  assert.deepEqual(upstream.takeRefusals(), []);
  assert.deepEqual(sent.map((body) => [body['model'], effortOf(body)]), [
    ['claude-opus-4-7', 'xhigh'],
    ['claude-opus-4-6', 'high'],
  ]);
  assert.ok(warnings.some((warning) => warning.feature === 'output_config.effort'), JSON.stringify(warnings));
});

test('"max" to Opus 4.5 on Bedrock goes as "high"', async () => {
  upstream.enqueue(upstreamScenarios.anthropic.text.reply);
  const { sent, warnings } = await ask('bedrock-opus-4-5', 'max');
  assert.deepEqual(upstream.takeRefusals(), []);
  assert.equal(effortOf(sent[0]), 'high');
  assert.ok(warnings.some((warning) => warning.feature === 'output_config.effort' && /"max".*"high"/.test(warning.message)), JSON.stringify(warnings));
});
