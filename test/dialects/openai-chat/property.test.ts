/**
 * Property tests (fast-check): the parsers take any input and give a value or an
 * `InterlinguaError`, never another exception; what they accept, the emitters can write; and an
 * arbitrary response survives encode → decode → fold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldStream } from '../../../src/core/fold-stream.js';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { withPairedToolResults } from '../../../src/core/tool-result-pairing.js';
import type { AssistantPart } from '../../../src/interlingua/content.js';
import type { StreamFrame } from '../../../src/interlingua/dialect.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { SseParser } from '../../../src/wire/sse-parser.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { assertWellFormed, requestFixtures } from './helpers.js';

const runs = { numRuns: 300 };

/** Calls `run`; an `InterlinguaError` counts as a proper refusal, anything else fails the property. */
function valueOrInterlinguaError<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (error instanceof InterlinguaError) return undefined;
    throw error;
  }
}

/**
 * Accepted requests can be emitted, and what is emitted is itself an acceptable request, unless
 * the conversation was empty to begin with (only empty system messages: nothing to send). Its
 * messages are the request's, once calls and results are paired as OpenAI demands.
 */
function checkRequest(body: unknown): void {
  const parsed = valueOrInterlinguaError(() => openaiChatDialect.parseRequest(body, {}));
  if (parsed === undefined) return;
  const { body: emitted } = openaiChatDialect.emitRequest(parsed.request, { model: 'target', defaultMaxOutputTokens: 1 });
  if (parsed.request.messages.length === 0 && parsed.request.system.length === 0) return;
  const reparsed = openaiChatDialect.parseRequest(JSON.parse(JSON.stringify(emitted)) as unknown, {});
  assert.equal(reparsed.request.messages.length, withPairedToolResults(parsed.request.messages, 'Chat Completions', []).length);
}

test('parseRequest on arbitrary JSON gives a value or an InterlinguaError', () => {
  fc.assert(fc.property(fc.jsonValue(), checkRequest), runs);
});

test('parseRequest on near-valid requests gives a value or an InterlinguaError', () => {
  /** Mostly `good`, sometimes anything at all. */
  const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 29, arbitrary: good }, { weight: 1, arbitrary: fc.jsonValue() });
  const textPart = fc.record({ type: fc.constant('text'), text: mostly(fc.string()) });
  const imagePart = fc.record({
    type: fc.constant('image_url'),
    image_url: mostly(
      fc.oneof(
        fc.webUrl(),
        fc.record({ url: fc.oneof(fc.webUrl(), fc.base64String().map((data) => `data:image/png;base64,${data}`), fc.string()), detail: fc.constantFrom('auto', 'low', 'high') }, { requiredKeys: ['url'] }),
      ),
    ),
  });
  const otherPart = fc.record({ type: fc.constantFrom('input_audio', 'file', 'refusal'), refusal: fc.string() }, { requiredKeys: ['type'] });
  const content = mostly(fc.oneof(fc.string(), fc.array(fc.oneof({ weight: 4, arbitrary: textPart }, imagePart, otherPart), { maxLength: 4 })));
  const toolCall = fc.record({
    id: fc.constantFrom('call_1', 'call_2', ''),
    type: fc.constantFrom('function', 'custom'),
    function: mostly(fc.record({ name: fc.constantFrom('f', 'g'), arguments: fc.string() })),
  });
  const message = fc.oneof(
    { weight: 2, arbitrary: fc.record({ role: fc.constantFrom('system', 'developer'), content, name: fc.string() }, { requiredKeys: ['role', 'content'] }) },
    { weight: 4, arbitrary: fc.record({ role: fc.constant('user'), content }) },
    {
      weight: 3,
      arbitrary: fc.record(
        { role: fc.constant('assistant'), content: fc.oneof(content, fc.constant(null)), tool_calls: fc.array(toolCall, { maxLength: 3 }), reasoning_content: mostly(fc.string()), refusal: fc.string() },
        { requiredKeys: ['role'] },
      ),
    },
    { weight: 2, arbitrary: fc.record({ role: fc.constant('tool'), tool_call_id: mostly(fc.constantFrom('call_1', 'call_2', 'call_x')), content }) },
    { weight: 1, arbitrary: fc.record({ role: fc.constantFrom('function', 'x') }) },
  );
  const body = fc.record(
    {
      model: mostly(fc.string({ minLength: 1 })),
      messages: mostly(fc.array(message, { minLength: 1, maxLength: 6 })),
      tools: mostly(fc.array(fc.record({ type: fc.constantFrom('function', 'custom'), function: fc.record({ name: fc.constantFrom('f', 'g'), parameters: fc.constant({ type: 'object' }), strict: fc.boolean() }, { requiredKeys: ['name'] }) }), { maxLength: 2 })),
      tool_choice: mostly(fc.oneof(fc.constantFrom('auto', 'none', 'required'), fc.constant({ type: 'function', function: { name: 'f' } }), fc.constant({ type: 'allowed_tools', allowed_tools: {} }))),
      response_format: mostly(fc.oneof(fc.constant({ type: 'json_object' }), fc.record({ type: fc.constant('json_schema'), json_schema: fc.record({ name: fc.string(), schema: fc.constant({ type: 'object' }), strict: fc.boolean() }, { requiredKeys: ['name'] }) }))),
      reasoning_effort: mostly(fc.constantFrom('none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max', 'unknown')),
      stop: mostly(fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }))),
      temperature: mostly(fc.double({ min: 0, max: 2, noNaN: true })),
      max_tokens: mostly(fc.nat()),
      stream: mostly(fc.boolean()),
      stream_options: mostly(fc.record({ include_usage: fc.boolean(), include_obfuscation: fc.boolean() }, { requiredKeys: [] })),
      logprobs: fc.jsonValue(),
    },
    { requiredKeys: ['model', 'messages'] },
  );
  let accepted = 0;
  fc.assert(
    fc.property(body, (value) => {
      checkRequest(value);
      if (valueOrInterlinguaError(() => openaiChatDialect.parseRequest(value, {})) !== undefined) accepted++;
    }),
    runs,
  );
  assert.ok(accepted > runs.numRuns / 10, `only ${accepted} of ${runs.numRuns} generated requests were accepted`);
});

/** Every place inside a JSON value, as a key path. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
}

function mutate(body: unknown, path: ReadonlyArray<string | number>, replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (remove && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

test('parseRequest on mutated recorded requests gives a value or an InterlinguaError', () => {
  const bodies = requestFixtures.map((path) => readFixtureJson(path));
  const mutation = fc
    .nat(bodies.length - 1)
    .chain((which) => {
      const body = bodies[which];
      const paths = pathsOf(body);
      return fc.tuple(fc.constant(body), fc.constantFrom(...paths), fc.jsonValue(), fc.boolean());
    });
  fc.assert(
    fc.property(mutation, ([body, path, replacement, remove]) => checkRequest(mutate(body, path, replacement, remove))),
    runs,
  );
});

const chunkFrame: fc.Arbitrary<StreamFrame> = (() => {
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
  const toolCall = fc.record(
    {
      index: maybe(fc.oneof(fc.nat(3), fc.constant(-1))),
      id: maybe(fc.constantFrom('', 'call_a', 'call_b', 'text-0', 'reasoning-1')),
      type: maybe(fc.constant('function')),
      function: maybe(fc.record({ name: maybe(fc.constantFrom('f', 'g', '')), arguments: maybe(fc.string()) }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  );
  const delta = fc.record(
    {
      role: fc.constant('assistant'),
      content: maybe(fc.string()),
      reasoning_content: maybe(fc.string()),
      reasoning: maybe(fc.string()),
      refusal: maybe(fc.string()),
      tool_calls: maybe(fc.array(toolCall, { maxLength: 3 })),
    },
    { requiredKeys: [] },
  );
  const choice = fc.record(
    { index: maybe(fc.nat(2)), delta: maybe(delta), finish_reason: maybe(fc.constantFrom('stop', 'length', 'tool_calls', 'function_call', 'content_filter', 'weird')) },
    { requiredKeys: [] },
  );
  const usage = fc.record({ prompt_tokens: fc.jsonValue(), completion_tokens: maybe(fc.nat()), prompt_tokens_details: fc.jsonValue() }, { requiredKeys: [] });
  const chunk = fc.record(
    { id: maybe(fc.constantFrom('', 'chatcmpl-1')), model: fc.jsonValue(), created: maybe(fc.integer()), choices: maybe(fc.array(choice, { maxLength: 2 })), usage: maybe(usage) },
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 6, arbitrary: chunk.map((value) => ({ data: JSON.stringify(value) })) },
    { weight: 1, arbitrary: fc.constant({ data: '[DONE]' }) },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => ({ data: JSON.stringify(value) })) },
    { weight: 1, arbitrary: fc.record({ error: fc.jsonValue() }).map((value) => ({ data: JSON.stringify(value) })) },
    { weight: 1, arbitrary: fc.string().map((data) => ({ data })) },
  );
})();

test('the stream decoder on arbitrary frames gives well-formed events or an InterlinguaError', () => {
  fc.assert(
    fc.property(fc.array(chunkFrame, { maxLength: 12 }), (frames) => {
      const decoder = openaiChatDialect.createStreamDecoder();
      const events: StreamEvent[] = [];
      for (const frame of frames) {
        const pushed = valueOrInterlinguaError(() => decoder.push(frame));
        if (pushed === undefined) return;
        events.push(...pushed);
      }
      events.push(...decoder.end());
      assertWellFormed(events);
      const last = events.at(-1);
      if (last?.type === 'finish') foldStream(events);
    }),
    runs,
  );
});

/** What a stream can carry of a response: no empty text, adjacent text (or reasoning) joined, no vendor fields, `{}` for no arguments. */
function streamable(parts: readonly AssistantPart[]): AssistantPart[] {
  const result: AssistantPart[] = [];
  for (const part of parts) {
    if (part.type === 'tool-call') {
      result.push({ type: 'tool-call', id: part.id, name: part.name, arguments: part.arguments === '' ? '{}' : part.arguments });
      continue;
    }
    if (part.text === '') continue;
    const previous = result.at(-1);
    if (previous !== undefined && previous.type === part.type) previous.text += part.text;
    else result.push({ type: part.type, text: part.text });
  }
  return result;
}

test('any response survives encode → decode → fold', () => {
  const part: fc.Arbitrary<AssistantPart> = fc.oneof(
    fc.record({ type: fc.constant('text' as const), text: fc.string() }),
    fc.record({ type: fc.constant('reasoning' as const), text: fc.string(), signature: fc.string() }, { requiredKeys: ['type', 'text'] }),
    fc.record({ type: fc.constant('tool-call' as const), id: fc.constant(''), name: fc.string(), arguments: fc.string() }),
  );
  const count = fc.option(fc.nat(1_000_000), { nil: undefined });
  const response = fc.record({
    content: fc.array(part, { maxLength: 6 }),
    finish: fc.constantFrom('stop', 'length', 'tool-calls', 'content-filter', 'error', 'other'),
    usage: fc.record({ inputTokens: count, outputTokens: count, cachedInputTokens: count, reasoningTokens: count }, { requiredKeys: [] }),
    streamUsage: fc.boolean(),
  });
  fc.assert(
    fc.property(response, ({ content, finish, usage, streamUsage }) => {
      // Tool call ids are unique within a response.
      const parts = content.map((item, index) => (item.type === 'tool-call' ? { ...item, id: `call_${index}` } : item));
      const original: ChatResponse = { id: 'chatcmpl-p', model: 'upstream', content: parts, finishReason: { unified: finish }, usage };
      const request: ChatRequest = { model: 'm', system: [], messages: [], sampling: {}, stream: true, streamUsage };
      const encoder = openaiChatDialect.createStreamEncoder({ requestedModel: 'm', request });
      const text = responseToEvents(original).map((event) => encoder.encode(event)).join('');
      const parser = new SseParser();
      const decoder = openaiChatDialect.createStreamDecoder();
      const events = [...parser.push(text), ...parser.end()].flatMap((frame) => decoder.push(frame));
      events.push(...decoder.end());
      assertWellFormed(events);
      const folded = foldStream(events);
      assert.deepEqual(folded.content, streamable(parts));
      const written = finish === 'error' || finish === 'other' ? 'stop' : finish;
      // A `stop` with tool calls is read as a tool-call finish (finish-reason.ts: forced calls end with `stop`).
      const expectedFinish = written === 'stop' && parts.some((item) => item.type === 'tool-call') ? 'tool-calls' : written;
      assert.equal(folded.finishReason.unified, expectedFinish);
      if (streamUsage) {
        assert.equal(folded.usage.inputTokens, usage.inputTokens ?? 0);
        assert.equal(folded.usage.outputTokens, usage.outputTokens ?? 0);
        assert.equal(folded.usage.cachedInputTokens, usage.cachedInputTokens ?? 0);
        assert.equal(folded.usage.reasoningTokens, usage.reasoningTokens ?? 0);
      } else {
        assert.deepEqual(folded.usage, {});
      }
    }),
    runs,
  );
});

test('parseResponse and parseError on arbitrary input give a value or an InterlinguaError', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.integer({ min: 100, max: 599 }), fc.dictionary(fc.constantFrom('retry-after', 'Retry-After-Ms', 'x'), fc.string()), (body, status, headers) => {
      valueOrInterlinguaError(() => openaiChatDialect.parseResponse(body));
      const error = openaiChatDialect.parseError(status, JSON.stringify(body) ?? '', headers);
      assert.ok(error instanceof InterlinguaError);
      assert.ok(error.retryAfterMs === undefined || (Number.isFinite(error.retryAfterMs) && error.retryAfterMs >= 0));
      JSON.stringify(openaiChatDialect.emitError(error).body);
    }),
    runs,
  );
});
