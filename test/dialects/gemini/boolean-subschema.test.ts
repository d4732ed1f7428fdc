/**
 * JSON Schema's boolean subschemas in a Gemini schema: `true` takes any value and goes as `{}`;
 * a property that is `false` can never be given, so it is left out (and out of `required`), and
 * a `false` branch of `anyOf` matches nothing and goes too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonSchemaToGeminiSchema } from '../../../src/dialects/gemini/json-schema-to-gemini.js';

test('true becomes {}, a false property leaves properties and required, a false anyOf branch goes', () => {
  const { schema, warnings } = jsonSchemaToGeminiSchema(
    {
      type: 'object',
      properties: {
        key: { type: 'string' },
        value: true,
        legacy: false,
        cell: { anyOf: [{ type: 'string' }, false, { type: 'null' }] },
        list: { type: 'array', items: true },
      },
      required: ['key', 'value', 'legacy'],
    },
    'the parameters of tool "set_value"',
    'set_value',
  );
  assert.deepEqual(schema, {
    type: 'OBJECT',
    properties: { key: { type: 'STRING' }, value: {}, cell: { type: 'STRING', nullable: true }, list: { type: 'ARRAY', items: {} } },
    required: ['key', 'value'],
  });
  assert.ok(warnings.some((warning) => warning.feature === 'json_schema.boolean_schema' && /false/.test(warning.message)));
});
