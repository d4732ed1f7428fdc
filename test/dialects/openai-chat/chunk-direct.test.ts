/**
 * The direct chunk read (chunk-direct.ts) against `chunkSchema`: on any value it gives up, or gives
 * an object that reads, at every key the schema lists, what the schema's copy reads; every chunk of
 * every recorded OpenAI-format stream is read directly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chunkSchema } from '../../../src/dialects/openai-chat/response-schema.js';
import { directChunk } from '../../../src/dialects/openai-chat/chunk-direct.js';
import { fixtureNames, readFixtureText } from '../../support/fixtures.js';

type Json = Record<string, unknown> | null | undefined;
const pick = (value: unknown, keys: readonly string[]): Json => {
  if (value === null || value === undefined || typeof value !== 'object') return value as Json;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(keys.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]));
};

/** What the decoder reads of a chunk: the keys the schema lists, all the way down. */
function readable(chunk: unknown): unknown {
  const top = pick(chunk, ['id', 'created', 'model', 'system_fingerprint', 'service_tier', 'usage']);
  const choices = (chunk as { choices?: unknown }).choices;
  if (top === null || top === undefined) return top;
  if (choices === undefined) return top;
  if (!Array.isArray(choices)) return { ...top, choices };
  return {
    ...top,
    choices: choices.map((choice: { delta?: unknown }) => {
      const delta = pick(choice.delta, ['content', 'refusal', 'reasoning_content', 'reasoning']);
      const calls = (choice.delta as { tool_calls?: unknown } | null | undefined)?.tool_calls;
      const toolCalls = Array.isArray(calls)
        ? calls.map((call: { function?: unknown }) => ({ ...pick(call, ['index', 'id', 'type']), ...(call.function !== undefined ? { function: pick(call.function, ['name', 'arguments']) } : {}) }))
        : calls;
      return {
        ...pick(choice, ['index', 'finish_reason']),
        ...(choice.delta !== undefined ? { delta: delta === null ? null : { ...delta, ...(toolCalls !== undefined ? { tool_calls: toolCalls } : {}) } } : {}),
      };
    }),
  };
}

const text = fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined), fc.integer(), fc.constant(''));
const index = fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.constant(null), fc.constant(undefined), fc.string());
const toolCall = fc.record({ index, id: text, type: text, function: fc.oneof(fc.record({ name: text, arguments: text, extra: fc.anything() }, { requiredKeys: [] }), fc.constant(null), fc.anything()), more: fc.anything() }, { requiredKeys: [] });
const delta = fc.oneof(
  fc.record({ content: fc.oneof(text, fc.array(fc.record({ type: fc.constant('text'), text: fc.string() }))), refusal: text, reasoning_content: text, reasoning: text, role: text, tool_calls: fc.oneof(fc.array(toolCall), fc.constant(null), fc.anything()) }, { requiredKeys: [] }),
  fc.constant(null),
  fc.anything(),
);
const choice = fc.record({ index, delta, finish_reason: text, logprobs: fc.anything() }, { requiredKeys: [] });
const usage = fc.oneof(fc.record({ prompt_tokens: index, completion_tokens: index, total_tokens: index }, { requiredKeys: [] }), fc.constant(null), fc.anything());
const nearChunk = fc.oneof(
  fc.record({ id: text, object: text, created: index, model: text, system_fingerprint: text, service_tier: text, choices: fc.oneof(fc.array(choice), fc.constant(null), fc.anything()), usage, obfuscation: fc.string() }, { requiredKeys: [] }),
  fc.anything(),
);

test('directChunk gives up, or reads at every listed key what chunkSchema reads', () => {
  fc.assert(
    fc.property(nearChunk, (generated) => {
      // As JSON.parse makes it: no undefined values, no infinities.
      const value: unknown = generated === undefined ? undefined : JSON.parse(JSON.stringify(generated));
      const direct = directChunk(value);
      if (direct === undefined) return;
      const schema = chunkSchema.safeParse(value);
      assert.ok(schema.success, 'the schema refuses what was read directly');
      assert.deepEqual(readable(direct), readable(schema.data));
    }),
    { numRuns: 5000 },
  );
});

test('every chunk of every recorded OpenAI-format stream is read directly', () => {
  let read = 0;
  for (const dialect of ['openai-chat', 'deepseek', 'zhipu-glm', 'openai-compat', 'azure-openai']) {
    for (const name of fixtureNames(dialect).filter((file) => file.endsWith('.sse') || file.endsWith('.data.ndjson'))) {
      const text = readFixtureText(`${dialect}/${name}`);
      const payloads = name.endsWith('.sse')
        ? text.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim())
        : text.split('\n').filter((line) => line.trim() !== '').map((line) => String((JSON.parse(line) as { data: unknown }).data));
      for (const payload of payloads) {
        if (payload === '[DONE]') continue;
        let json: unknown;
        try {
          json = JSON.parse(payload);
        } catch {
          continue;
        }
        if (typeof json !== 'object' || json === null || 'error' in json || (json as { object?: unknown }).object === 'response') continue;
        const hasContentArray = JSON.stringify(json).includes('"content":[');
        if (hasContentArray) continue;
        assert.notEqual(directChunk(json), undefined, `${dialect}/${name}: ${payload.slice(0, 200)}`);
        read += 1;
      }
    }
  }
  assert.ok(read >= 50, `only ${read} chunks read`);
});

test('typed content chunks and a string `created` go to the schema', () => {
  assert.equal(directChunk({ choices: [{ delta: { content: [{ type: 'text', text: 'a' }] } }] }), undefined);
  assert.equal(directChunk({ created: '1700000000', choices: [] }), undefined);
  assert.equal(directChunk(JSON.parse('{"choices":[{"delta":{"__proto__":{}}}]}')), undefined);
});
