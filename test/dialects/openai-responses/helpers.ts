/**
 * Shared by the openai-responses tests: which recorded fixtures exist (test/fixtures/
 * recorded/openai-responses, see MANIFEST.md), how to replay a stream, a normalizer for request bodies that
 * undoes only the emitter's documented, meaning-preserving rewrites (so a dropped field still fails
 * a comparison), and checkers for decoded event sequences and encoded Responses streams.
 */
import assert from 'node:assert/strict';
import type { EmitResponseContext, StreamFrame } from '../../../src/interlingua/dialect.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { openaiResponsesDialect } from '../../../src/dialects/openai-responses/index.js';
import { SseParser } from '../../../src/wire/sse-parser.js';
import { fixtureNames, readFixtureDataLines, readFixtureJson, readFixtureSseFrames } from '../../support/fixtures.js';

export const folder = 'openai-responses';

function listFixtures(predicate: (name: string) => boolean): string[] {
  return fixtureNames(folder)
    .filter(predicate)
    .sort()
    .map((name) => `${folder}/${name}`);
}

export const requestFixtures = listFixtures((name) => name.endsWith('.request.json'));

/** Bodies that hold a `response` object (error bodies are for errors.test). */
export const responseFixtures = listFixtures((name) => name.endsWith('.response.json') || /^response-.*\.json$/.test(name)).filter((path) => {
  const body = readFixtureJson(path);
  return body !== null && typeof body === 'object' && 'output' in body;
});

export const streamFixtures = listFixtures((name) => name.endsWith('.sse') || name.endsWith('.data.ndjson'));

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isObject(value: unknown): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function asObject(value: unknown): Record<string, Json> {
  assert.ok(isObject(value), `expected an object, got ${JSON.stringify(value)}`);
  return value;
}

/** A recorded stream as frames; `.data.ndjson` lines get their event name back from `type`. */
export function readStreamFrames(path: string): StreamFrame[] {
  return path.endsWith('.sse') ? readFixtureSseFrames(path) : readFixtureDataLines(path, true);
}

/**
 * A recording split into its streams: stream-reasoning-summary-function-calls-4-turns.data.ndjson
 * holds four responses back to back, each starting again at `response.created`.
 */
export function splitStreams(frames: readonly StreamFrame[]): StreamFrame[][] {
  const streams: StreamFrame[][] = [];
  for (const frame of frames) {
    const type = (JSON.parse(frame.data) as { type?: unknown }).type;
    if (type === 'response.created' || streams.length === 0) streams.push([]);
    streams.at(-1)?.push(frame);
  }
  return streams;
}

export function decodeFrames(frames: readonly StreamFrame[], decoder = openaiResponsesDialect.createStreamDecoder()): StreamEvent[] {
  return [...frames.flatMap((frame) => decoder.push(frame)), ...decoder.end()];
}

/** Wire text (as an encoder writes it) → frames, through the gateway's own SSE parser. */
export function sseFrames(text: string): StreamFrame[] {
  const parser = new SseParser();
  return [...parser.push(text), ...parser.end()];
}

export const baseRequest: ChatRequest = { model: 'caller-model', system: [], messages: [], sampling: {}, stream: true, streamUsage: true };

export function contextFor(request: Partial<ChatRequest> = {}): EmitResponseContext {
  return { requestedModel: 'caller-model', request: { ...baseRequest, ...request } };
}

export function encodeEvents(events: readonly StreamEvent[], context = contextFor()): string {
  const encoder = openaiResponsesDialect.createStreamEncoder(context);
  return events.map((event) => encoder.encode(event)).join('');
}

function textParts(content: Json | undefined, type: 'input_text' | 'output_text'): Json | undefined {
  if (typeof content !== 'string') return content;
  return [type === 'output_text' ? { type, annotations: [], text: content } : { type, text: content }];
}

/**
 * The emitter's documented rewrites, applied to both sides of a comparison: `stream: false` ≡
 * absent; `instructions: ""` ≡ absent; `store` absent → `false`, and without `store: true` no
 * input item carries an `id`; `type: "message"` on a caller message ≡ absent; string content ≡ one
 * text part (`input_text`, or `output_text` with `annotations: []` for the assistant); assistant
 * messages carry `type: "message"`; an input image's `detail` defaults to `auto`; a string tool
 * `output` ≡ one `input_text` part.
 */
export function normalizeRequest(body: unknown): Record<string, Json> {
  const copy = structuredClone(asObject(body));
  if (copy['stream'] === false) delete copy['stream'];
  if (copy['instructions'] === '') delete copy['instructions'];
  copy['store'] ??= false;
  const keepIds = copy['store'] === true;
  if (typeof copy['input'] === 'string') copy['input'] = [{ role: 'user', content: copy['input'] }];
  const input = Array.isArray(copy['input']) ? copy['input'] : [];
  copy['input'] = input.map((raw) => {
    const item = { ...asObject(raw) };
    if (!keepIds) delete item['id'];
    const role = item['role'];
    if (typeof role === 'string') {
      if (role === 'assistant') {
        item['type'] = 'message';
        item['content'] = textParts(item['content'], 'output_text') ?? null;
        if (Array.isArray(item['content'])) item['content'] = item['content'].map((part) => ({ annotations: [], ...asObject(part) }));
      } else {
        delete item['type'];
        item['content'] = textParts(item['content'], 'input_text') ?? null;
        if (Array.isArray(item['content'])) {
          item['content'] = item['content'].map((part) => {
            const copyPart = { ...asObject(part) };
            if (copyPart['type'] === 'input_image') copyPart['detail'] ??= 'auto';
            return copyPart;
          });
        }
      }
    }
    if (item['type'] === 'function_call_output') item['output'] = textParts(item['output'], 'input_text') ?? null;
    if (item['type'] === 'reasoning' && item['encrypted_content'] === null) delete item['encrypted_content'];
    return item;
  });
  return copy;
}

/**
 * A decoded stream keeps the interlingua's promise: `response-start` first, every delta inside
 * its block's start/end, each block closed before `finish`, one terminal event, last.
 */
export function assertWellFormed(events: readonly StreamEvent[]): void {
  const open = new Map<string, string>();
  const seen = new Set<string>();
  events.forEach((event, position) => {
    const where = `event ${position} (${event.type})`;
    const isLast = position === events.length - 1;
    if (event.type === 'error') {
      assert.ok(isLast, `${where}: error is not last`);
      return;
    }
    assert.ok(position !== 0 || event.type === 'response-start', `${where}: does not start with response-start`);
    assert.ok(event.type !== 'response-start' || position === 0, `${where}: response-start is not first`);
    switch (event.type) {
      case 'text-start':
      case 'reasoning-start':
      case 'tool-call-start':
        assert.ok(!seen.has(event.id), `${where}: block id ${event.id} reused`);
        seen.add(event.id);
        open.set(event.id, event.type.slice(0, -'-start'.length));
        return;
      case 'text-delta':
      case 'reasoning-delta':
      case 'reasoning-signature':
      case 'tool-call-delta':
      case 'text-end':
      case 'reasoning-end':
      case 'tool-call-end': {
        const kind = event.type.replace(/-(delta|end|signature)$/, '');
        assert.equal(open.get(event.id), kind, `${where}: block ${event.id} is not an open ${kind} block`);
        if (event.type.endsWith('-end')) open.delete(event.id);
        return;
      }
      case 'finish':
        assert.ok(isLast, `${where}: finish is not last`);
        assert.equal(open.size, 0, `${where}: blocks still open at finish: ${[...open.keys()].join(', ')}`);
        return;
      default:
        return;
    }
  });
  const last = events.at(-1);
  assert.ok(last !== undefined && (last.type === 'finish' || last.type === 'error'), 'the stream has no terminal event');
}

interface WireEvent {
  type: string;
  sequence_number: number;
  output_index?: number;
  item?: { type: string; id: string };
  item_id?: string;
  [field: string]: unknown;
}

/**
 * What the encoder writes is a Responses stream as OpenAI sends it: every event named after its
 * `type`, `sequence_number` 0, 1, 2, …; `response.created` then `response.in_progress` first;
 * one item open at a time, `output_index` counting up, every item event naming the open item;
 * exactly one terminal event (`response.completed` / `.incomplete` / `.failed`), last.
 * Returns the parsed events.
 */
export function assertValidResponsesStream(text: string): WireEvent[] {
  const events = sseFrames(text).map((frame) => {
    const event = JSON.parse(frame.data) as WireEvent;
    assert.equal(frame.event, event.type, 'the SSE event name is the payload type');
    return event;
  });
  const terminal = new Set(['response.completed', 'response.incomplete', 'response.failed']);
  let openItem: { index: number; id: string } | undefined;
  let finished = 0;
  events.forEach((event, position) => {
    const where = `event ${position} (${event.type})`;
    assert.equal(event.sequence_number, position, `${where}: sequence_number`);
    if (position === 0) assert.equal(event.type, 'response.created', where);
    if (position === 1) assert.equal(event.type, 'response.in_progress', where);
    if (terminal.has(event.type)) {
      assert.equal(position, events.length - 1, `${where}: the terminal event is not last`);
      assert.equal(openItem, undefined, `${where}: an item is still open`);
      return;
    }
    if (event.type === 'response.output_item.added') {
      assert.equal(openItem, undefined, `${where}: an item is already open`);
      assert.equal(event.output_index, finished, `${where}: output_index`);
      openItem = { index: finished, id: String(event.item?.id) };
      return;
    }
    if (event.type === 'response.output_item.done') {
      assert.equal(event.output_index, openItem?.index, `${where}: closes an item that is not open`);
      assert.equal(event.item?.id, openItem?.id, `${where}: item id`);
      openItem = undefined;
      finished++;
      return;
    }
    if (event.item_id !== undefined) {
      assert.equal(event.output_index, openItem?.index, `${where}: output_index of an item that is not open`);
      assert.equal(event.item_id, openItem?.id, `${where}: item_id`);
    }
  });
  const last = events.at(-1);
  assert.ok(last !== undefined && (terminal.has(last.type) || events.at(-2)?.type === 'error'), 'the stream has no terminal event');
  return events;
}
