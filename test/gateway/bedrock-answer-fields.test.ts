/**
 * What a Bedrock upstream's answer tells beside its content reaches a Bedrock caller, read by the
 * AWS SDK, whole and streamed: `additionalModelResponseFields` (ConverseResponse, and a stream's
 * `messageStop`) and the upstream's own `metrics.latencyMs` (ConverseResponse, and a stream's
 * `metadata`): https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html,
 * API_runtime_MessageStopEvent.html, API_runtime_ConverseStreamMetadataEvent.html.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConverseCommand, ConverseStreamCommand, type ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { bedrockRuntimeClient } from './support/aws-callers.js';
import { encodeAwsEventStreamMessage } from '../../src/wire/aws-event-stream.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl, apiKey: 'bedrock-api-key-test' } },
  models: { claude: [{ provider: 'aws', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }] },
  retry: { attempts: 0 },
}));
const client = () => bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
const frame = (event: string, data: unknown) => encodeAwsEventStreamMessage({ event, data: JSON.stringify(data) });

const request = {
  modelId: 'claude',
  messages: [{ role: 'user' as const, content: [{ text: 'Count to three, then say END.' }] }],
  inferenceConfig: { stopSequences: ['END'] },
  additionalModelResponseFieldPaths: ['/stop_sequence'],
};
const stopSequenceField = { stop_sequence: 'END' };

test('a whole answer keeps the upstream\'s additionalModelResponseFields and latency', async () => {
  setup.upstream.enqueue({
    kind: 'json',
    body: {
      output: { message: { role: 'assistant', content: [{ text: 'One, two, three.' }] } },
      stopReason: 'stop_sequence',
      additionalModelResponseFields: stopSequenceField,
      usage: { inputTokens: 12, outputTokens: 6, totalTokens: 18 },
      metrics: { latencyMs: 321 },
    },
  });
  const answer = await client().send(new ConverseCommand(request));
  assert.equal(answer.stopReason, 'stop_sequence');
  assert.deepEqual(answer.additionalModelResponseFields, stopSequenceField);
  assert.deepEqual(answer.metrics, { latencyMs: 321 });
});

test('a streamed answer keeps messageStop\'s additionalModelResponseFields and metadata\'s latency', async () => {
  setup.upstream.enqueue({
    kind: 'binary-stream',
    contentType: 'application/vnd.amazon.eventstream',
    chunks: [
      frame('messageStart', { role: 'assistant' }),
      frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'One, two, three.' } }),
      frame('contentBlockStop', { contentBlockIndex: 0 }),
      frame('messageStop', { stopReason: 'stop_sequence', additionalModelResponseFields: stopSequenceField }),
      frame('metadata', { usage: { inputTokens: 12, outputTokens: 6, totalTokens: 18 }, metrics: { latencyMs: 456 } }),
    ],
  });
  const out = await client().send(new ConverseStreamCommand(request));
  const events: ConverseStreamOutput[] = [];
  for await (const event of out.stream!) events.push(event);
  const stop = events.find((event) => event.messageStop !== undefined)?.messageStop;
  const metadata = events.find((event) => event.metadata !== undefined)?.metadata;
  assert.equal(stop?.stopReason, 'stop_sequence');
  assert.deepEqual(stop?.additionalModelResponseFields, stopSequenceField);
  assert.deepEqual(metadata?.metrics, { latencyMs: 456 });
  assert.deepEqual(metadata?.usage, { inputTokens: 12, outputTokens: 6, totalTokens: 18 });
});

test('a streamed answer whose upstream told no metrics still has the metrics Bedrock requires', async () => {
  setup.upstream.enqueue({
    kind: 'binary-stream',
    contentType: 'application/vnd.amazon.eventstream',
    chunks: [
      frame('messageStart', { role: 'assistant' }),
      frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' } }),
      frame('contentBlockStop', { contentBlockIndex: 0 }),
      frame('messageStop', { stopReason: 'end_turn' }),
      frame('metadata', { usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 } }),
    ],
  });
  const out = await client().send(new ConverseStreamCommand({ modelId: 'claude', messages: request.messages }));
  const events: ConverseStreamOutput[] = [];
  for await (const event of out.stream!) events.push(event);
  const stop = events.find((event) => event.messageStop !== undefined)?.messageStop;
  assert.equal(stop?.additionalModelResponseFields, undefined);
  assert.deepEqual(events.find((event) => event.metadata !== undefined)?.metadata?.metrics, { latencyMs: 0 });
});
