/**
 * A ConverseStream caller of a Meta model with tools gets its answer from Converse, which Bedrock
 * answers whole (dialects/bedrock/streamed-tool-use.ts), relayed as a stream: the answer's
 * `trace`, `performanceConfig`, `serviceTier`, `metrics` and `additionalModelResponseFields` reach
 * the caller on the stream's `metadata` and `messageStop` events, as a streamed answer's do
 * (ConverseResponse and ConverseStreamMetadataEvent, the same names:
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax,
 * API_runtime_ConverseStreamMetadataEvent.html, API_runtime_MessageStopEvent.html), read by the AWS SDK.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConverseStreamCommand, type ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { bedrockRuntimeClient } from './support/aws-callers.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' } },
  models: { llama: [{ provider: 'aws', model: 'us.meta.llama3-3-70b-instruct-v1:0' }] },
  retry: { attempts: 0 },
}));
const client = () => bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });

const trace = { guardrail: { outputAssessments: { 'gr-1': [{ contentPolicy: { filters: [{ type: 'VIOLENCE', confidence: 'LOW', action: 'NONE', detected: false }] } }] } } };
const performanceConfig = { latency: 'standard' };
const serviceTier = { type: 'default' };
const additionalModelResponseFields = { stop_sequence: null };
const usage = { inputTokens: 30, outputTokens: 8, totalTokens: 38 };

test('a whole answer relayed as a stream keeps its trace, performanceConfig, serviceTier, metrics and additional fields', async () => {
  setup.upstream.enqueue({
    kind: 'json',
    body: {
      output: { message: { role: 'assistant', content: [{ text: 'It is sunny in Paris.' }] } },
      stopReason: 'end_turn',
      usage,
      metrics: { latencyMs: 789 },
      additionalModelResponseFields,
      trace,
      performanceConfig,
      serviceTier,
    },
  });
  const out = await client().send(
    new ConverseStreamCommand({
      modelId: 'llama',
      messages: [{ role: 'user', content: [{ text: 'Weather in Paris?' }] }],
      toolConfig: { tools: [{ toolSpec: { name: 'weather', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } } } }] },
      guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: '1', trace: 'enabled' },
    }),
  );
  const events: ConverseStreamOutput[] = [];
  for await (const event of out.stream!) events.push(event);
  // The upstream was asked for the whole answer (Converse), not a stream.
  assert.match(setup.upstream.requests.at(-1)?.url ?? '', /\/converse$/);
  assert.deepEqual(events.find((event) => event.messageStop !== undefined)?.messageStop?.additionalModelResponseFields, additionalModelResponseFields);
  const metadata = events.find((event) => event.metadata !== undefined)?.metadata;
  assert.deepEqual(metadata?.trace, trace);
  assert.deepEqual(metadata?.performanceConfig, performanceConfig);
  assert.deepEqual(metadata?.serviceTier, serviceTier);
  assert.deepEqual(metadata?.metrics, { latencyMs: 789 });
  assert.deepEqual(metadata?.usage, usage);
});
