/**
 * Property tests (fast-check): every parser takes any input and gives a value or an
 * `InterlinguaError`, never another exception; what the request parser accepts the emitter can
 * write and the parser reads again; the decoder's output keeps the lifecycle promise whatever
 * events arrive; and an arbitrary response survives encode → decode → fold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldStream } from '../../../src/core/fold-stream.js';
import { responseToEvents } from '../../../src/core/response-to-events.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { withPairedToolResults } from '../../../src/core/tool-result-pairing.js';
import type { AssistantPart } from '../../../src/interlingua/content.js';
import type { StreamFrame } from '../../../src/interlingua/dialect.js';
import type { ChatResponse } from '../../../src/interlingua/response.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { InterlinguaError } from '../../../src/interlingua/error.js';
import { readFixtureJson } from '../../support/fixtures.js';
import { assertValidResponsesStream, assertWellFormed, contextFor, decodeFrames, encodeEvents, readStreamFrames, requestFixtures, responseFixtures, sseFrames, streamFixtures } from './helpers.js';

const runs = { numRuns: 300 };

function valueOrInterlinguaError<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (error instanceof InterlinguaError) return undefined;
    throw error;
  }
}

/**
 * Accepted requests can be emitted, and what is emitted parses again to as many messages, once calls
 * and results are paired as OpenAI demands (when they were, a warning says so).
 */
function checkRequest(body: unknown): boolean {
  const parsed = valueOrInterlinguaError(() => openaiResponsesDialect.parseRequest(body, {}));
  if (parsed === undefined) return false;
  const { body: emitted, warnings } = openaiResponsesDialect.emitRequest(parsed.request, { model: 'target', defaultMaxOutputTokens: 1 });
  const reparsed = openaiResponsesDialect.parseRequest(JSON.parse(JSON.stringify(emitted)) as unknown, {});
  // Reasoning OpenAI could not verify is left out (and reported), which can empty an assistant turn.
  const droppedReasoning = warnings.some((warning) => warning.feature === 'reasoning.history');
  const paired = warnings.some((warning) => warning.feature === 'tool_result.missing' || warning.feature === 'tool_result.orphan');
  const expected = paired ? withPairedToolResults(parsed.request.messages, 'The Responses API', []).length : parsed.request.messages.length;
  if (droppedReasoning) assert.ok(reparsed.request.messages.length <= expected);
  else assert.equal(reparsed.request.messages.length, expected);
  assert.equal(reparsed.request.tools?.length ?? 0, parsed.request.tools?.length ?? 0);
  return true;
}

/** Mostly `good`, sometimes anything at all. */
const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 29, arbitrary: good }, { weight: 1, arbitrary: fc.jsonValue() });

test('parseRequest on arbitrary JSON gives a value or an InterlinguaError', () => {
  fc.assert(fc.property(fc.jsonValue(), (body) => void checkRequest(body)), runs);
  fc.assert(fc.property(fc.dictionary(fc.constantFrom('model', 'input', 'tools', 'text', 'reasoning', 'tool_choice', 'instructions'), fc.jsonValue()), (body) => void checkRequest(body)), runs);
});

test('parseRequest on near-valid requests gives a value or an InterlinguaError', () => {
  const text = fc.record({ type: fc.constantFrom('input_text', 'output_text'), text: mostly(fc.string()) });
  const image = fc.record(
    { type: fc.constant('input_image'), image_url: mostly(fc.oneof(fc.webUrl(), fc.base64String().map((data) => `data:image/png;base64,${data}`))), file_id: fc.string(), detail: fc.constantFrom('auto', 'low', 'high', 'original') },
    { requiredKeys: ['type'] },
  );
  const otherPart = fc.record({ type: fc.constantFrom('input_file', 'input_audio', 'refusal'), refusal: fc.string() }, { requiredKeys: ['type'] });
  const content = mostly(fc.oneof(fc.string(), fc.array(fc.oneof({ weight: 4, arbitrary: text }, image, otherPart), { maxLength: 4 })));
  const item = fc.oneof(
    fc.record({ type: fc.constant('message'), role: fc.constantFrom('user', 'assistant', 'system', 'developer'), content, id: fc.string(), status: fc.constant('completed') }, { requiredKeys: ['role', 'content'] }),
    fc.record({ type: fc.constant('function_call'), call_id: mostly(fc.constantFrom('call_1', 'call_2')), name: fc.constantFrom('f', 'g'), arguments: fc.string(), id: fc.string() }, { requiredKeys: ['type', 'call_id', 'name', 'arguments'] }),
    fc.record({ type: fc.constant('function_call_output'), call_id: mostly(fc.constantFrom('call_1', 'call_2', 'call_x')), output: content }),
    fc.record(
      { type: fc.constant('reasoning'), id: fc.string(), summary: mostly(fc.array(fc.record({ type: fc.constant('summary_text'), text: fc.string() }), { maxLength: 3 })), encrypted_content: fc.option(fc.string()), content: fc.array(fc.record({ type: fc.constant('reasoning_text'), text: fc.string() }), { maxLength: 2 }) },
      { requiredKeys: ['type'] },
    ),
    fc.record({ type: fc.constantFrom('item_reference', 'web_search_call'), id: fc.string() }),
  );
  const body = fc.record(
    {
      model: mostly(fc.string({ minLength: 1 })),
      instructions: mostly(fc.string()),
      input: mostly(fc.oneof(fc.string(), fc.array(item, { maxLength: 6 }))),
      tools: mostly(fc.array(fc.oneof(fc.record({ type: fc.constant('function'), name: fc.constantFrom('f', 'g'), parameters: fc.constant({ type: 'object' }), strict: fc.boolean() }, { requiredKeys: ['type', 'name'] }), fc.constant({ type: 'web_search_preview' })), { maxLength: 3 })),
      tool_choice: mostly(fc.oneof(fc.constantFrom('auto', 'none', 'required'), fc.constant({ type: 'function', name: 'f' }), fc.constant({ type: 'allowed_tools', mode: 'auto', tools: [] }))),
      text: mostly(fc.record({ format: fc.oneof(fc.constant({ type: 'text' }), fc.constant({ type: 'json_object' }), fc.record({ type: fc.constant('json_schema'), name: fc.string(), schema: fc.constant({ type: 'object' }), strict: fc.boolean() })), verbosity: fc.constantFrom('low', 'high') }, { requiredKeys: [] })),
      reasoning: mostly(fc.record({ effort: fc.constantFrom('none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'odd'), summary: fc.constantFrom('auto', 'concise', 'detailed') }, { requiredKeys: [] })),
      temperature: mostly(fc.double({ min: 0, max: 2, noNaN: true })),
      max_output_tokens: mostly(fc.nat()),
      stream: mostly(fc.boolean()),
      store: fc.boolean(),
      metadata: fc.jsonValue(),
    },
    { requiredKeys: ['model'] },
  );
  let accepted = 0;
  fc.assert(fc.property(body, (value) => void (checkRequest(value) && accepted++)), runs);
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

const mutation = (bodies: readonly unknown[]) =>
  fc.nat(bodies.length - 1).chain((which) => {
    const body = bodies[which];
    return fc.tuple(fc.constant(body), fc.constantFrom(...pathsOf(body)), fc.jsonValue(), fc.boolean());
  });

test('parseRequest on mutated recorded requests gives a value or an InterlinguaError', () => {
  const bodies = requestFixtures.map((path) => readFixtureJson(path));
  fc.assert(fc.property(mutation(bodies), ([body, path, replacement, remove]) => void checkRequest(mutate(body, path, replacement, remove))), runs);
});

test('parseResponse on mutated recorded responses gives a value or an InterlinguaError, and what it gives can be emitted', () => {
  const bodies = responseFixtures.map((path) => readFixtureJson(path));
  fc.assert(
    fc.property(mutation(bodies), ([body, path, replacement, remove]) => {
      const parsed = valueOrInterlinguaError(() => openaiResponsesDialect.parseResponse(mutate(body, path, replacement, remove)));
      if (parsed !== undefined) openaiResponsesDialect.emitResponse(parsed, contextFor());
    }),
    runs,
  );
  fc.assert(fc.property(fc.jsonValue(), (body) => void valueOrInterlinguaError(() => openaiResponsesDialect.parseResponse(body))), runs);
});

/** Near-valid stream events: the kinds OpenAI sends, with small indices so they collide. */
const streamEvent: fc.Arbitrary<StreamFrame> = (() => {
  const index = mostly(fc.nat(2));
  const item = fc.oneof(
    fc.record({ type: fc.constant('message'), id: fc.string(), role: fc.constant('assistant'), content: fc.array(fc.record({ type: fc.constantFrom('output_text', 'refusal'), text: fc.string(), refusal: fc.string() }), { maxLength: 2 }) }),
    fc.record({ type: fc.constant('function_call'), id: fc.string(), call_id: fc.constantFrom('call_a', 'call_b', ''), name: fc.constantFrom('f', 'g'), arguments: fc.string() }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.constant('reasoning'), id: fc.string(), summary: fc.array(fc.record({ type: fc.constant('summary_text'), text: fc.string() }), { maxLength: 2 }), encrypted_content: fc.option(fc.string()) }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.constant('web_search_call'), id: fc.string() }),
  );
  const response = fc.record(
    { id: fc.string(), status: fc.constantFrom('completed', 'incomplete', 'failed', 'in_progress'), output: fc.array(item, { maxLength: 2 }), usage: fc.option(fc.record({ input_tokens: fc.nat(), output_tokens: fc.nat() })), incomplete_details: fc.option(fc.record({ reason: fc.constantFrom('max_output_tokens', 'content_filter') })), error: fc.option(fc.record({ code: fc.string(), message: fc.string() })) },
    { requiredKeys: [] },
  );
  const payload = fc.oneof(
    { weight: 1, arbitrary: fc.record({ type: fc.constantFrom('response.created', 'response.in_progress', 'response.completed', 'response.incomplete', 'response.failed'), response }) },
    { weight: 4, arbitrary: fc.record({ type: fc.constantFrom('response.output_item.added', 'response.output_item.done'), output_index: index, item }) },
    { weight: 3, arbitrary: fc.record({ type: fc.constantFrom('response.content_part.added', 'response.content_part.done'), output_index: index, content_index: index, part: fc.record({ type: fc.constantFrom('output_text', 'refusal', 'reasoning_text'), text: fc.string() }) }) },
    { weight: 6, arbitrary: fc.record({ type: fc.constantFrom('response.output_text.delta', 'response.refusal.delta', 'response.reasoning_text.delta'), output_index: index, content_index: index, delta: fc.string() }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constantFrom('response.output_text.done', 'response.reasoning_text.done'), output_index: index, content_index: index, text: fc.string() }) },
    { weight: 4, arbitrary: fc.record({ type: fc.constant('response.function_call_arguments.delta'), output_index: index, delta: fc.string() }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('response.function_call_arguments.done'), output_index: index, arguments: fc.string() }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constantFrom('response.reasoning_summary_part.added', 'response.reasoning_summary_part.done'), output_index: index, summary_index: index }) },
    { weight: 4, arbitrary: fc.record({ type: fc.constant('response.reasoning_summary_text.delta'), output_index: index, summary_index: index, delta: fc.string() }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('response.reasoning_summary_text.done'), output_index: index, summary_index: index, text: fc.string() }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('error'), code: fc.option(fc.string()), message: fc.string(), error: fc.option(fc.record({ type: fc.string(), message: fc.string() })) }, { requiredKeys: ['type'] }) },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
  return payload.map((value): StreamFrame => {
    const type = value !== null && typeof value === 'object' && !Array.isArray(value) ? value['type'] : undefined;
    return typeof type === 'string' ? { event: type, data: JSON.stringify(value) } : { data: JSON.stringify(value) };
  });
})();

test('the decoder on arbitrary events gives events or an InterlinguaError, and what it gives keeps the lifecycle promise', () => {
  fc.assert(
    fc.property(fc.array(streamEvent, { maxLength: 25 }), (frames) => {
      const decoder = openaiResponsesDialect.createStreamDecoder();
      const events: StreamEvent[] = [];
      for (const frame of frames) {
        const pushed = valueOrInterlinguaError(() => decoder.push(frame));
        if (pushed === undefined) return;
        events.push(...pushed);
      }
      events.push(...decoder.end());
      assertWellFormed(events);
      if (events.at(-1)?.type === 'finish') foldStream(events);
    }),
    { numRuns: 500 },
  );
  fc.assert(fc.property(fc.array(fc.string(), { maxLength: 5 }), (lines) => {
    const decoder = openaiResponsesDialect.createStreamDecoder();
    for (const data of lines) valueOrInterlinguaError(() => decoder.push({ data }));
    decoder.end();
  }), runs);
});

test('the decoder on recorded streams cut anywhere ends in an error, never a clean finish', () => {
  const recordings = streamFixtures.map((path) => readStreamFrames(path));
  fc.assert(
    fc.property(fc.nat(recordings.length - 1).chain((which) => fc.tuple(fc.constant(recordings[which] ?? []), fc.nat())), ([frames, cut]) => {
      const kept = frames.slice(0, cut % Math.max(frames.length, 1));
      const events = decodeFrames(kept);
      assertWellFormed(events);
      const last = events.at(-1);
      if (kept.some((frame) => /"type":\s*"response\.(completed|incomplete)"/.test(frame.data))) return;
      assert.equal(last?.type, 'error');
    }),
    runs,
  );
});

const assistantPart: fc.Arbitrary<AssistantPart> = fc.oneof(
  fc.record({ type: fc.constant('text' as const), text: fc.string({ minLength: 1 }) }),
  fc.record({ type: fc.constant('tool-call' as const), id: fc.uuid().map((id) => `call_${id}`), name: fc.constantFrom('f', 'g'), arguments: fc.json() }),
  fc.record({ type: fc.constant('reasoning' as const), text: fc.string({ minLength: 1 }), signature: fc.base64String({ minLength: 4 }), signatureOrigin: fc.constantFrom('openai-responses', 'anthropic') }),
);

test('an arbitrary response survives encode → decode → fold as a valid Responses stream', () => {
  fc.assert(
    fc.property(fc.array(assistantPart, { maxLength: 6 }), fc.constantFrom('stop', 'length', 'tool-calls', 'content-filter') , (content, unified) => {
      const response: ChatResponse = { id: 'resp_p', model: 'm', content, finishReason: { unified }, usage: { inputTokens: 3, outputTokens: 5 } };
      const text = encodeEvents(responseToEvents(response));
      assertValidResponsesStream(text);
      const folded = foldStream(decodeFrames(sseFrames(text)));
      // Each part is its own item; another vendor's signature is not passed on.
      const shape = (part: AssistantPart, signature: string | undefined) =>
        part.type === 'text' ? ['text', part.text] : part.type === 'tool-call' ? ['tool-call', part.id, part.name, part.arguments] : ['reasoning', part.text, signature];
      assert.deepEqual(
        folded.content.map((part) => shape(part, part.type === 'reasoning' ? part.signature : undefined)),
        content.map((part) => shape(part, part.type === 'reasoning' && part.signatureOrigin === 'openai-responses' ? part.signature : undefined)),
      );
      const expectedFinish = unified === 'length' || unified === 'content-filter' ? unified : content.some((part) => part.type === 'tool-call') ? 'tool-calls' : 'stop';
      assert.equal(folded.finishReason.unified, expectedFinish);
    }),
    runs,
  );
});

test('parseError takes any body', () => {
  fc.assert(
    fc.property(fc.integer({ min: 400, max: 599 }), fc.oneof(fc.string(), fc.jsonValue().map((value) => JSON.stringify(value))), (status, body) => {
      const error = openaiResponsesDialect.parseError(status, body, {});
      assert.ok(error instanceof InterlinguaError);
      openaiResponsesDialect.emitError(error);
    }),
    runs,
  );
});
