/**
 * The Bedrock judge and the signature check agree with the real clients: what
 * @aws-sdk/client-bedrock-runtime and @anthropic-ai/bedrock-sdk send (captured by a test upstream) is accepted, its SigV4
 * signature recomputes to the same value, and the SDK reads the test upstream's Converse JSON and
 * ConverseStream bytes (replayed from recordings) as it would read Bedrock's.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand, InvokeModelWithResponseStreamCommand, ThrottlingException } from '@aws-sdk/client-bedrock-runtime';
import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { TestUpstream } from '../support/test-upstream.js';
import { expectedAuthorization, testAwsCredentials } from '../support/sigv4.js';
import { readFixtureJson, readFixtureText } from '../support/fixtures.js';
import { decodeBytes, encodedBytes } from '../support/bedrock-streams.js';
import { bedrockDialect } from '../../src/dialects/bedrock/index.js';

const model = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
let upstream: TestUpstream;
let client: BedrockRuntimeClient;

before(async () => {
  upstream = await new TestUpstream().start();
  // The Bedrock Runtime client speaks HTTP/2 by default; the test upstream is plain HTTP/1.1.
  client = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: upstream.baseUrl, credentials: testAwsCredentials, maxAttempts: 1, requestHandler: new NodeHttpHandler() });
});
after(async () => {
  client.destroy();
  await upstream.stop();
});

test("the AWS SDK's Converse request passes the judge, with a signature that recomputes", async () => {
  upstream.reset();
  // test/fixtures/recorded/bedrock/converse-reasoning-signature.response.json
  upstream.enqueue({ kind: 'json', body: readFixtureJson('bedrock/converse-reasoning-signature.response.json') });
  const answer = await client.send(
    new ConverseCommand({
      modelId: model,
      system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }],
      messages: [{ role: 'user', content: [{ text: 'How many rs in strawberry?' }] }],
      inferenceConfig: { maxTokens: 2048 },
      toolConfig: { tools: [{ toolSpec: { name: 'count_letters', inputSchema: { json: { type: 'object' } } } }], toolChoice: { auto: {} } },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    }),
  );
  assert.equal(answer.stopReason, 'end_turn');
  assert.match(answer.output?.message?.content?.[1]?.text ?? '', /3/);
  const received = upstream.requests[0]!;
  assert.equal(received.url, `/model/${encodeURIComponent(model)}/converse`);
  assert.equal(await expectedAuthorization(received, 'us-east-1'), received.headers['authorization']);
  assert.notEqual(await expectedAuthorization(received, 'us-east-1', 'another-secret'), received.headers['authorization']);
});

test("the AWS SDK reads the test upstream's ConverseStream bytes, replayed from a recording", async () => {
  upstream.reset();
  // test/fixtures/recorded/bedrock/pa-converse-stream-reasoning.eventstream.base64.txt, sent in 64-byte pieces.
  const body = Buffer.from(readFixtureText('bedrock/pa-converse-stream-reasoning.eventstream.base64.txt').trim(), 'base64');
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < body.length; offset += 64) chunks.push(body.subarray(offset, offset + 64));
  upstream.enqueue({ kind: 'binary-stream', chunks, contentType: 'application/vnd.amazon.eventstream' });
  const answer = await client.send(new ConverseStreamCommand({ modelId: model, messages: [{ role: 'user', content: [{ text: 'Hello' }] }] }));
  let text = '';
  let signature: string | undefined;
  let stopReason: string | undefined;
  for await (const event of answer.stream ?? []) {
    text += event.contentBlockDelta?.delta?.text ?? '';
    signature ??= event.contentBlockDelta?.delta?.reasoningContent?.signature;
    stopReason ??= event.messageStop?.stopReason;
  }
  assert.match(text, /anything I can help you with\?$/);
  assert.match(signature ?? '', /^EvYCCkgI/);
  assert.equal(stopReason, 'end_turn');
  assert.equal(upstream.requests[0]?.url, `/model/${encodeURIComponent(model)}/converse-stream`);
});

test('a refusal by the judge reaches the AWS SDK as the exception Bedrock would raise', async () => {
  upstream.reset();
  await assert.rejects(
    client.send(new ConverseCommand({ modelId: model, messages: [{ role: 'user', content: [{ text: 'hi' }] }, { role: 'assistant', content: [] }] })),
    (error: Error) => error.name === 'ValidationException' && /messages\.1 is empty/.test(error.message),
  );
  assert.deepEqual(
    upstream.takeRefusals().map((refusal) => refusal.rule),
    ['bedrock.converse.content.not-empty'],
  );
});

test('a 429 with x-amzn-errortype is a ThrottlingException to the AWS SDK, as the test upstreams answer it', async () => {
  upstream.reset();
  // test/fixtures/recorded/bedrock/error-429-throttling-too-many-tokens.response.json, with the header its issue dumped.
  upstream.enqueue({
    kind: 'json',
    status: 429,
    body: readFixtureText('bedrock/error-429-throttling-too-many-tokens.response.json'),
    headers: { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/' },
  });
  await assert.rejects(client.send(new ConverseCommand({ modelId: model, messages: [{ role: 'user', content: [{ text: 'hi' }] }] })), ThrottlingException);
});

test("the AWS SDK's InvokeModelWithResponseStream passes the judge and reads chunk frames replayed from a recording", async () => {
  upstream.reset();
  // test/fixtures/recorded/bedrock/fantasy-invoke-stream-claude3haiku-tool.i1.{request.json,eventstream.base64.txt}
  const body = Buffer.from(readFixtureText('bedrock/fantasy-invoke-stream-claude3haiku-tool.i1.eventstream.base64.txt').trim(), 'base64');
  upstream.enqueue({ kind: 'binary-stream', chunks: [body.subarray(0, 333), body.subarray(333)], contentType: 'application/vnd.amazon.eventstream' });
  const haiku = 'us.anthropic.claude-3-haiku-20240307-v1:0';
  const answer = await client.send(
    new InvokeModelWithResponseStreamCommand({ modelId: haiku, contentType: 'application/json', body: readFixtureText('bedrock/fantasy-invoke-stream-claude3haiku-tool.i1.request.json') }),
  );
  const types: string[] = [];
  for await (const event of answer.body ?? []) {
    if (event.chunk?.bytes !== undefined) types.push((JSON.parse(Buffer.from(event.chunk.bytes).toString('utf8')) as { type: string }).type);
  }
  assert.equal(types[0], 'message_start');
  assert.equal(types.at(-1), 'message_stop');
  const received = upstream.requests[0]!;
  assert.equal(received.url, `/model/${encodeURIComponent(haiku)}/invoke-with-response-stream`);
  assert.equal(await expectedAuthorization(received, 'us-east-1'), received.headers['authorization']);
});

test("@anthropic-ai/bedrock-sdk's InvokeModel request passes the judge, with a signature that recomputes", async () => {
  upstream.reset();
  upstream.enqueue({
    kind: 'json',
    body: { id: 'msg_bdrk_01', type: 'message', role: 'assistant', model: 'claude-3-haiku-20240307', content: [{ type: 'text', text: 'Ciao!' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 3 } },
  });
  const bedrock = new AnthropicBedrock({ awsRegion: 'us-east-1', awsAccessKey: testAwsCredentials.accessKeyId, awsSecretKey: testAwsCredentials.secretAccessKey, baseURL: upstream.baseUrl, maxRetries: 0 });
  const message = await bedrock.messages.create({ model: 'us.anthropic.claude-3-haiku-20240307-v1:0', max_tokens: 100, messages: [{ role: 'user', content: 'Say hi in Italian' }] });
  assert.equal(message.content[0]?.type === 'text' ? message.content[0].text : undefined, 'Ciao!');
  const received = upstream.requests[0]!;
  assert.match(received.url, /^\/model\/us\.anthropic\.claude-3-haiku-20240307-v1(:|%3A)0\/invoke$/);
  // The SDK moves its own dated API version into the body, not Bedrock's documented value.
  assert.match(String((received.body as Record<string, unknown>)['anthropic_version']), /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(await expectedAuthorization(received, 'us-east-1'), received.headers['authorization']);
});

test('the AWS SDK reads a ConverseStream written by the bedrock dialect\'s encoder (for serving Bedrock callers later)', async () => {
  upstream.reset();
  const recorded = decodeBytes(bedrockDialect, Buffer.from(readFixtureText('bedrock/pa-converse-stream-reasoning.eventstream.base64.txt').trim(), 'base64'));
  upstream.enqueue({ kind: 'binary-stream', chunks: [encodedBytes(bedrockDialect, recorded)], contentType: 'application/vnd.amazon.eventstream' });
  const answer = await client.send(new ConverseStreamCommand({ modelId: model, messages: [{ role: 'user', content: [{ text: 'Hello' }] }] }));
  let text = '';
  let reasoning = '';
  let usage: number | undefined;
  for await (const event of answer.stream ?? []) {
    text += event.contentBlockDelta?.delta?.text ?? '';
    reasoning += event.contentBlockDelta?.delta?.reasoningContent?.text ?? '';
    usage ??= event.metadata?.usage?.outputTokens;
  }
  assert.match(text, /anything I can help you with\?$/);
  assert.match(reasoning, /^The human has just said "Hello"/);
  assert.equal(usage, 74);
});
