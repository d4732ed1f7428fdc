/**
 * Property tests (fast-check): every parser gives a value or an `InterlinguaError`, never a
 * crash; any well-formed Ollama conversation survives parse → emit; any answer survives
 * encode → decode.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldStream } from '../../../src/core/fold-stream.js';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import type { AssistantPart } from '../../../src/interlingua/content.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { chatRequest, decodeFrames, ndjsonFrames } from './helpers.js';

function onlyInterlinguaErrors(run: () => void): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof InterlinguaError)) throw error;
  }
}

const text = fc.string({ maxLength: 12 });
const nonEmptyText = fc.string({ minLength: 1, maxLength: 12 });
const name = fc.constantFrom('get_weather', 'read_file', 'f');
/** Plain JSON objects as a body parsed from the wire holds them. */
const object = fc
  .dictionary(fc.string({ maxLength: 6 }).filter((key) => key !== '__proto__'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
  .map((value) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>);

test('parseRequest on arbitrary JSON returns a request or throws an InterlinguaError; so does emitting it', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (body) => {
      onlyInterlinguaErrors(() => ollamaDialect.parseRequest(body, {}));
    }),
  );
  const messageLike = fc.dictionary(fc.constantFrom('role', 'content', 'images', 'thinking', 'tool_calls', 'tool_name', 'tool_call_id'), fc.jsonValue({ maxDepth: 3 }));
  const requestLike = fc.record(
    {
      model: fc.oneof(fc.constant('m'), fc.jsonValue({ maxDepth: 1 })),
      messages: fc.oneof(fc.array(messageLike, { maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })),
      tools: fc.jsonValue({ maxDepth: 4 }),
      format: fc.oneof(fc.constant('json'), fc.jsonValue({ maxDepth: 2 })),
      options: fc.dictionary(fc.constantFrom('temperature', 'num_predict', 'stop', 'num_ctx', 'seed'), fc.jsonValue({ maxDepth: 1 })),
      stream: fc.jsonValue({ maxDepth: 0 }),
      think: fc.oneof(fc.constantFrom(true, false, 'low', 'high'), fc.jsonValue({ maxDepth: 0 })),
      keep_alive: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(requestLike, (body) => {
      onlyInterlinguaErrors(() => {
        const { request } = ollamaDialect.parseRequest(body, {});
        ollamaDialect.emitRequest(request, { model: 'm', defaultMaxOutputTokens: 1 });
      });
    }),
  );
});

const toolCall = fc.tuple(name, object).map(([fn, args]) => ({ function: { name: fn, arguments: args } }));
const wireMessage = fc.oneof(
  fc.record({ role: fc.constant('system'), content: text }),
  fc.tuple(text, fc.option(fc.array(fc.base64String({ minLength: 4, maxLength: 16 }), { minLength: 1, maxLength: 2 }), { nil: undefined })).map(([content, images]) =>
    images === undefined ? { role: 'user', content } : { role: 'user', content, images },
  ),
  fc.tuple(text, fc.option(nonEmptyText, { nil: undefined }), fc.option(fc.array(toolCall, { minLength: 1, maxLength: 3 }), { nil: undefined })).map(([content, thinking, calls]) => ({
    role: 'assistant',
    content,
    ...(thinking === undefined ? {} : { thinking }),
    ...(calls === undefined ? {} : { tool_calls: calls }),
  })),
  fc.tuple(text, fc.option(name, { nil: undefined })).map(([content, toolName]) => ({ role: 'tool', content, ...(toolName === undefined ? {} : { tool_name: toolName }) })),
);

test('emitRequest(parseRequest(x)) gives back any well-formed conversation', () => {
  fc.assert(
    fc.property(fc.array(wireMessage, { maxLength: 8 }), fc.boolean(), (messages, stream) => {
      const body = JSON.parse(JSON.stringify({ model: 'llama3.2', messages, stream })) as Record<string, unknown>;
      const { request } = ollamaDialect.parseRequest(body, {});
      const { body: emitted } = ollamaDialect.emitRequest(request, { model: 'llama3.2', defaultMaxOutputTokens: 1 });
      assert.deepEqual(emitted, body);
    }),
  );
});

test('the decoder on arbitrary lines gives events or throws an InterlinguaError; end() never throws', () => {
  const lineLike = fc.oneof(
    fc.string(),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc
      .record(
        {
          model: fc.jsonValue({ maxDepth: 0 }),
          created_at: fc.oneof(fc.constant('2025-07-07T20:22:19.184789Z'), fc.string()),
          message: fc.record({ role: fc.constant('assistant'), content: fc.jsonValue({ maxDepth: 0 }), thinking: fc.jsonValue({ maxDepth: 0 }), tool_calls: fc.jsonValue({ maxDepth: 4 }) }, { requiredKeys: [] }),
          done: fc.jsonValue({ maxDepth: 0 }),
          done_reason: fc.jsonValue({ maxDepth: 0 }),
          eval_count: fc.jsonValue({ maxDepth: 0 }),
          error: fc.jsonValue({ maxDepth: 1 }),
        },
        { requiredKeys: [] },
      )
      .map((value) => JSON.stringify(value)),
  );
  fc.assert(
    fc.property(fc.array(lineLike, { maxLength: 6 }), (lines) => {
      const decoder = ollamaDialect.createStreamDecoder();
      for (const data of lines) onlyInterlinguaErrors(() => decoder.push({ data }));
      const ending = decoder.end();
      assert.ok(ending.every((event) => event.type === 'error'));
    }),
  );
});

/** Adjacent text (or reasoning) parts are one block in a stream; ids of calls are made up again. */
function comparable(content: readonly AssistantPart[]) {
  const merged: Array<{ type: string; text?: string; name?: string; arguments?: unknown }> = [];
  for (const part of content) {
    const previous = merged.at(-1);
    if (part.type === 'tool-call') merged.push({ type: part.type, name: part.name, arguments: JSON.parse(part.arguments === '' ? '{}' : part.arguments) as unknown });
    else if (previous?.type === part.type) previous.text = `${previous.text ?? ''}${part.text}`;
    else merged.push({ type: part.type, text: part.text });
  }
  return merged;
}

test('encoder → decoder keeps any answer: text, thinking and tool calls in order', () => {
  const part = fc.oneof(
    nonEmptyText.map((value): AssistantPart => ({ type: 'text', text: value })),
    nonEmptyText.map((value): AssistantPart => ({ type: 'reasoning', text: value })),
    fc.tuple(name, object).map(([fn, args]): AssistantPart => ({ type: 'tool-call', id: 'x', name: fn, arguments: JSON.stringify(args) })),
  );
  fc.assert(
    fc.property(fc.array(part, { maxLength: 6 }), fc.nat(), fc.nat(), (content, input, output) => {
      const parts = content.map((entry, index) => (entry.type === 'tool-call' ? { ...entry, id: `call_${index}` } : entry));
      const encoder = ollamaDialect.createStreamEncoder({ requestedModel: 'm', request: chatRequest() });
      const response = { id: 'r', model: 'm', content: parts, finishReason: { unified: 'stop' as const }, usage: { inputTokens: input, outputTokens: output } };
      const text = responseToEvents(response).map((event) => encoder.encode(event)).join('');
      const folded = foldStream(decodeFrames(ndjsonFrames(text, 64)));
      assert.deepEqual(comparable(folded.content), comparable(parts));
      assert.deepEqual([folded.usage.inputTokens, folded.usage.outputTokens], [input, output]);
      assert.equal(folded.finishReason.unified, parts.some((entry) => entry.type === 'tool-call') ? 'tool-calls' : 'stop');
    }),
  );
});
