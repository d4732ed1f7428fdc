/**
 * Bedrock's CountTokens, both ways (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html):
 * served at `POST /model/{modelId}/count-tokens` for @aws-sdk/client-bedrock-runtime's
 * CountTokensCommand (a Converse or an InvokeModel body) and answered by any upstream's counting API,
 * and asked of `bedrock` and `bedrock-anthropic` upstreams when another dialect's caller counts. The
 * test upstreams judge each request by the vendor's rules (test/support/vendor-rules/bedrock.ts) and
 * the SigV4 signature of each Bedrock request is recomputed.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { BedrockRuntimeClient, CountTokensCommand, ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { expectedAuthorization, testAwsCredentials, useTestAwsCredentials } from '../support/sigv4.js';
import { judgeRequest } from '../support/vendor-rules/index.js';

const claude = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
/** Puts the AWS environment back after the tests. */
let restoreAwsEnvironment: () => void = () => undefined;

let bedrockUpstream: TestUpstream;
let anthropicUpstream: TestUpstream;
let gateway: Gateway;
let gatewayUrl: string;
let awsClient: BedrockRuntimeClient;

before(async () => {
  restoreAwsEnvironment = useTestAwsCredentials();
  bedrockUpstream = await new TestUpstream().start();
  anthropicUpstream = await new TestUpstream().start();
  const config = resolveConfig({
    providers: {
      claude: { dialect: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'anthropic-test-key' },
      aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: bedrockUpstream.baseUrl },
      'aws-claude': { dialect: 'bedrock-anthropic', region: 'us-east-1', baseUrl: bedrockUpstream.baseUrl },
    },
    models: {
      'on-anthropic': [{ provider: 'claude', model: 'claude-sonnet-4-5' }],
      'on-converse': [{ provider: 'aws', model: claude }],
      'on-invoke': [{ provider: 'aws-claude', model: claude }],
    },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
  // The Bedrock Runtime client speaks HTTP/2 by default; the gateway here is plain HTTP/1.1.
  awsClient = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: gatewayUrl, credentials: testAwsCredentials, maxAttempts: 1, requestHandler: new NodeHttpHandler() });
});
after(async () => {
  awsClient.destroy();
  await gateway.close(0);
  await bedrockUpstream.stop();
  await anthropicUpstream.stop();
  restoreAwsEnvironment();
});
beforeEach(() => {
  bedrockUpstream.reset();
  anthropicUpstream.reset();
});

const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });

test("the AWS SDK's CountTokens with a Converse body is counted by an Anthropic upstream", async () => {
  anthropicUpstream.enqueue({ kind: 'json', body: { input_tokens: 17 } });
  const answer = await awsClient.send(
    new CountTokensCommand({
      modelId: 'on-anthropic',
      input: { converse: { system: [{ text: 'Be brief.' }], messages: [{ role: 'user', content: [{ text: 'How many rs in strawberry?' }] }] } },
    }),
  );
  assert.equal(answer.inputTokens, 17);
  const received = anthropicUpstream.requests[0];
  assert.equal(received?.url, '/v1/messages/count_tokens');
  const body = received?.body as Record<string, unknown>;
  assert.equal(body['model'], 'claude-sonnet-4-5');
  assert.equal(body['system'], 'Be brief.');
  assert.deepEqual(body['messages'], [{ role: 'user', content: [{ type: 'text', text: 'How many rs in strawberry?' }] }]);
});

test("the AWS SDK's CountTokens with Claude's InvokeModel body is counted by an Anthropic upstream", async () => {
  anthropicUpstream.enqueue({ kind: 'json', body: { input_tokens: 9 } });
  const invokeBody = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 256, system: 'Be brief.', messages: [{ role: 'user', content: 'Hello' }] };
  const answer = await awsClient.send(new CountTokensCommand({ modelId: 'on-anthropic', input: { invokeModel: { body: new TextEncoder().encode(JSON.stringify(invokeBody)) } } }));
  assert.equal(answer.inputTokens, 9);
  const body = anthropicUpstream.requests[0]?.body as Record<string, unknown>;
  assert.equal(body['system'], 'Be brief.');
  assert.equal(body['anthropic_version'], undefined, 'the Bedrock version stays on Bedrock');
  assert.equal(body['max_tokens'], undefined, 'count_tokens takes no max_tokens');
});

test('an Anthropic caller counting on a `bedrock` deployment asks CountTokens with input.converse, signed', async () => {
  bedrockUpstream.enqueue({ kind: 'json', body: { inputTokens: 42 } });
  const { data, response } = await anthropic()
    .messages.countTokens({
      model: 'on-converse',
      system: 'Be brief.',
      tools: [{ name: 'weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      messages: [{ role: 'user', content: 'Weather in Florence?' }],
    })
    .withResponse();
  assert.equal(data.input_tokens, 42);
  assert.equal(response.headers.get('x-interlingua-token-count'), 'upstream');
  assert.deepEqual(bedrockUpstream.takeRefusals(), []);
  const received = bedrockUpstream.requests[0]!;
  assert.equal(received.url, `/model/${encodeURIComponent(claude)}/count-tokens`);
  assert.equal(await expectedAuthorization(received, 'us-east-1'), received.headers['authorization']);
  const converse = (received.body as { input: { converse: Record<string, unknown> } }).input.converse;
  assert.deepEqual(Object.keys(converse).sort(), ['messages', 'system', 'toolConfig']);
  assert.deepEqual(converse['system'], [{ text: 'Be brief.' }]);
  assert.deepEqual(converse['messages'], [{ role: 'user', content: [{ text: 'Weather in Florence?' }] }]);
});

test('an Anthropic caller counting on a `bedrock-anthropic` deployment asks CountTokens with input.invokeModel, signed', async () => {
  bedrockUpstream.enqueue({ kind: 'json', body: { inputTokens: 11 } });
  const counted = await anthropic().messages.countTokens({ model: 'on-invoke', system: 'Be brief.', messages: [{ role: 'user', content: 'Hello' }] });
  assert.equal(counted.input_tokens, 11);
  assert.deepEqual(bedrockUpstream.takeRefusals(), []);
  const received = bedrockUpstream.requests[0]!;
  assert.equal(received.url, `/model/${encodeURIComponent(claude)}/count-tokens`);
  assert.equal(await expectedAuthorization(received, 'us-east-1'), received.headers['authorization']);
  const encoded = (received.body as { input: { invokeModel: { body: string } } }).input.invokeModel.body;
  const invokeBody = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Record<string, unknown>;
  assert.equal(invokeBody['anthropic_version'], 'bedrock-2023-05-31');
  assert.equal(invokeBody['model'], undefined, 'the model is in the path');
  assert.equal(invokeBody['system'], 'Be brief.');
});

test("a Bedrock refusal of a count reaches the AWS SDK as Bedrock's exception", async () => {
  // A ValidationException answered by the upstream, in Bedrock's error shape (x-amzn-errortype names the type):
  // test/fixtures/recorded/bedrock/error-400-validation-empty-content.envelope.json. (A model Bedrock cannot
  // count is estimated instead: count-tokens-unsupported.test.ts.)
  bedrockUpstream.enqueue({
    kind: 'json',
    status: 400,
    body: { message: 'The content field in the Message object at messages.1 is empty. Add a ContentBlock object to the content field and try again.' },
    headers: { 'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/' },
  });
  await assert.rejects(
    awsClient.send(new CountTokensCommand({ modelId: 'on-converse', input: { converse: { messages: [{ role: 'user', content: [{ text: 'hi' }] }] } } })),
    (error: Error) => error instanceof ValidationException && /messages\.1 is empty/.test(error.message),
  );
});

test("the judge takes the AWS SDK's own CountTokens bodies and refuses what CountTokensInput forbids", async () => {
  // The SDK straight at the test upstream: what it sends is what Bedrock receives.
  const direct = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: bedrockUpstream.baseUrl, credentials: testAwsCredentials, maxAttempts: 1, requestHandler: new NodeHttpHandler() });
  try {
    bedrockUpstream.enqueue({ kind: 'json', body: { inputTokens: 3 } }, { kind: 'json', body: { inputTokens: 4 } });
    await direct.send(new CountTokensCommand({ modelId: claude, input: { converse: { messages: [{ role: 'user', content: [{ text: 'hi' }] }] } } }));
    const invokeBody = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] };
    await direct.send(new CountTokensCommand({ modelId: claude, input: { invokeModel: { body: new TextEncoder().encode(JSON.stringify(invokeBody)) } } }));
    assert.deepEqual(bedrockUpstream.takeRefusals(), []);
  } finally {
    direct.destroy();
  }
  const url = `/model/${encodeURIComponent(claude)}/count-tokens`;
  const judged = (body: unknown) => judgeRequest({ method: 'POST', url, headers: { authorization: 'Bearer k' }, body })?.rule;
  const converse = { messages: [{ role: 'user', content: [{ text: 'hi' }] }] };
  assert.equal(judged({ input: { converse, invokeModel: { body: 'e30=' } } }), 'bedrock.count-tokens.input.one-member');
  assert.equal(judged({}), 'bedrock.count-tokens.input.one-member');
  assert.equal(judged({ input: { converse: { ...converse, inferenceConfig: { maxTokens: 1 } } } }), 'bedrock.count-tokens.converse.fields');
  assert.equal(judged({ input: { invokeModel: { body: Buffer.from('{"messages":[]}').toString('base64') } } }), 'bedrock.count-tokens.invoke-model.body');
  assert.equal(judged({ input: { converse } }), undefined);
});

test('an InvokeModel body to count is held to the nesting limit of every other body, and refused as a ValidationException', async () => {
  for (const depth of [200, 5_000]) {
    const invokeBody = `{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[{"role":"user","content":"hi"}],"metadata":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    await assert.rejects(
      awsClient.send(new CountTokensCommand({ modelId: 'on-anthropic', input: { invokeModel: { body: new TextEncoder().encode(invokeBody) } } })),
      (error: Error) => error instanceof ValidationException && /input\.invokeModel\.body.*nests deeper than 128 levels/.test(error.message),
      `a body ${depth} levels deep`,
    );
  }
  const notJson = await fetch(`${gatewayUrl}/model/on-anthropic/count-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input: { invokeModel: { body: Buffer.from('{"messages":').toString('base64') } } }),
  });
  assert.equal(notJson.status, 400);
  assert.match(((await notJson.json()) as { message: string }).message, /input\.invokeModel\.body, once decoded from base64, is not valid JSON at line 1/);
  assert.equal(anthropicUpstream.requests.length, 0, 'nothing refused was counted upstream');
});
