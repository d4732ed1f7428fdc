/**
 * A counter that cannot count the deployment's model: Bedrock's CountTokens for a model it does not
 * count ("The provided model doesn't support counting tokens.", a ValidationException:
 * https://github.com/maximhq/bifrost/pull/2169), Claude's counter on Vertex for a model it does not
 * count ("… is not supported for token counting": https://github.com/BerriAI/litellm/issues/25798).
 * The caller, which counts before every turn (Claude Code), gets a local estimate marked as such
 * rather than an error; any other refusal stays an error. The Bedrock test upstream refuses by the
 * vendor's rules (test/support/vendor-rules/bedrock.ts, `bedrock.count-tokens.model-supported`).
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import type { Logger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { GoogleTokenServer } from '../support/google-token-server.js';
import { useTestAwsCredentials } from '../support/sigv4.js';
import { judgeRequest } from '../support/vendor-rules/index.js';
import { countingRefusedRecently, noteCountingUnsupported } from '../../src/gateway/count-tokens-unsupported.js';
import { InterlinguaError } from '../../src/interlingua/error.js';

const claude = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const nova = 'amazon.nova-pro-v1:0';

/** Warnings the gateway logged, in order. */
const warnings: Array<{ message: string; fields: Record<string, unknown> | undefined }> = [];
const recordingLogger: Logger = {
  debug() {},
  info() {},
  warn(message, fields) {
    warnings.push({ message, fields });
  },
  error() {},
};

let restoreAwsEnvironment: () => void = () => undefined;
const bedrockUpstream = new TestUpstream();
const googleUpstream = new TestUpstream();
const tokenServer = new GoogleTokenServer();
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  restoreAwsEnvironment = useTestAwsCredentials();
  await Promise.all([bedrockUpstream.start(), googleUpstream.start(), tokenServer.start()]);
  const config = resolveConfig({
    providers: {
      aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: bedrockUpstream.baseUrl },
      'gcp-claude': { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: googleUpstream.baseUrl, credentialsFile: tokenServer.writeKeyFile() },
    },
    models: {
      'nova-on-bedrock': [{ provider: 'aws', model: nova }],
      'claude-on-bedrock': [{ provider: 'aws', model: claude }],
      'claude-on-vertex': [{ provider: 'gcp-claude', model: 'claude-3-7-sonnet@20250219' }],
      'counted-on-vertex': [{ provider: 'gcp-claude', model: 'claude-sonnet-4-5@20250929' }],
    },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: recordingLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  restoreAwsEnvironment();
  await Promise.all([bedrockUpstream.stop(), googleUpstream.stop(), tokenServer.stop()]);
});
beforeEach(() => {
  bedrockUpstream.reset();
  googleUpstream.reset();
  warnings.length = 0;
});

const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'How many tokens is this sentence?' }];

test('a Bedrock model CountTokens does not count: estimated locally, marked so, logged once, and not asked again', async () => {
  for (let turn = 0; turn < 2; turn++) {
    const { data, response } = await anthropic().messages.countTokens({ model: 'nova-on-bedrock', system: 'Be brief.', messages }).withResponse();
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-interlingua-token-count'), 'estimated');
    assert.equal(response.headers.get('x-interlingua-deployment'), `aws/${nova}`);
    assert.ok(data.input_tokens > 5 && data.input_tokens < 40, String(data.input_tokens));
  }
  assert.equal(bedrockUpstream.requests.length, 1, 'Bedrock was asked once: its refusal is remembered');
  assert.equal(bedrockUpstream.requests[0]?.url, `/model/${encodeURIComponent(nova)}/count-tokens`);
  const refusals = bedrockUpstream.takeRefusals();
  assert.deepEqual(
    refusals.map((refusal) => [refusal.rule, refusal.status, refusal.message]),
    [['bedrock.count-tokens.model-supported', 400, "The provided model doesn't support counting tokens."]],
  );
  assert.equal(warnings.length, 1, JSON.stringify(warnings));
  assert.equal(warnings[0]?.fields?.['deployment'], `aws/${nova}`);
});

test('a Bedrock model CountTokens counts is still asked, and its count is the upstream one', async () => {
  bedrockUpstream.enqueue({ kind: 'json', body: { inputTokens: 21 } });
  const { data, response } = await anthropic().messages.countTokens({ model: 'claude-on-bedrock', messages }).withResponse();
  assert.equal(data.input_tokens, 21);
  assert.equal(response.headers.get('x-interlingua-token-count'), 'upstream');
  assert.deepEqual(bedrockUpstream.takeRefusals(), []);
  assert.deepEqual(warnings, []);
});

test("Claude on Vertex whose counter says the model is not supported for token counting: estimated", async () => {
  // Anthropic's error body on Vertex's counter, in the words of github.com/BerriAI/litellm/issues/25798 (HTTP 400:
  // github.com/anthropics/claude-code/issues/24530), naming this deployment's model.
  googleUpstream.enqueue({
    kind: 'json',
    status: 400,
    body: { type: 'error', error: { type: 'invalid_request_error', message: 'claude-3-7-sonnet@20250219 is not supported for token counting' } },
  });
  const { data, response } = await anthropic().messages.countTokens({ model: 'claude-on-vertex', messages }).withResponse();
  assert.equal(response.headers.get('x-interlingua-token-count'), 'estimated');
  assert.ok(data.input_tokens > 5, String(data.input_tokens));
  assert.equal(googleUpstream.requests.length, 1);
  assert.match(googleUpstream.requests[0]?.url ?? '', /\/publishers\/anthropic\/models\/count-tokens:rawPredict$/);
  assert.equal(warnings.length, 1);
});

test('an auth refusal of a count is still an error, not an estimate', async () => {
  // Bedrock's answer to a credential it does not know (github.com/anthropics/claude-code/issues/2260: "403 The security token included in the request is invalid.").
  bedrockUpstream.enqueue({
    kind: 'json',
    status: 403,
    body: { message: 'The security token included in the request is invalid.' },
    headers: { 'x-amzn-errortype': 'UnrecognizedClientException:http://internal.amazon.com/coral/com.amazon.bedrock/' },
  });
  await assert.rejects(
    anthropic().messages.countTokens({ model: 'claude-on-bedrock', messages }),
    (error: unknown) => error instanceof Anthropic.PermissionDeniedError && /security token included in the request is invalid/.test(error.message),
  );
  assert.deepEqual(warnings.filter((warning) => warning.message.includes('estimated')), []);
});

test('a refusal of the request itself (a Vertex counter refusing the body) stays an error too', async () => {
  googleUpstream.enqueue({ kind: 'json', status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'messages: at least one message is required' } } });
  await assert.rejects(anthropic().messages.countTokens({ model: 'counted-on-vertex', messages }), Anthropic.BadRequestError);
});

test("the Bedrock judge refuses CountTokens for another provider's model and for an inference profile's id, not for Claude's foundation model", () => {
  const judged = (model: string) =>
    judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(model)}/count-tokens`, headers: { authorization: 'Bearer k' }, body: { input: { converse: { messages } } } })?.rule;
  assert.equal(judged(nova), 'bedrock.count-tokens.model-supported');
  assert.equal(judged('meta.llama3-8b-instruct-v1:0'), 'bedrock.count-tokens.model-supported');
  assert.equal(judged(`us.${claude}`), 'bedrock.count-tokens.model-supported');
  assert.equal(judged(claude), undefined);
  assert.equal(judged(`arn:aws:bedrock:us-east-1::foundation-model/${claude}`), undefined);
  assert.equal(judged('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3'), undefined);
});

test('a refusal to count is remembered for an hour, per gateway', () => {
  const gateway = {};
  const refusal = new InterlinguaError('invalid_request', "The provided model doesn't support counting tokens.");
  const start = Date.parse('2026-12-07T00:00:00Z');
  assert.equal(countingRefusedRecently(gateway, 'aws/m', start), false);
  noteCountingUnsupported(gateway, recordingLogger, 'aws/m', refusal, start);
  assert.equal(countingRefusedRecently(gateway, 'aws/m', start + 59 * 60_000), true);
  assert.equal(countingRefusedRecently(gateway, 'aws/m', start + 61 * 60_000), false, 'asked again after an hour');
  assert.equal(countingRefusedRecently({}, 'aws/m', start + 1), false, 'another gateway has not heard it');
  assert.equal(countingRefusedRecently(gateway, 'aws/other', start + 1), false);
});
