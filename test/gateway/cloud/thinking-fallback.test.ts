/**
 * Claude's thinking signatures are bound to the platform that issued them: a signature from
 * Anthropic's API, from Bedrock or from Vertex AI verifies only there. A fallback across the three
 * (Anthropic → Bedrock → Vertex) drops what the next platform cannot verify, with a warning, and
 * keeps what it issued itself; it never sends a request the platform would refuse with a 400.
 * Each upstream judges the requests by its platform's rules (a tool turn under thinking must
 * open with that platform's signed thinking), Bedrock's are SigV4-signed and Vertex's carry an
 * OAuth token from a service-account file whose token endpoint is local.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { resolveConfig } from '../../../src/config/load.js';
import { createGateway, type Gateway } from '../../../src/gateway/server.js';
import { silentLogger } from '../../../src/gateway/logger.js';
import { encodeAwsEventStreamMessage } from '../../../src/wire/aws-event-stream.js';
import { unwrapSignature } from '../../../src/core/signature-envelope.js';
import { TestUpstream } from '../../support/test-upstream.js';
import { GoogleTokenServer } from '../../support/google-token-server.js';
import { expectedAuthorization, useTestAwsCredentials } from '../../support/sigv4.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';

/** Puts the AWS environment back after the tests. */
let restoreAwsEnvironment: () => void = () => undefined;

let anthropicUpstream: TestUpstream;
let bedrockUpstream: TestUpstream;
let vertexUpstream: TestUpstream;
let tokenServer: GoogleTokenServer;
let gateway: Gateway;
let gatewayUrl: string;

before(async () => {
  restoreAwsEnvironment = useTestAwsCredentials();
  anthropicUpstream = await new TestUpstream().start();
  bedrockUpstream = await new TestUpstream().start();
  vertexUpstream = await new TestUpstream().start();
  tokenServer = await new GoogleTokenServer().start();
  const config = resolveConfig({
    providers: {
      claude: { dialect: 'anthropic', baseUrl: anthropicUpstream.baseUrl, apiKey: 'anthropic-test-key' },
      aws: { dialect: 'bedrock', region: 'us-east-1', baseUrl: bedrockUpstream.baseUrl },
      gcp: { dialect: 'vertex-anthropic', projectId: 'test-project', location: 'us-east5', baseUrl: vertexUpstream.baseUrl, credentialsFile: tokenServer.writeKeyFile() },
    },
    models: {
      everywhere: [
        { provider: 'claude', model: 'claude-sonnet-4-20250514' },
        { provider: 'aws', model: 'anthropic.claude-sonnet-4-20250514-v1:0' },
        { provider: 'gcp', model: 'claude-sonnet-4@20250514' },
      ],
      'bedrock-first': [
        { provider: 'aws', model: 'anthropic.claude-sonnet-4-20250514-v1:0' },
        { provider: 'gcp', model: 'claude-sonnet-4@20250514' },
      ],
    },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 5 },
    routing: { cooldown: false },
  });
  gateway = createGateway(config, { logger: silentLogger });
  gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
});
after(async () => {
  await gateway.close(0);
  await Promise.all([anthropicUpstream.stop(), bedrockUpstream.stop(), vertexUpstream.stop(), tokenServer.stop()]);
  restoreAwsEnvironment();
});
beforeEach(() => {
  for (const upstream of [anthropicUpstream, bedrockUpstream, vertexUpstream]) {
    upstream.reset();
    upstream.answerUnqueuedWith(() => ({ kind: 'json', status: 500, body: { message: 'no reply queued' } }));
  }
});

const anthropic = () => new Anthropic({ baseURL: gatewayUrl, apiKey: 'caller', maxRetries: 0 });

// Each platform's refusal of the moment, as recorded: Anthropic's overload, Bedrock's throttling (with its header).
const overloaded = () => ({ kind: 'json' as const, status: 529, body: readFixtureJson('anthropic/error-529-overloaded.json') });
const throttled = () => ({
  kind: 'json' as const,
  status: 429,
  body: readFixtureText('bedrock/error-429-throttling-too-many-tokens.response.json'),
  headers: { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/' },
});
const vertexAnswer = (text: string) => ({
  kind: 'json' as const,
  body: { id: 'msg_vrtx_01', type: 'message', role: 'assistant', model: 'claude-sonnet-4', content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 400, output_tokens: 9 } },
});

interface AnthropicBody {
  messages: Array<{ content: Array<Record<string, unknown>> }>;
  thinking?: unknown;
}

function warningFeatures(response: Response): string[] {
  return (JSON.parse(response.headers.get('x-interlingua-warnings') ?? '[]') as Array<{ feature: string }>).map((warning) => warning.feature);
}

function assertVertexAuthorized(index: number): void {
  const authorization = String(vertexUpstream.requests[index]?.headers['authorization']);
  assert.ok(tokenServer.issued.map((token) => `Bearer ${token}`).includes(authorization));
}

test('Anthropic → Bedrock → Vertex: an Anthropic-signed tool turn, refused for the moment by the first two, reaches Vertex without the thinking and with a warning', async () => {
  anthropicUpstream.answerUnqueuedWith(overloaded);
  bedrockUpstream.answerUnqueuedWith(throttled);
  vertexUpstream.enqueue(vertexAnswer('It is 40 C in Florence.'));
  // test/fixtures/recorded/anthropic/fantasy-sonnet4-thinking.i1.request.json: a tool-result turn answering a turn that opens with signed thinking.
  const recorded = readFixtureJson('anthropic/fantasy-sonnet4-thinking.i1.request.json') as Anthropic.MessageCreateParamsNonStreaming;
  const { data: message, response } = await anthropic().messages.create({ ...recorded, model: 'everywhere', stream: false }).withResponse();
  assert.deepEqual(message.content, [{ type: 'text', text: 'It is 40 C in Florence.' }]);
  assert.ok(anthropicUpstream.requests.length > 0 && bedrockUpstream.requests.length > 0, 'Anthropic and Bedrock were tried first');

  // Bedrock was asked without Anthropic's signature and with thinking off (its judge refuses a tool turn under thinking without its own).
  const toBedrock = bedrockUpstream.requests[0]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }>; additionalModelRequestFields?: unknown };
  assert.equal(toBedrock.messages.flatMap((turn) => turn.content).some((block) => block['reasoningContent'] !== undefined), false);
  assert.equal(toBedrock.additionalModelRequestFields, undefined);
  assert.equal(await expectedAuthorization(bedrockUpstream.requests[0]!, 'us-east-1'), bedrockUpstream.requests[0]?.headers['authorization']);

  const toVertex = vertexUpstream.requests[0]?.body as AnthropicBody;
  assert.equal(toVertex.messages.flatMap((turn) => turn.content).some((block) => block['type'] === 'thinking' || block['type'] === 'redacted_thinking'), false);
  assert.equal(toVertex.thinking, undefined);
  assert.ok(warningFeatures(response).some((feature) => feature.startsWith('reasoning')), JSON.stringify(warningFeatures(response)));
  assertVertexAuthorized(0);
});

test('Bedrock → Vertex: thinking Bedrock signed, handed to the caller in an envelope, is dropped when the tool turn falls over to Vertex, never a 400', async () => {
  // First turn on Bedrock: signed reasoning, then a tool call.
  bedrockUpstream.enqueue({
    kind: 'binary-stream',
    contentType: 'application/vnd.amazon.eventstream',
    chunks: [
      ['messageStart', { role: 'assistant' }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'I should look the weather up.' } } }],
      ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'EqQBCkYIBxgCKkBedrockOnlySignature==' } } }],
      ['contentBlockStop', { contentBlockIndex: 0 }],
      ['contentBlockStart', { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_florence', name: 'weather' } } }],
      ['contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{"location":"Florence, Italy"}' } } }],
      ['contentBlockStop', { contentBlockIndex: 1 }],
      ['messageStop', { stopReason: 'tool_use' }],
      ['metadata', { usage: { inputTokens: 50, outputTokens: 30, totalTokens: 80 }, metrics: { latencyMs: 5 } }],
    ].map(([event, payload]) => encodeAwsEventStreamMessage({ event: String(event), data: JSON.stringify(payload) })),
  });
  const tools: Anthropic.Tool[] = [{ name: 'weather', description: 'Get weather information for a location', input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }];
  const params = { model: 'bedrock-first', max_tokens: 8000, thinking: { type: 'enabled' as const, budget_tokens: 4000 }, tools };
  const question: Anthropic.MessageParam = { role: 'user', content: "What's the weather in Florence, Italy?" };
  const first = await anthropic().messages.stream({ ...params, messages: [question] }).finalMessage();
  const thinking = first.content[0];
  assert.ok(thinking?.type === 'thinking');
  assert.equal(unwrapSignature(thinking.signature)?.origin, 'bedrock', 'the caller holds Bedrock’s signature in an envelope naming Bedrock');

  // The tool turn: Bedrock throttles now, so it goes to Vertex, which cannot verify Bedrock's signature.
  bedrockUpstream.answerUnqueuedWith(throttled);
  vertexUpstream.enqueue(vertexAnswer('40 C in Florence.'));
  const toolUse = first.content.find((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use')!;
  const { data: final, response } = await anthropic()
    .messages.create({ ...params, messages: [question, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '40 C' }] }] })
    .withResponse();
  assert.deepEqual(final.content, [{ type: 'text', text: '40 C in Florence.' }]);
  // Bedrock, asked first, got its own signature back unwrapped, with thinking on.
  const toBedrock = bedrockUpstream.requests[1]?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> };
  assert.deepEqual(toBedrock.messages[1]?.content[0], { reasoningContent: { reasoningText: { text: 'I should look the weather up.', signature: 'EqQBCkYIBxgCKkBedrockOnlySignature==' } } });
  const toVertex = vertexUpstream.requests[0]?.body as AnthropicBody;
  assert.equal(toVertex.messages.flatMap((turn) => turn.content).some((block) => block['type'] === 'thinking'), false, 'Bedrock’s signature is not sent to Vertex');
  assert.equal(toVertex.thinking, undefined, 'thinking is off for a tool turn without Vertex-signed thinking');
  assert.ok(warningFeatures(response).some((feature) => feature.startsWith('reasoning')), JSON.stringify(warningFeatures(response)));
  assertVertexAuthorized(0);
});
