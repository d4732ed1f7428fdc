/**
 * What a Bedrock caller receives from an upstream whose blocks interleave. OpenAI Chat ends its
 * parallel tool calls only when the whole answer ends, so the interlingua events start the second
 * call before the first one ends; ConverseStream must still send one block at a time, since
 * Bedrock does and AWS Strands Agents keeps only one current tool use. And Claude's InvokeModel
 * stream must end with Bedrock's `amazon-bedrock-invocationMetrics`, where langchain-aws reads a
 * stream's usage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import { bedrockAnthropicDialect } from '../../../src/dialects/anthropic/bedrock-platform.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import type { StreamEncoder, StreamFrame } from '../../../src/interlingua/dialect.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { decodeBytes } from '../../support/bedrock-streams.js';
import { readFixtureSseFrames, readFixtureText } from '../../support/fixtures.js';
import { chunkEventText } from '../../../src/dialects/bedrock-family/invoke-chunks.js';
import { assertOneBlockAtATime, frameEvents, strandsContent } from './support/converse-stream-readers.js';

const context = { requestedModel: 'smart', request: { model: 'smart', system: [], messages: [], sampling: {}, stream: true } };

/** The recorded OpenAI stream with two parallel calls, `add` and `multiply`, as interlingua events. */
function openaiTwoCalls(): StreamEvent[] {
  const decoder = openaiChatDialect.createStreamDecoder();
  const frames = readFixtureSseFrames('openai-chat/fantasy-gpt4o-multi_tool_streaming.i0.response.sse').filter((frame) => frame.data !== '[DONE]');
  return [...frames.flatMap((frame) => decoder.push(frame)), ...decoder.end()];
}

function encodedFrames(encoder: StreamEncoder, events: readonly StreamEvent[]): StreamFrame[] {
  assert.ok(encoder.encodeFrames !== undefined);
  return events.flatMap((event) => encoder.encodeFrames!(event));
}

const bothCalls = [
  { toolUse: { toolUseId: 'call_ehIWdjL1abZk1h8FWGLQ0Hie', name: 'add', input: { a: 2, b: 3 } } },
  { toolUse: { toolUseId: 'call_fBSgA47J5VeONggizTIvl7AH', name: 'multiply', input: { a: 2, b: 3 } } },
];

test('ConverseStream: OpenAI parallel tool calls go out one block at a time, and a Strands-like reader gets both', () => {
  const events = openaiTwoCalls();
  const starts = events.map((event) => event.type);
  assert.ok(starts.indexOf('tool-call-end') > starts.lastIndexOf('tool-call-start'), 'the upstream interleaves its calls (the case under test)');
  const wire = frameEvents(encodedFrames(bedrockDialect.createStreamEncoder(context), events));
  assertOneBlockAtATime(wire);
  assert.deepEqual(strandsContent(wire), bothCalls);
  assert.equal(wire.at(-2)?.messageStop?.stopReason, 'tool_use');
});

test('ConverseStream: text interleaved with tool calls closes when a call starts, and its later text follows in its own block', () => {
  const events: StreamEvent[] = [
    { type: 'response-start', id: 'r', model: 'up' },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'Adding ' },
    { type: 'tool-call-start', id: 'a', name: 'add' },
    { type: 'tool-call-delta', id: 'a', delta: '{"a":1' },
    { type: 'text-delta', id: 't', delta: 'and multiplying.' },
    { type: 'tool-call-start', id: 'm', name: 'multiply' },
    { type: 'tool-call-delta', id: 'm', delta: '{"b":2}' },
    { type: 'tool-call-delta', id: 'a', delta: '}' },
    { type: 'finish', finishReason: { unified: 'tool-calls' }, usage: { inputTokens: 5, outputTokens: 7 } },
  ];
  const wire = frameEvents(encodedFrames(bedrockDialect.createStreamEncoder(context), events));
  assertOneBlockAtATime(wire);
  assert.deepEqual(strandsContent(wire), [
    { text: 'Adding ' },
    { toolUse: { toolUseId: 'a', name: 'add', input: { a: 1 } } },
    { text: 'and multiplying.' },
    { toolUse: { toolUseId: 'm', name: 'multiply', input: { b: 2 } } },
  ]);
});

/** Each chunk's model event, parsed. */
function chunkEvents(frames: readonly StreamFrame[]): Array<Record<string, unknown>> {
  return frames.map((frame) => JSON.parse(chunkEventText(frame) ?? 'null') as Record<string, unknown>);
}

test('InvokeModelWithResponseStream: the last chunk is message_stop with amazon-bedrock-invocationMetrics, as Bedrock sends it', () => {
  const recorded = decodeBytes(bedrockAnthropicDialect, Buffer.from(readFixtureText('bedrock/fantasy-invoke-stream-claude3haiku-tool.i0.eventstream.base64.txt').trim(), 'base64'));
  const fromClaude = chunkEvents(encodedFrames(bedrockAnthropicDialect.createStreamEncoder(context), recorded));
  // Bedrock's recording: {"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":345,"outputTokenCount":35,…}};
  // the output count written is the model's own (message_delta's 53), the latencies unknown to the gateway.
  assert.deepEqual(fromClaude.at(-1), {
    type: 'message_stop',
    'amazon-bedrock-invocationMetrics': { inputTokenCount: 345, outputTokenCount: 53, invocationLatency: 0, firstByteLatency: 0 },
  });
  const fromOpenai = chunkEvents(encodedFrames(bedrockAnthropicDialect.createStreamEncoder(context), openaiTwoCalls()));
  assert.deepEqual(fromOpenai.at(-1)?.['amazon-bedrock-invocationMetrics'], { inputTokenCount: 106, outputTokenCount: 50, invocationLatency: 0, firstByteLatency: 0 });
  assert.equal(fromOpenai.filter((event) => event.type === 'message_stop').length, 1);
});
