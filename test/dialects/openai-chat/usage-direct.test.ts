/**
 * The direct usage read (usage-direct.ts) against `usageSchema`: on any value it gives up or gives
 * what the schema gives; on the usage of every recorded OpenAI-format answer, it never gives up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { usageSchema } from '../../../src/dialects/openai-chat/response-schema.js';
import { directUsage } from '../../../src/dialects/openai-chat/usage-direct.js';
import { fixtureNames, readFixtureJson } from '../../support/fixtures.js';

const count = fc.oneof(fc.nat(), fc.double(), fc.constant(null), fc.constant(undefined), fc.integer(), fc.string(), fc.constant(Number.POSITIVE_INFINITY));
const details = (fields: string[]) => fc.oneof(fc.constant(null), fc.record(Object.fromEntries(fields.map((field) => [field, count])), { requiredKeys: [] }), fc.anything());

const nearUsage = fc.oneof(
  fc.record(
    {
      prompt_tokens: count,
      completion_tokens: count,
      total_tokens: count,
      prompt_cache_hit_tokens: count,
      prompt_tokens_details: details(['cached_tokens', 'cache_write_tokens', 'audio_tokens']),
      completion_tokens_details: details(['reasoning_tokens', 'accepted_prediction_tokens']),
      queue_time: fc.double(),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

test('directUsage gives up or reads what usageSchema reads', () => {
  fc.assert(
    fc.property(nearUsage, (generated) => {
      // As JSON.parse makes it: no undefined values, no infinities.
      const value: unknown = generated === undefined ? undefined : JSON.parse(JSON.stringify(generated));
      const direct = directUsage(value);
      if (direct === undefined) return;
      const schema = usageSchema.safeParse(value);
      assert.ok(schema.success, 'the schema refuses what was read directly');
      assert.deepEqual(direct, schema.data);
    }),
    { numRuns: 3000 },
  );
});

test('an infinite count, which JSON cannot hold but an object can, is left to the schema', () => {
  assert.equal(directUsage({ prompt_tokens: Number.POSITIVE_INFINITY }), undefined);
});

test('the usage of every recorded OpenAI-format answer is read directly', () => {
  let read = 0;
  for (const dialect of ['openai-chat', 'deepseek', 'zhipu-glm', 'openai-compat', 'mistral']) {
    for (const name of fixtureNames(dialect).filter((file) => file.endsWith('.response.json') || (dialect !== 'openai-chat' && file.endsWith('.json')))) {
      const body = readFixtureJson(`${dialect}/${name}`) as Record<string, unknown> | null;
      if (body === null || typeof body !== 'object' || typeof body['usage'] !== 'object' || body['usage'] === null) continue;
      assert.notEqual(directUsage(body['usage']), undefined, `${dialect}/${name}`);
      read += 1;
    }
  }
  assert.ok(read >= 5, `only ${read} answers read`);
});

test('a usage object with an own "__proto__" key, which zod leaves out of its copy, goes to the schema', () => {
  assert.equal(directUsage(JSON.parse('{"prompt_tokens":1,"__proto__":0}')), undefined);
  assert.equal(directUsage(JSON.parse('{"prompt_tokens":1,"prompt_tokens_details":{"__proto__":{}}}')), undefined);
});
