/**
 * Property tests: whatever a caller or an upstream sends, the parsers answer with a value or an
 * `InterlinguaError`, never another exception; and whatever order lifecycles interleave in, the
 * encoder writes a valid sequential stream that loses no tool-call argument.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { foldStream } from '../../../src/core/fold-stream.js';
import { assertValidAnthropicStream, decodeFrames, encodeEvents, sseFrames } from './support.js';

function valueOrInterlinguaError(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof InterlinguaError)) throw error;
  }
}

const blockTypes = ['text', 'image', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking', 'document', 'server_tool_use', 'search_result'];

/** Bodies close enough to valid requests to reach the block parsers, with any field possibly wrong. */
const nearRequest = fc.record(
  {
    model: fc.oneof(fc.string(), fc.anything()),
    max_tokens: fc.oneof(fc.nat(), fc.integer(), fc.anything()),
    system: fc.oneof(fc.string(), fc.array(fc.record({ type: fc.constant('text'), text: fc.oneof(fc.string(), fc.anything()) })), fc.anything()),
    messages: fc.array(
      fc.record({
        role: fc.constantFrom('user', 'assistant', 'system', 'tool'),
        content: fc.oneof(
          fc.string(),
          fc.array(
            fc.dictionary(fc.constantFrom('text', 'id', 'name', 'input', 'tool_use_id', 'content', 'is_error', 'thinking', 'signature', 'data', 'source'), fc.anything()).chain((fields) =>
              fc.constantFrom(...blockTypes).map((type) => ({ ...fields, type })),
            ),
          ),
        ),
      }),
    ),
    tools: fc.array(fc.record({ name: fc.string(), type: fc.option(fc.constantFrom('custom', 'web_search_20250305')), input_schema: fc.anything() })),
    tool_choice: fc.oneof(fc.record({ type: fc.constantFrom('auto', 'any', 'tool', 'none', 'x'), name: fc.option(fc.string(), { nil: undefined }) }), fc.anything()),
    thinking: fc.oneof(fc.record({ type: fc.constantFrom('enabled', 'disabled', 'adaptive'), budget_tokens: fc.option(fc.nat(), { nil: undefined }) }), fc.anything()),
    temperature: fc.oneof(fc.double(), fc.anything()),
    metadata: fc.anything(),
  },
  { requiredKeys: [] },
);

test('parseRequest on arbitrary JSON returns a value or throws InterlinguaError', () => {
  fc.assert(fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (body) => valueOrInterlinguaError(() => anthropicDialect.parseRequest(body, {}))), { numRuns: 500 });
});

test('parseRequest on near-valid requests: value or InterlinguaError; what parses also emits or is refused with an InterlinguaError', () => {
  fc.assert(
    fc.property(nearRequest, (body) => {
      let parsed;
      try {
        parsed = anthropicDialect.parseRequest(body, {});
      } catch (error) {
        if (!(error instanceof InterlinguaError)) throw error;
        return;
      }
      // A request Anthropic would refuse whatever is done to it (no message content at all) is refused
      // with the gateway's own error; anything else that parses is emitted.
      let emitted;
      try {
        emitted = anthropicDialect.emitRequest(parsed.request, { model: 'm', defaultMaxOutputTokens: 100 });
      } catch (error) {
        if (!(error instanceof InterlinguaError)) throw error;
        return;
      }
      assert.ok(emitted.body !== null && typeof emitted.body === 'object');
    }),
    { numRuns: 500 },
  );
});

test('parseResponse and parseError never throw anything but InterlinguaError', () => {
  fc.assert(
    fc.property(fc.anything(), fc.integer({ min: 100, max: 599 }), fc.string(), (body, status, text) => {
      valueOrInterlinguaError(() => anthropicDialect.parseResponse(body));
      assert.ok(anthropicDialect.parseError(status, text, { 'retry-after': text }) instanceof InterlinguaError);
      assert.ok(anthropicDialect.parseError(status, JSON.stringify(body) ?? '', {}) instanceof InterlinguaError);
    }),
    { numRuns: 300 },
  );
});

const eventNames = ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop', 'ping', 'error'];

/** Frames of plausible Anthropic events with arbitrary fields, plus outright garbage. */
const frameArbitrary = fc.oneof(
  fc.record({ event: fc.option(fc.constantFrom(...eventNames), { nil: undefined }), data: fc.string() }),
  fc
    .record({
      type: fc.constantFrom(...eventNames),
      index: fc.oneof(fc.nat(3), fc.anything()),
      message: fc.anything(),
      content_block: fc.oneof(fc.record({ type: fc.constantFrom('text', 'thinking', 'redacted_thinking', 'tool_use', 'server_tool_use'), id: fc.string(), name: fc.string(), data: fc.string() }), fc.anything()),
      delta: fc.oneof(fc.record({ type: fc.constantFrom('text_delta', 'input_json_delta', 'thinking_delta', 'signature_delta'), text: fc.string(), partial_json: fc.string(), thinking: fc.string(), signature: fc.string() }), fc.anything()),
      usage: fc.anything(),
      error: fc.anything(),
    })
    .map((data) => ({ event: data.type, data: JSON.stringify(data) })),
);

test('the stream decoder on arbitrary frames returns events or throws InterlinguaError', () => {
  fc.assert(
    fc.property(fc.array(frameArbitrary, { maxLength: 20 }), (frames) => {
      const decoder = anthropicDialect.createStreamDecoder();
      for (const frame of frames) valueOrInterlinguaError(() => decoder.push(frame));
      const closing = decoder.end();
      assert.ok(closing.every((event) => event.type === 'error' || event.type === 'finish' || event.type.endsWith('-end')));
    }),
    { numRuns: 500 },
  );
});

interface Block {
  kind: 'text' | 'tool' | 'reasoning';
  deltas: string[];
}

/** A random interleaving of the lifecycles of `blocks`, each in its own start → deltas → end order. */
function interleave(blocks: Block[], picks: number[]): StreamEvent[] {
  const queues = blocks.map((block, index): StreamEvent[] => {
    const id = `b${index}`;
    switch (block.kind) {
      case 'text':
        return [{ type: 'text-start', id }, ...block.deltas.map((delta): StreamEvent => ({ type: 'text-delta', id, delta })), { type: 'text-end', id }];
      case 'tool':
        return [
          { type: 'tool-call-start', id, name: `tool${index}` },
          ...block.deltas.map((delta): StreamEvent => ({ type: 'tool-call-delta', id, delta })),
          { type: 'tool-call-end', id },
        ];
      case 'reasoning':
        return [{ type: 'reasoning-start', id }, ...block.deltas.map((delta): StreamEvent => ({ type: 'reasoning-delta', id, delta })), { type: 'reasoning-end', id }];
      default: {
        const unhandled: never = block.kind;
        throw new Error(String(unhandled));
      }
    }
  });
  const events: StreamEvent[] = [{ type: 'response-start', id: 'x', model: 'm' }];
  let pick = 0;
  while (queues.some((queue) => queue.length > 0)) {
    const live = queues.filter((queue) => queue.length > 0);
    const queue = live[(picks[pick++ % Math.max(picks.length, 1)] ?? 0) % live.length];
    const next = queue?.shift();
    if (next !== undefined) events.push(next);
  }
  events.push({ type: 'finish', finishReason: { unified: 'stop' }, usage: {} });
  return events;
}

test('any interleaving encodes to a valid sequential stream that keeps every tool call and all text', () => {
  const blockArbitrary = fc.record({ kind: fc.constantFrom<Block['kind']>('text', 'tool', 'reasoning'), deltas: fc.array(fc.string({ minLength: 1 }), { maxLength: 4 }) });
  fc.assert(
    fc.property(fc.array(blockArbitrary, { maxLength: 5 }), fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (blocks, picks) => {
      const events = interleave(blocks, picks);
      const text = encodeEvents(events);
      assertValidAnthropicStream(text);
      const folded = foldStream(decodeFrames(sseFrames(text)));
      const calls = folded.content.flatMap((part) => (part.type === 'tool-call' ? [[part.id, part.arguments]] : []));
      // Tool calls come out in the order they started, each with all its arguments.
      const expectedCalls = events.flatMap((event) =>
        event.type === 'tool-call-start' ? [[event.id, blocks[Number(event.id.slice(1))]?.deltas.join('')]] : [],
      );
      assert.deepEqual(calls, expectedCalls);
      const length = (kind: Block['kind'], type: string) =>
        [
          blocks.filter((block) => block.kind === kind).reduce((sum, block) => sum + block.deltas.join('').length, 0),
          folded.content.reduce((sum, part) => sum + (part.type === type && part.type !== 'tool-call' ? part.text.length : 0), 0),
        ];
      const [expectedText, actualText] = length('text', 'text');
      assert.equal(actualText, expectedText);
      const [expectedReasoning, actualReasoning] = length('reasoning', 'reasoning');
      assert.equal(actualReasoning, expectedReasoning);
    }),
    { numRuns: 300 },
  );
});
