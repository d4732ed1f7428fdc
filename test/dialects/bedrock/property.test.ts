/**
 * Property tests: whatever an upstream or a caller sends, the bedrock parsers answer with a value or
 * an `InterlinguaError`, never another exception; and any bytes fed to the event-stream framing
 * give frames or an `InterlinguaError`.
 */
import { test } from 'node:test';
import fc from 'fast-check';
import { bedrockDialect } from '../../../src/dialects/bedrock/index.js';
import { AwsEventStreamParser, encodeAwsEventStreamMessage } from '../../../src/wire/aws-event-stream.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';

function valueOrInterlinguaError(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof InterlinguaError)) throw error;
  }
}

const blockKeys = ['text', 'image', 'toolUse', 'toolResult', 'reasoningContent', 'cachePoint', 'document'];

/** Bodies near a Converse request or response, with any member possibly wrong. */
const nearBlock = fc.dictionary(fc.constantFrom(...blockKeys), fc.oneof(fc.anything(), fc.record({ toolUseId: fc.string(), name: fc.string(), input: fc.anything(), text: fc.string(), content: fc.anything() }, { requiredKeys: [] })), { maxKeys: 2 });
const nearRequest = fc.record(
  {
    messages: fc.array(fc.record({ role: fc.constantFrom('user', 'assistant', 'system'), content: fc.oneof(fc.array(nearBlock), fc.anything()) })),
    system: fc.oneof(fc.array(nearBlock), fc.anything()),
    inferenceConfig: fc.oneof(fc.record({ maxTokens: fc.anything(), temperature: fc.anything() }, { requiredKeys: [] }), fc.anything()),
    toolConfig: fc.oneof(fc.record({ tools: fc.array(fc.anything()), toolChoice: fc.anything() }, { requiredKeys: [] }), fc.anything()),
    additionalModelRequestFields: fc.anything(),
  },
  { requiredKeys: [] },
);
const nearResponse = fc.record(
  { output: fc.oneof(fc.record({ message: fc.record({ role: fc.string(), content: fc.array(nearBlock) }) }), fc.anything()), stopReason: fc.anything(), usage: fc.anything() },
  { requiredKeys: [] },
);

test('parseRequest and parseResponse on arbitrary and near-valid JSON: a value or InterlinguaError; what parses also emits', () => {
  fc.assert(
    fc.property(fc.oneof(fc.anything(), nearRequest), (body) =>
      valueOrInterlinguaError(() => {
        const parsed = bedrockDialect.parseRequest(body, { model: 'anthropic.claude-sonnet-4-5-20250929-v1:0' });
        bedrockDialect.emitRequest(parsed.request, { model: 'anthropic.claude-sonnet-4-5-20250929-v1:0', defaultMaxOutputTokens: 1024 });
      }),
    ),
    { numRuns: 500 },
  );
  fc.assert(fc.property(fc.oneof(fc.anything(), nearResponse), (body) => valueOrInterlinguaError(() => bedrockDialect.parseResponse(body))), { numRuns: 500 });
});

test('the stream decoder on arbitrary events and payloads: events or InterlinguaError', () => {
  const events = ['messageStart', 'contentBlockStart', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata', 'somethingNew'];
  fc.assert(
    fc.property(
      fc.array(fc.record({ event: fc.constantFrom(...events), data: fc.oneof(fc.string(), fc.jsonValue().map((value) => JSON.stringify(value))), exception: fc.option(fc.constant(true as const), { nil: undefined }) })),
      (frames) =>
        valueOrInterlinguaError(() => {
          const decoder = bedrockDialect.createStreamDecoder();
          for (const frame of frames) decoder.push(frame.exception ? frame : { event: frame.event, data: frame.data });
          decoder.end();
        }),
    ),
    { numRuns: 500 },
  );
});

test('the event-stream framing on arbitrary bytes, or real messages cut anywhere: frames or InterlinguaError', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => valueOrInterlinguaError(() => {
    const parser = new AwsEventStreamParser();
    parser.push(bytes);
    parser.end();
  })), { numRuns: 500 });
  const message = encodeAwsEventStreamMessage({ event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"hi"}}' });
  fc.assert(
    fc.property(fc.nat({ max: message.length }), fc.nat({ max: message.length - 1 }), fc.integer({ min: 0, max: 255 }), (cut, at, flip) =>
      valueOrInterlinguaError(() => {
        const bytes = Buffer.from(message);
        bytes.writeUInt8(bytes.readUInt8(at) ^ flip, at);
        const parser = new AwsEventStreamParser();
        parser.push(bytes.subarray(0, cut));
        parser.push(bytes.subarray(cut));
        parser.end();
      }),
    ),
    { numRuns: 500 },
  );
});
