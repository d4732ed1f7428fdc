/**
 * `bedrock-anthropic`: Anthropic's body on Bedrock InvokeModel, replayed from recorded
 * InvokeModelWithResponseStream traffic (test/fixtures/recorded/bedrock/fantasy-invoke-stream-claude3haiku-tool.*).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockAnthropicDialect } from '../../../src/dialects/anthropic/bedrock-platform.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { AwsEventStreamParser } from '../../../src/wire/aws-event-stream.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import { judgeRequest } from '../../support/vendor-rules/index.js';
import { readFixtureJson, readFixtureText } from '../../support/fixtures.js';

const model = 'us.anthropic.claude-3-haiku-20240307-v1:0';

function decode(name: string): StreamEvent[] {
  const parser = new AwsEventStreamParser();
  const decoder = bedrockAnthropicDialect.createStreamDecoder();
  const body = Buffer.from(readFixtureText(name).trim(), 'base64');
  const events: StreamEvent[] = [];
  for (let offset = 0; offset < body.length; offset += 50) for (const frame of parser.push(body.subarray(offset, offset + 50))) events.push(...decoder.push(frame));
  return [...events, ...decoder.end()];
}

test('a recorded InvokeModelWithResponseStream of Anthropic events decodes to the tool call it carried', () => {
  const response = foldStream(decode('bedrock/fantasy-invoke-stream-claude3haiku-tool.i0.eventstream.base64.txt'));
  const call = response.content.find((part) => part.type === 'tool-call');
  assert.ok(call?.type === 'tool-call');
  assert.equal(call.id, 'toolu_bdrk_013Mp4GPHBuwCKCgHL2aFRRD');
  assert.equal(call.name, 'weather');
  assert.deepEqual(JSON.parse(call.arguments), { location: 'Florence, Italy' });
  assert.equal(response.finishReason.unified, 'tool-calls');
  assert.equal(response.usage.inputTokens, 345);
});

test("the follow-up stream decodes to text; its body reads and writes back as the Anthropic codec writes it, in Bedrock's envelope", () => {
  const response = foldStream(decode('bedrock/fantasy-invoke-stream-claude3haiku-tool.i1.eventstream.base64.txt'));
  assert.equal(response.content[0]?.type, 'text');
  assert.equal(response.finishReason.unified, 'stop');
  const recorded = readFixtureJson('bedrock/fantasy-invoke-stream-claude3haiku-tool.i1.request.json') as Record<string, unknown>;
  const parsed = bedrockAnthropicDialect.parseRequest(recorded, { model, stream: true });
  const emitted = bedrockAnthropicDialect.emitRequest(parsed.request, { model, defaultMaxOutputTokens: 1024 });
  const { anthropic_version: version, ...anthropicBody } = recorded;
  const direct = anthropicDialect.emitRequest(anthropicDialect.parseRequest({ ...anthropicBody, model, stream: true }, {}).request, { model, defaultMaxOutputTokens: 1024 });
  const { model: _model, stream: _stream, ...withoutModel } = direct.body as Record<string, unknown>;
  assert.equal(version, 'bedrock-2023-05-31');
  assert.deepEqual(emitted.body, { anthropic_version: version, ...withoutModel });
  // The recorded body's messages and tools, in the codec's spelling (a lone text block as a string).
  assert.deepEqual((emitted.body as Record<string, unknown>)['tools'], recorded['tools']);
  assert.equal((emitted.body as Record<string, unknown>)['max_tokens'], 4000);
  const judged = judgeRequest({ method: 'POST', url: `/model/${encodeURIComponent(model)}/invoke-with-response-stream`, headers: { authorization: 'Bearer k' }, body: emitted.body });
  assert.equal(judged, undefined);
});

test('thinking signatures stay on their platform: Bedrock-signed thinking goes back to Bedrock only, Anthropic-signed to Anthropic only', () => {
  const withThinking = (origin: string): ChatRequest => ({
    model: 'm',
    system: [],
    sampling: {},
    stream: false,
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'greeting', signature: 'sig', signatureOrigin: origin }, { type: 'text', text: 'Hello' }] },
      { role: 'user', content: [{ type: 'text', text: 'Again' }] },
    ],
  });
  const blocks = (body: unknown) => ((body as { messages: Array<{ content: Array<{ type: string }> }> }).messages[1]?.content ?? []).map((block) => block.type);
  const options = { model, defaultMaxOutputTokens: 1024 };
  assert.deepEqual(blocks(bedrockAnthropicDialect.emitRequest(withThinking('bedrock-anthropic'), options).body), ['thinking', 'text']);
  const fromAnthropic = bedrockAnthropicDialect.emitRequest(withThinking('anthropic'), options);
  assert.deepEqual(blocks(fromAnthropic.body), ['text']);
  assert.ok(fromAnthropic.warnings.some((warning) => warning.feature === 'reasoning'));
  assert.deepEqual(blocks(anthropicDialect.emitRequest(withThinking('bedrock-anthropic'), options).body), ['text']);
  assert.deepEqual(blocks(anthropicDialect.emitRequest(withThinking('anthropic'), options).body), ['thinking', 'text']);
  const parsed = bedrockAnthropicDialect.parseResponse({
    id: 'msg_bdrk_1',
    type: 'message',
    role: 'assistant',
    model: 'claude',
    content: [{ type: 'thinking', thinking: 't', signature: 's' }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 1 },
  });
  assert.equal(parsed.content[0]?.type === 'reasoning' ? parsed.content[0].signatureOrigin : undefined, 'bedrock-anthropic');
});

test('Bedrock errors on InvokeModel read as Bedrock errors', () => {
  const error = bedrockAnthropicDialect.parseError(429, '{"message":"Too many requests, please wait before trying again."}', {
    'X-Amzn-ErrorType': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/',
  });
  assert.equal(error.code, 'rate_limited');
  assert.equal(error.upstream?.dialect, 'bedrock-anthropic');
});

test("a caller's dated anthropic_version is accepted, and its anthropic_beta reaches only a Bedrock Claude upstream", () => {
  // As @anthropic-ai/bedrock-sdk sends it: the header's version and betas moved into the body.
  const body = { anthropic_version: '2023-06-01', anthropic_beta: ['interleaved-thinking-2025-05-14'], max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };
  const parsed = bedrockAnthropicDialect.parseRequest(body, { model, stream: false });
  assert.deepEqual(parsed.warnings, []);
  const toBedrock = bedrockAnthropicDialect.emitRequest(parsed.request, { model, defaultMaxOutputTokens: 1024 });
  const bedrockBody = toBedrock.body as Record<string, unknown>;
  assert.equal(bedrockBody['anthropic_version'], 'bedrock-2023-05-31');
  assert.deepEqual(bedrockBody['anthropic_beta'], ['interleaved-thinking-2025-05-14']);
  assert.deepEqual(toBedrock.warnings, []);
  const toAnthropic = anthropicDialect.emitRequest(parsed.request, { model: 'claude-sonnet-4-5', defaultMaxOutputTokens: 1024 });
  const anthropicBody = toAnthropic.body as Record<string, unknown>;
  assert.equal(anthropicBody['anthropic_beta'], undefined);
  assert.equal(anthropicBody['anthropic_version'], undefined);
  assert.deepEqual(toAnthropic.warnings.map((warning) => [warning.type, warning.feature]), [['unsupported', 'anthropic_beta']]);
  assert.throws(() => bedrockAnthropicDialect.parseRequest({ ...body, anthropic_beta: 'one' }, { model }), /anthropic_beta/);
});

test("a block binding's beta joins a Bedrock caller's own betas in anthropic_beta, once each", () => {
  const thinking = { type: 'adaptive' };
  const body = {
    anthropic_version: 'bedrock-2023-05-31',
    anthropic_beta: ['interleaved-thinking-2025-05-14', 'thinking-binding-controls-2026-08-01'],
    max_tokens: 100,
    thinking,
    messages: [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: [{ type: 'thinking', thinking: 'A greeting.', signature: 'sig' }, { type: 'text', text: 'Hello.' }] },
      { role: 'user', content: 'Again' },
    ],
  };
  const parsed = bedrockAnthropicDialect.parseRequest(body, { model, stream: false });
  const emitted = bedrockAnthropicDialect.emitRequest(parsed.request, { model, defaultMaxOutputTokens: 1024, dropStaleThinking: true });
  const emittedBody = emitted.body as Record<string, unknown>;
  assert.deepEqual(emittedBody['thinking'], { type: 'adaptive', block_binding: { prefix_mismatch_behavior: 'drop_block' } });
  assert.deepEqual(emittedBody['anthropic_beta'], ['interleaved-thinking-2025-05-14', 'thinking-binding-controls-2026-08-01']);
  assert.equal(emitted.headers, undefined, 'Bedrock reads no beta header');
});
