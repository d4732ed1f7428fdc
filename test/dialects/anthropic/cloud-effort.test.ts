/**
 * `output_config.effort` on Bedrock InvokeModel and Vertex AI. Anthropic's effort page lists the models
 * that take it (Opus 4.5, Opus 4.6, Sonnet 4.6, Opus 4.7 and later) and says it is generally available,
 * with no beta header, on Bedrock and Google Cloud (platform.claude.com/docs/zh-CN/build-with-claude/effort.md).
 * Claude Code asks for it with the old beta `effort-2025-11-24` beside the field; the beta is not sent to
 * the clouds, the field is, for those models. The models before them refuse the field ("output_config.effort:
 * Extra inputs are not permitted", github.com/anthropics/claude-code-action/issues/1005), asked with the beta
 * or not: for them it is left out, with a warning. The test upstream judges each request
 * (test/support/vendor-rules/anthropic/effort-rules.ts). The caller is Anthropic's SDK.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { GoogleTokenServer } from '../../support/google-token-server.js';
import { useTestAwsCredentials } from '../../support/sigv4.js';

let restoreAwsEnvironment: () => void = () => undefined;
let upstream: TestUpstream;
let tokenServer: GoogleTokenServer;
let gateway: Gateway;
let gatewayUrl: string;

/** Each cloud's ids of the models the tests ask for. */
const bedrockIds = {
  'opus-4-6': 'us.anthropic.claude-opus-4-6-v1',
  'sonnet-4-6': 'us.anthropic.claude-sonnet-4-6',
  'opus-4-5': 'us.anthropic.claude-opus-4-5-20251101-v1:0',
  'sonnet-4-5': 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  'haiku-4-5': 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
} as const;
const vertexIds = {
  'opus-4-6': 'claude-opus-4-6',
  'sonnet-4-6': 'claude-sonnet-4-6',
  'opus-4-5': 'claude-opus-4-5@20251101',
  'sonnet-4-5': 'claude-sonnet-4-5@20250929',
  'haiku-4-5': 'claude-haiku-4-5@20251001',
} as const;
type ModelName = keyof typeof bedrockIds;

before(async () => {
  restoreAwsEnvironment = useTestAwsCredentials();
  upstream = await new TestUpstream().start();
  tokenServer = await new GoogleTokenServer().start();
  const credentialsFile = tokenServer.writeKeyFile();
  const models: Record<string, Array<{ provider: string; model: string }>> = {};
  for (const name of Object.keys(bedrockIds) as ModelName[]) {
    models[`bedrock-${name}`] = [{ provider: 'aws-claude', model: bedrockIds[name] }];
    models[`vertex-${name}`] = [{ provider: 'gcp-claude', model: vertexIds[name] }];
  }
  const config = resolveConfig({
    providers: {
      'aws-claude': { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl: upstream.baseUrl },
      'gcp-claude': { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: upstream.baseUrl, credentialsFile },
    },
    models,
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
  restoreAwsEnvironment();
});
beforeEach(() => upstream.reset());

const answer = { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 3, output_tokens: 1 } };

const client = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });

/** Asks `model` for medium effort through the beta messages API, with the effort beta when `withBeta`; the body sent upstream and the warnings. */
async function askEffort(model: string, withBeta: boolean): Promise<{ sent: Record<string, unknown>; betaHeader: string | undefined; warnings: Array<{ feature: string; message: string }> }> {
  upstream.enqueue({ kind: 'json', body: answer });
  const { data: message, response } = await client()
    .beta.messages.create({
      model,
      max_tokens: 300,
      output_config: { effort: 'medium' },
      messages: [{ role: 'user', content: 'hi' }],
      ...(withBeta ? { betas: ['effort-2025-11-24'] } : {}),
    })
    .withResponse();
  assert.equal(message.content[0]?.type, 'text');
  const received = upstream.requests[0]!;
  const header = received.headers['anthropic-beta'];
  return {
    sent: received.body as Record<string, unknown>,
    betaHeader: Array.isArray(header) ? header.join(',') : header,
    warnings: JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string; message: string }>,
  };
}

const effortOf = (sent: Record<string, unknown>): unknown => (sent['output_config'] as Record<string, unknown> | undefined)?.['effort'];

for (const cloud of ['bedrock', 'vertex'] as const) {
  for (const name of ['opus-4-6', 'sonnet-4-6', 'opus-4-5'] as const) {
    test(`${cloud}: claude-${name} asked for effort with the effort beta gets the effort, without the beta`, async () => {
      const { sent, betaHeader, warnings } = await askEffort(`${cloud}-${name}`, true);
      assert.equal(effortOf(sent), 'medium');
      const betas = cloud === 'bedrock' ? ((sent['anthropic_beta'] as string[] | undefined) ?? []) : (betaHeader ?? '').split(',');
      assert.ok(!betas.includes('effort-2025-11-24'), JSON.stringify(betas));
      assert.ok(!warnings.some((warning) => warning.feature === 'output_config.effort'), JSON.stringify(warnings));
    });
  }

  for (const name of ['sonnet-4-5', 'haiku-4-5'] as const) {
    test(`${cloud}: claude-${name}, which has no effort, is sent none, with a warning, asked with the beta or without`, async () => {
      for (const withBeta of [false, true]) {
        upstream.reset();
        const { sent, warnings } = await askEffort(`${cloud}-${name}`, withBeta);
        assert.equal(sent['output_config'], undefined, `with the beta: ${String(withBeta)}`);
        const warning = warnings.find((entry) => entry.feature === 'output_config.effort');
        assert.match(warning?.message ?? '', /"medium" was left out/, JSON.stringify(warnings));
      }
    });
  }
}
