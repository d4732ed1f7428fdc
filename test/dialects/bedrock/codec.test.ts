/**
 * The bedrock (Converse) codec on recorded bodies: responses and errors read, requests written
 * and read back, and every written request accepted by the Bedrock judge
 * (test/support/vendor-rules/bedrock.ts).
 */
import { fitToolNames } from '../../../src/core/tool-name-fit.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';

const claude = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const emitOptions = { model: claude, defaultMaxOutputTokens: 1024 };

function request(overrides: Partial<ChatRequest>): ChatRequest {
  return { model: 'smart', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }], sampling: {}, stream: false, ...overrides };
}

/** What the Bedrock judge says of a Converse body sent with a well-formed bearer key. */
function judged(body: unknown) {
  return judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(claude)}/converse`, headers: { authorization: 'Bearer test-key' }, body });
}

test('a recorded Converse answer reads as signed reasoning, text, a stop and usage', () => {
  // test/fixtures/recorded/bedrock/converse-reasoning-signature.response.json
  const response = bedrockDialect.parseResponse(readFixtureJson('bedrock/converse-reasoning-signature.response.json'));
  const [reasoning, text] = response.content;
  assert.ok(reasoning?.type === 'reasoning' && text?.type === 'text');
  assert.match(reasoning.text, /strawberry/);
  assert.match(reasoning.signature ?? '', /^EvYBCkgI/);
  assert.equal(reasoning.signatureOrigin, 'bedrock');
  assert.match(text.text, /\*\*3\*\*/);
  assert.deepEqual(response.finishReason, { unified: 'stop', raw: 'end_turn' });
  assert.equal(response.usage.inputTokens, 51);
  assert.equal(response.usage.outputTokens, 78);
  assert.equal(response.usage.cachedInputTokens, 0);
});

test('cache writes count in the interlingua input tokens, as Bedrock counts them in its total', () => {
  // test/fixtures/recorded/bedrock/pa-converse-cachepoint.i0.response.json: inputTokens 2, cacheWriteInputTokens 1322, totalTokens 1329.
  const response = bedrockDialect.parseResponse(readFixtureJson('bedrock/pa-converse-cachepoint.i0.response.json'));
  assert.equal(response.usage.inputTokens, 1324);
  assert.equal(response.usage.cacheWriteTokens, 1322);
  assert.equal(response.usage.totalTokens, 1329);
  const emitted = bedrockDialect.emitResponse(response, { requestedModel: 'smart', request: request({}) }) as { usage: Record<string, number> };
  assert.equal(emitted.usage['inputTokens'], 2);
  assert.equal(emitted.usage['cacheWriteInputTokens'], 1322);
});

test('a recorded Converse request reads and writes back the same body', () => {
  // test/fixtures/recorded/bedrock/pa-converse-stream-reasoning.request.json, whose empty `system` and
  // `inferenceConfig` the emitter leaves out rather than sending empty.
  const recorded = readFixtureJson('bedrock/pa-converse-stream-reasoning.request.json') as Record<string, unknown>;
  const parsed = bedrockDialect.parseRequest(recorded, { model: 'us.anthropic.claude-sonnet-4-20250514-v1:0', stream: true });
  const emitted = bedrockDialect.emitRequest(parsed.request, { model: 'us.anthropic.claude-sonnet-4-20250514-v1:0', defaultMaxOutputTokens: 4096 });
  const { system: _system, inferenceConfig: _inference, ...expected } = recorded;
  const { inferenceConfig: maxTokens, ...body } = emitted.body as Record<string, unknown>;
  assert.deepEqual(body, expected);
  // Claude needs room beside the thinking budget (thinking.ts).
  assert.deepEqual(maxTokens, { maxTokens: 4096 });
  assert.equal(judged(emitted.body), undefined);
});

test('cache points come back after the block a Bedrock caller put them after', () => {
  const recorded = {
    system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }],
    messages: [{ role: 'user', content: [{ text: 'What is 10 + 11?' }, { cachePoint: { type: 'default' } }] }],
  };
  const parsed = bedrockDialect.parseRequest(recorded, { model: claude });
  assert.deepEqual(bedrockDialect.emitRequest(parsed.request, emitOptions).body, recorded);
  assert.throws(() => bedrockDialect.parseRequest({ messages: [{ role: 'user', content: [{ cachePoint: { type: 'default' } }] }] }, { model: claude }), {
    code: 'invalid_request',
  });
});

test('reasoning signed elsewhere is left out with a warning; reasoning Bedrock signed goes back unmodified', () => {
  const history = (origin: string): ChatRequest =>
    request({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Count the rs' }] },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'three', signature: 'sig', signatureOrigin: origin }, { type: 'text', text: '3' }] },
        { role: 'user', content: [{ type: 'text', text: 'Sure?' }] },
      ],
    });
  const foreign = bedrockDialect.emitRequest(history('anthropic'), emitOptions);
  const foreignBody = foreign.body as { messages: Array<{ content: unknown[] }> };
  assert.deepEqual(foreignBody.messages[1]?.content, [{ text: '3' }]);
  assert.ok(foreign.warnings.some((warning) => warning.feature === 'reasoning'));
  const own = bedrockDialect.emitRequest(history('bedrock'), emitOptions);
  assert.deepEqual((own.body as { messages: Array<{ content: unknown[] }> }).messages[1]?.content, [{ reasoningContent: { reasoningText: { text: 'three', signature: 'sig' } } }, { text: '3' }]);
  assert.equal(judged(foreign.body), undefined);
  assert.equal(judged(own.body), undefined);
});

test('tools, a forced tool, a tool-call turn and its results are written as Converse blocks the judge accepts', () => {
  const emitted = bedrockDialect.emitRequest(
    request({
      tools: [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
      toolChoice: { type: 'tool', name: 'get_weather' },
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
            { type: 'tool-call', id: 'call_2', name: 'get_weather', arguments: '{"city":"Rome"}' },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'text', text: 'Sunny' }] },
            { type: 'tool-result', toolCallId: 'call_2', content: [{ type: 'text', text: 'failed' }], isError: true },
          ],
        },
      ],
    }),
    emitOptions,
  );
  const body = emitted.body as Record<string, unknown>;
  assert.deepEqual(body['toolConfig'], {
    tools: [{ toolSpec: { name: 'get_weather', description: 'Weather', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } } } }],
    toolChoice: { tool: { name: 'get_weather' } },
  });
  assert.deepEqual((body['messages'] as unknown[])[2], {
    role: 'user',
    content: [
      { toolResult: { toolUseId: 'call_1', content: [{ text: 'Sunny' }] } },
      { toolResult: { toolUseId: 'call_2', content: [{ text: 'failed' }], status: 'error' } },
    ],
  });
  assert.equal(judged(body), undefined);
});

test('a strict tool is reported as not carried; strict: false asks for nothing and is not', () => {
  const features = (strict: boolean) =>
    bedrockDialect.emitRequest(request({ tools: [{ name: 'lookup', parameters: { type: 'object' }, strict }] }), emitOptions).warnings.map((warning) => warning.feature);
  assert.deepEqual(features(true), ['tools.strict']);
  assert.deepEqual(features(false), []);
});

test('tool choice "none" with tool history keeps the tools Bedrock requires, and says so', () => {
  const emitted = bedrockDialect.emitRequest(
    request({
      tools: [{ name: 'lookup', parameters: { type: 'object' } }],
      toolChoice: { type: 'none' },
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Look it up' }] },
        { role: 'assistant', content: [{ type: 'tool-call', id: 't1', name: 'lookup', arguments: '{}' }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', content: [{ type: 'text', text: 'found' }] }] },
      ],
    }),
    emitOptions,
  );
  assert.ok((emitted.body as Record<string, unknown>)['toolConfig'] !== undefined);
  assert.ok(emitted.warnings.some((warning) => warning.feature === 'tool_choice.none'));
  assert.equal(judged(emitted.body), undefined);
});

test('Bedrock declares the tool names it takes, so the transport renames others on the way out and back', () => {
  const fitted = fitToolNames(request({ tools: [{ name: 'files.read', parameters: { type: 'object' } }] }), bedrockDialect.capabilities.toolNames!);
  assert.deepEqual(fitted.request.tools?.map((tool) => tool.name), ['files_read']);
  const emitted = bedrockDialect.emitRequest(fitted.request, emitOptions);
  assert.equal(judged(emitted.body), undefined);
  assert.deepEqual(fitted.restore?.events([{ type: 'tool-call-start', id: 't1', name: 'files_read' }]), [{ type: 'tool-call-start', id: 't1', name: 'files.read' }]);
});

test('the judge refuses what Bedrock refused in the recordings', () => {
  const refusal = judged({ messages: [{ role: 'user', content: [{ text: 'hi' }] }, { role: 'assistant', content: [] }] });
  assert.equal(refusal?.rule, 'bedrock.converse.content.not-empty');
  assert.match(refusal?.message ?? '', /messages\.1 is empty/);
  assert.equal(judged({ messages: [{ role: 'user', content: [{ reasoningContent: { reasoningText: { text: 'x' } } }] }] })?.rule, 'bedrock.converse.user.no-reasoning');
  assert.equal(judged({ messages: [{ role: 'user', content: [{ cachePoint: { type: 'default' } }] }] })?.rule, 'bedrock.converse.cache-point.after-content');
  assert.equal(
    judged({ messages: [{ role: 'user', content: [{ text: 'hi' }] }], toolConfig: { tools: [{ toolSpec: { name: 'a.b', inputSchema: { json: {} } } }] } })?.rule,
    'bedrock.converse.tool-name.pattern',
  );
  const unsigned = judgeRequest({ method: 'POST', url: '/model/x/converse', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=broken' }, body: { messages: [] } });
  assert.equal(unsigned?.rule, 'bedrock.authorization');
  assert.match(String(unsigned?.headers?.['x-amzn-errortype']), /^UnrecognizedClientException:/);
});

test('errors read their type from x-amzn-errortype, or from __type, and render back for Bedrock callers', () => {
  // test/fixtures/recorded/bedrock/error-429-throttling-too-many-tokens.response.json: the header dumped beside it in its issue.
  const throttled = bedrockDialect.parseError(429, readFixtureText('bedrock/error-429-throttling-too-many-tokens.response.json'), {
    'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/',
  });
  assert.equal(throttled.code, 'rate_limited');
  assert.equal(throttled.status, 429);
  assert.equal(throttled.retryable, true);
  assert.equal(throttled.vendorType, 'ThrottlingException');
  assert.equal(throttled.message, 'Too many tokens, please wait before trying again.');
  const envelope = readFixtureJson('bedrock/error-400-validation-empty-content.envelope.json') as { status: number; headers: Record<string, string>; body: unknown };
  const invalid = bedrockDialect.parseError(envelope.status, JSON.stringify(envelope.body), envelope.headers);
  assert.equal(invalid.code, 'invalid_request');
  assert.equal(invalid.retryable, false);
  const fromBody = bedrockDialect.parseError(429, '{"__type":"ThrottlingException","message":"Rate exceeded"}', {});
  assert.equal(fromBody.vendorType, 'ThrottlingException');
  assert.deepEqual(bedrockDialect.emitError(throttled), {
    status: 429,
    body: { message: throttled.message, __type: 'ThrottlingException' },
    headers: { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/' },
  });
});

test('reasoning asked of a model that is not Claude is reported, not guessed; a caller\'s own model fields go through', () => {
  const asked = request({ reasoning: { enabled: true, effort: 'high' } });
  const nova = bedrockDialect.emitRequest(asked, { model: 'amazon.nova-micro-v1:0', defaultMaxOutputTokens: 1024 });
  assert.equal((nova.body as Record<string, unknown>)['additionalModelRequestFields'], undefined);
  assert.ok(nova.warnings.some((warning) => warning.type === 'unsupported' && warning.feature === 'reasoning'));
  const own = bedrockDialect.emitRequest(
    { ...asked, reasoning: undefined, vendor: { bedrock: { additionalModelRequestFields: { aModelParameter: { any: 'shape' } } } } },
    { model: 'amazon.nova-2-lite-v1:0', defaultMaxOutputTokens: 1024 },
  );
  assert.deepEqual((own.body as Record<string, unknown>)['additionalModelRequestFields'], { aModelParameter: { any: 'shape' } });
});

test('reasoning another vendor signed goes to a Converse caller in an envelope, and comes back bound to that vendor; Bedrock’s own stays bare', () => {
  // test/fixtures/recorded/anthropic/fantasy-sonnet4-thinking.i0.response.json's thinking block, as the interlingua holds it.
  const thinking = (readFixtureJson('anthropic/fantasy-sonnet4-thinking.i0.response.json') as { content: Array<{ thinking: string; signature: string }> }).content[0]!;
  const response = {
    id: 'r1',
    model: 'm',
    content: [
      { type: 'reasoning' as const, text: thinking.thinking, signature: thinking.signature, signatureOrigin: 'anthropic' },
      { type: 'reasoning' as const, text: '', redactedData: 'cmVkYWN0ZWQ=', signatureOrigin: 'anthropic' },
      { type: 'reasoning' as const, text: 'mine', signature: 'bedrock-sig', signatureOrigin: 'bedrock' },
    ],
    finishReason: { unified: 'stop' as const },
    usage: { inputTokens: 1, outputTokens: 1 },
  };
  const emitted = bedrockDialect.emitResponse(response, { requestedModel: 'smart', request: request({}) }) as { output: { message: { content: Array<Record<string, unknown>> } } };
  const blocks = emitted.output.message.content;
  const foreign = (blocks[0]?.['reasoningContent'] as { reasoningText: { text: string; signature: string } }).reasoningText;
  assert.equal(foreign.text, thinking.thinking);
  assert.notEqual(foreign.signature, thinking.signature, 'Anthropic’s signature is not passed off as Bedrock’s');
  assert.deepEqual(blocks[2], { reasoningContent: { reasoningText: { text: 'mine', signature: 'bedrock-sig' } } });
  const parsed = bedrockDialect.parseRequest(
    { messages: [{ role: 'user', content: [{ text: 'Hi' }] }, { role: 'assistant', content: [...blocks, { text: 'Hello' }] }, { role: 'user', content: [{ text: 'Again' }] }] },
    { model: claude },
  );
  assert.deepEqual(parsed.request.messages[1]?.content.slice(0, 3), response.content);
});
