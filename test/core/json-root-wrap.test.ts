import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { wrappedJsonRoot } from '../../src/core/json-root-wrap.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import type { ChatResponse } from '../../src/interlingua/response.js';
import type { StreamEvent } from '../../src/interlingua/stream-event.js';

const request = (schema: Record<string, unknown>): ChatRequest => ({
  model: 'm',
  system: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'List them.' }] }],
  responseFormat: { type: 'json', schema, name: 'recipes' },
  sampling: {},
  stream: false,
});
const list = { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } };

test('an object root, or none, is left alone', () => {
  assert.equal(wrappedJsonRoot(request({ type: 'object', properties: {} })), undefined);
  assert.equal(wrappedJsonRoot(request({ type: 'OBJECT' })), undefined);
  assert.equal(wrappedJsonRoot(request({ anyOf: [{ type: 'string' }] })), undefined);
  assert.equal(wrappedJsonRoot({ ...request({}), responseFormat: { type: 'json' } }), undefined);
});

test('an array root goes wrapped as the one property of an object', () => {
  const wrapped = wrappedJsonRoot(request(list));
  assert.deepEqual(wrapped?.request.responseFormat, {
    type: 'json',
    name: 'recipes',
    schema: { type: 'object', properties: { value: list }, required: ['value'], additionalProperties: false },
  });
});

test('a whole answer is unwrapped; one that is not the wrapper is left as it came', () => {
  const answer = (text: string): ChatResponse => ({ id: 'r', model: 'm', content: [{ type: 'text', text }], finishReason: { unified: 'stop' }, usage: {} });
  const restore = wrappedJsonRoot(request(list))?.restore;
  assert.equal((restore?.response(answer('{ "value": [ {"name": "Soup"} ] }')).content[0] as { text: string }).text, '[{"name":"Soup"}]');
  for (const other of ['I cannot help with that.', '{"value": [], "more": 1}', '[1, 2]']) {
    assert.equal((restore?.response(answer(other)).content[0] as { text: string }).text, other);
  }
});

/** The text a stream's deltas add up to, through a fresh restorer, the events cut into batches at `cuts`. */
function streamed(deltas: string[], batches: number): string {
  const restore = wrappedJsonRoot(request(list))?.restore;
  assert.ok(restore !== undefined);
  const events: StreamEvent[] = [{ type: 'text-start', id: 't' }, ...deltas.map((delta): StreamEvent => ({ type: 'text-delta', id: 't', delta })), { type: 'text-end', id: 't' }];
  const size = Math.max(1, Math.ceil(events.length / batches));
  let text = '';
  for (let start = 0; start < events.length; start += size) {
    for (const event of restore.events(events.slice(start, start + size))) if (event.type === 'text-delta') text += event.delta;
  }
  return text;
}

/** `whole` cut into deltas of the given lengths, the rest in one last delta. */
function cutInto(whole: string, cuts: number[]): string[] {
  const deltas: string[] = [];
  let rest = whole;
  for (const cut of cuts) {
    if (rest === '') break;
    deltas.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== '') deltas.push(rest);
  return deltas;
}

test('a streamed answer is unwrapped however its text is cut into deltas and batches, and however it is spaced', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('{"value":[{"name":"Soup"},{"name":"Stew"}]}', '{ "value" : [ {"name": "Soup"} ] }\n', '{\n  "value": [\n    {"name": "a}b"}\n  ]\n}'),
      fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 5 }),
      (whole, cuts, batches) => {
        const deltas = cutInto(whole, cuts);
        // Spacing around the value may differ from the whole's; the JSON is the same.
        assert.deepEqual(JSON.parse(streamed(deltas, batches)), (JSON.parse(whole) as { value: unknown }).value);
      },
    ),
  );
});

test('a stream that is not the wrapper goes out as it came', () => {
  assert.equal(streamed(['I cannot ', 'help.'], 1), 'I cannot help.');
  assert.equal(streamed(['{"val', 'ues": 1}'], 2), '{"values": 1}');
  assert.equal(streamed(['[1, 2]'], 1), '[1, 2]');
});

test('a streamed delta’s vendor data stays with it, on an empty delta where its text is held back or dropped', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('{"value":["Soup","Stew"]}', '{ "value" : [ "Soup" ] }\n', 'I cannot help.', '{"values": 1}'),
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 }),
      (whole, cuts) => {
        const deltas = cutInto(whole, cuts);
        const restore = wrappedJsonRoot(request(list))?.restore;
        assert.ok(restore !== undefined);
        // Each delta marked with its place, as a decoder marks what the vendor said of its chunk.
        const marked = deltas.map((delta, position): StreamEvent => ({ type: 'text-delta', id: 't', delta, vendor: { upstream: { position } } }));
        const out = restore.events([{ type: 'text-start', id: 't' }, ...marked, { type: 'text-end', id: 't' }]);
        const positions = out.flatMap((event) => (event.type === 'text-delta' && event.vendor !== undefined ? [event.vendor['upstream']?.['position']] : []));
        assert.deepEqual(positions, deltas.map((_, position) => position));
      },
    ),
  );
});
