/**
 * Bedrock's own SDK calling the gateway for a model behind OpenAI Chat, whose recorded stream
 * makes two parallel tool calls that end only with the answer: ConverseStream gets one block at a
 * time (what Bedrock sends and AWS Strands Agents needs), and InvokeModelWithResponseStream ends
 * with Bedrock's `amazon-bedrock-invocationMetrics`, both as `@aws-sdk/client-bedrock-runtime` decodes them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConverseStreamCommand, InvokeModelWithResponseStreamCommand, type ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';
import { readFixtureText } from '../support/fixtures.js';
import { bedrockRuntimeClient } from './support/aws-callers.js';
import { assertOneBlockAtATime, strandsContent } from '../dialects/bedrock/support/converse-stream-readers.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  providers: { oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' } },
  models: { gpt: [{ provider: 'oa', model: 'gpt-4o' }] },
  retry: { attempts: 0 },
}));

const twoCallsStream = () => ({ kind: 'stream' as const, text: readFixtureText('openai-chat/fantasy-gpt4o-multi_tool_streaming.i0.response.sse') });
const question = 'Add 2 and 3, and multiply 2 and 3, calling both tools at once.';
const numbers = { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] };

test('ConverseStream through the AWS SDK: OpenAI parallel calls one block at a time, both kept by a Strands-like reader', async () => {
  setup.upstream.enqueue(twoCallsStream());
  const aws = bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
  const output = await aws.send(
    new ConverseStreamCommand({
      modelId: 'gpt',
      messages: [{ role: 'user', content: [{ text: question }] }],
      toolConfig: { tools: ['add', 'multiply'].map((name) => ({ toolSpec: { name, inputSchema: { json: numbers } } })) },
    }),
  );
  const events: ConverseStreamOutput[] = [];
  for await (const event of output.stream ?? []) events.push(event);
  assertOneBlockAtATime(events);
  assert.deepEqual(strandsContent(events), [
    { toolUse: { toolUseId: 'call_ehIWdjL1abZk1h8FWGLQ0Hie', name: 'add', input: { a: 2, b: 3 } } },
    { toolUse: { toolUseId: 'call_fBSgA47J5VeONggizTIvl7AH', name: 'multiply', input: { a: 2, b: 3 } } },
  ]);
  assert.equal(events.find((event) => event.messageStop !== undefined)?.messageStop?.stopReason, 'tool_use');
  const usage = events.at(-1)?.metadata?.usage;
  assert.deepEqual([usage?.inputTokens, usage?.outputTokens], [106, 50]);
});

test('InvokeModelWithResponseStream through the AWS SDK: the last chunk carries amazon-bedrock-invocationMetrics', async () => {
  setup.upstream.enqueue(twoCallsStream());
  const aws = bedrockRuntimeClient(setup.url, { kind: 'api-key', key: 'caller' });
  const output = await aws.send(
    new InvokeModelWithResponseStreamCommand({
      modelId: 'gpt',
      contentType: 'application/json',
      body: JSON.stringify({
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 256,
        messages: [{ role: 'user', content: question }],
        tools: ['add', 'multiply'].map((name) => ({ name, input_schema: numbers })),
      }),
    }),
  );
  const chunks: Array<Record<string, unknown>> = [];
  for await (const part of output.body ?? []) {
    if (part.chunk?.bytes !== undefined) chunks.push(JSON.parse(Buffer.from(part.chunk.bytes).toString('utf8')) as Record<string, unknown>);
  }
  assert.deepEqual(chunks.at(-1), {
    type: 'message_stop',
    'amazon-bedrock-invocationMetrics': { inputTokenCount: 106, outputTokenCount: 50, invocationLatency: 0, firstByteLatency: 0 },
  });
});
