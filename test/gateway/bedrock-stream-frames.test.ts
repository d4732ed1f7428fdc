/**
 * The Bedrock stream encoders hand the writer frames, each serialized once into an event-stream
 * message. The messages must be those the earlier text path wrote (one `StreamFrame` JSON line per
 * frame, read back and framed): the same `:message-type`, `:event-type` / `:exception-type` and
 * `:content-type` headers and the same payloads. The expected messages below were written by that
 * earlier path; the recorded streams are compared byte for byte with the line path kept in
 * test/support/bedrock-streams.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { bedrockDialect } from '../../src/dialects/bedrock/index.js';
import { bedrockAnthropicDialect } from '../../src/dialects/anthropic/bedrock-platform.js';
import type { Dialect } from '../../src/interlingua/dialect.js';
import type { StreamEvent } from '../../src/interlingua/stream-event.js';
import { InterlinguaError } from '../../src/interlingua/error.js';
import { encodeBatch } from '../../src/gateway/stream-writer.js';
import { decodeBytes, encodedBytes } from '../support/bedrock-streams.js';
import { readFixtureText } from '../support/fixtures.js';

const context = { requestedModel: 'smart', request: { model: 'smart', system: [], messages: [], sampling: {}, stream: true } };

const events: StreamEvent[] = [
  { type: 'response-start', id: 'r1', model: 'smart' },
  { type: 'text-start', id: 't1' },
  { type: 'text-delta', id: 't1', delta: 'Hello' },
  { type: 'text-end', id: 't1' },
  { type: 'tool-call-start', id: 'call_1', name: 'lookup' },
  { type: 'tool-call-delta', id: 'call_1', delta: '{"q":1}' },
  { type: 'tool-call-end', id: 'call_1' },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' }, usage: { inputTokens: 3, outputTokens: 4 } },
];

interface DecodedMessage {
  headers: Record<string, unknown>;
  payload: string;
}

/** Every message in `bytes`, read by Smithy's codec (which checks both CRCs). */
function messages(bytes: Buffer): DecodedMessage[] {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const decoded: DecodedMessage[] = [];
  let rest = bytes;
  while (rest.length > 0) {
    const length = rest.readUInt32BE(0);
    const message = codec.decode(rest.subarray(0, length));
    decoded.push({ headers: Object.fromEntries(Object.entries(message.headers).map(([name, header]) => [name, header.value])), payload: toUtf8(message.body) });
    rest = rest.subarray(length);
  }
  return decoded;
}

function served(dialect: Dialect, batch: readonly StreamEvent[]): Buffer {
  const encoded = encodeBatch(dialect.createStreamEncoder(context), 'aws-event-stream', batch);
  assert.ok(Buffer.isBuffer(encoded.chunk), 'an event-stream caller gets bytes');
  return encoded.chunk;
}

const event = (type: string) => ({ ':message-type': 'event', ':event-type': type, ':content-type': 'application/json' });

test('ConverseStream frames are the messages the line path wrote: headers and payloads', () => {
  assert.deepEqual(messages(served(bedrockDialect, events)), [
    { headers: event('messageStart'), payload: '{"role":"assistant"}' },
    { headers: event('contentBlockDelta'), payload: '{"contentBlockIndex":0,"delta":{"text":"Hello"}}' },
    { headers: event('contentBlockStop'), payload: '{"contentBlockIndex":0}' },
    { headers: event('contentBlockStart'), payload: '{"contentBlockIndex":1,"start":{"toolUse":{"toolUseId":"call_1","name":"lookup"}}}' },
    { headers: event('contentBlockDelta'), payload: '{"contentBlockIndex":1,"delta":{"toolUse":{"input":"{\\"q\\":1}"}}}' },
    { headers: event('contentBlockStop'), payload: '{"contentBlockIndex":1}' },
    { headers: event('messageStop'), payload: '{"stopReason":"tool_use"}' },
    { headers: event('metadata'), payload: '{"usage":{"inputTokens":3,"outputTokens":4,"totalTokens":7},"metrics":{"latencyMs":0}}' },
  ]);
});

test('InvokeModelWithResponseStream frames are chunk messages whose bytes are Anthropic events', () => {
  const decoded = messages(served(bedrockAnthropicDialect, events));
  for (const message of decoded) assert.deepEqual(message.headers, event('chunk'));
  const types = decoded.map((message) => {
    const chunk = JSON.parse(message.payload) as { bytes: string };
    assert.deepEqual(Object.keys(chunk), ['bytes']);
    return (JSON.parse(Buffer.from(chunk.bytes, 'base64').toString('utf8')) as { type: string }).type;
  });
  assert.deepEqual(types, ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
});

test('an error mid-stream is one exception message, and ends the batch', () => {
  for (const dialect of [bedrockDialect, bedrockAnthropicDialect]) {
    const encoded = encodeBatch(dialect.createStreamEncoder(context), 'aws-event-stream', [{ type: 'error', error: new InterlinguaError('rate_limited', 'Too many requests') }, events[0]!]);
    assert.equal(encoded.ended, true);
    assert.ok(Buffer.isBuffer(encoded.chunk));
    assert.deepEqual(messages(encoded.chunk), [
      { headers: { ':message-type': 'exception', ':exception-type': 'throttlingException', ':content-type': 'application/json' }, payload: '{"message":"Too many requests"}' },
    ], dialect.name);
  }
});

test('recorded Bedrock streams re-encoded give the same bytes as the line path, and the console text is those lines', () => {
  const recorded: Array<[Dialect, string]> = [
    [bedrockDialect, 'bedrock/pa-converse-stream-reasoning.eventstream.base64.txt'],
    [bedrockDialect, 'bedrock/stream-converse-modelStreamErrorException.eventstream.base64.txt'],
    [bedrockAnthropicDialect, 'bedrock/fantasy-invoke-stream-claude3haiku-tool.i0.eventstream.base64.txt'],
  ];
  for (const [dialect, fixture] of recorded) {
    const decodedEvents = decodeBytes(dialect, Buffer.from(readFixtureText(fixture).trim(), 'base64'));
    const encoded = encodeBatch(dialect.createStreamEncoder(context), 'aws-event-stream', decodedEvents);
    const lines = encodedBytes(dialect, decodedEvents);
    assert.deepEqual(messages(encoded.chunk as Buffer).map((message) => message.headers), messages(lines).map((message) => message.headers), fixture);
    assert.ok((encoded.chunk as Buffer).equals(lines), `${fixture}: the same bytes`);
    const textLines = encoded.text().split('\n').filter((line) => line !== '');
    assert.equal(textLines.length, messages(lines).length, fixture);
  }
});

test('text framing still writes the encoder text as it is', () => {
  const encoded = encodeBatch(bedrockDialect.createStreamEncoder(context), 'text', events.slice(0, 3));
  assert.equal(typeof encoded.chunk, 'string');
  assert.equal(encoded.chunk, encoded.text());
});
