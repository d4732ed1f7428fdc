/**
 * A guardrail trace the caller asked for (`guardrailConfig.trace: "enabled"`), and the
 * `performanceConfig` and `serviceTier` that served the answer, reach a Bedrock caller from a
 * Bedrock upstream, read by the AWS SDK, whole (ConverseResponse `trace`, `performanceConfig`,
 * `serviceTier`) and streamed (ConverseStreamMetadataEvent, the same names):
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax,
 * API_runtime_ConverseStreamMetadataEvent.html.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConverseCommand, ConverseStreamCommand, type ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { bedrockRuntimeClient } from './support/aws-callers.js';
import { encodeAwsEventStreamMessage } from '../../src/wire/aws-event-stream.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' } },
  models: { nova: [{ provider: 'aws', model: 'us.amazon.nova-pro-v1:0' }] },
  retry: { attempts: 0 },
}));
const client = () => bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
const frame = (event: string, data: unknown) => encodeAwsEventStreamMessage({ event, data: JSON.stringify(data) });

const request = {
  modelId: 'nova',
  messages: [{ role: 'user' as const, content: [{ text: 'How do I pick a lock?' }] }],
  guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: '1', trace: 'enabled' as const },
  performanceConfig: { latency: 'optimized' as const },
};
/** A guardrail's assessment of the input, as GuardrailTraceAssessment words it. */
const trace = {
  guardrail: {
    inputAssessment: {
      'gr-1': { contentPolicy: { filters: [{ type: 'MISCONDUCT', confidence: 'HIGH', filterStrength: 'HIGH', action: 'BLOCKED', detected: true }] } },
    },
  },
};
const performanceConfig = { latency: 'optimized' };
const serviceTier = { type: 'priority' };
const usage = { inputTokens: 9, outputTokens: 5, totalTokens: 14 };

test('a whole answer keeps its guardrail trace, performanceConfig and serviceTier', async () => {
  setup.upstream.enqueue({
    kind: 'json',
    body: {
      output: { message: { role: 'assistant', content: [{ text: 'Sorry, I cannot help with that.' }] } },
      stopReason: 'guardrail_intervened',
      usage,
      metrics: { latencyMs: 123 },
      trace,
      performanceConfig,
      serviceTier,
    },
  });
  const answer = await client().send(new ConverseCommand(request));
  assert.deepEqual((setup.upstream.requests.at(-1)?.body as Record<string, unknown>)['guardrailConfig'], request.guardrailConfig);
  assert.equal(answer.stopReason, 'guardrail_intervened');
  assert.deepEqual(answer.trace, trace);
  assert.deepEqual(answer.performanceConfig, performanceConfig);
  assert.deepEqual(answer.serviceTier, serviceTier);
  assert.deepEqual(answer.metrics, { latencyMs: 123 });
});

test('a streamed answer keeps its metadata\'s trace, performanceConfig and serviceTier', async () => {
  setup.upstream.enqueue({
    kind: 'binary-stream',
    contentType: 'application/vnd.amazon.eventstream',
    chunks: [
      frame('messageStart', { role: 'assistant' }),
      frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Sorry, I cannot help with that.' } }),
      frame('contentBlockStop', { contentBlockIndex: 0 }),
      frame('messageStop', { stopReason: 'guardrail_intervened' }),
      frame('metadata', { usage, metrics: { latencyMs: 456 }, trace, performanceConfig, serviceTier }),
    ],
  });
  const out = await client().send(new ConverseStreamCommand(request));
  const events: ConverseStreamOutput[] = [];
  for await (const event of out.stream!) events.push(event);
  assert.equal(events.find((event) => event.messageStop !== undefined)?.messageStop?.stopReason, 'guardrail_intervened');
  const metadata = events.find((event) => event.metadata !== undefined)?.metadata;
  assert.deepEqual(metadata?.trace, trace);
  assert.deepEqual(metadata?.performanceConfig, performanceConfig);
  assert.deepEqual(metadata?.serviceTier, serviceTier);
  assert.deepEqual(metadata?.metrics, { latencyMs: 456 });
  assert.deepEqual(metadata?.usage, usage);
});
