import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeRequest } from '../../support/vendor-rules/index.js';
import fc from 'fast-check';
import { geminiSchemaToJsonSchema } from '../../../src/dialects/gemini/json-schema-from-gemini.js';
import { jsonSchemaToGeminiSchema } from '../../../src/dialects/gemini/json-schema-to-gemini.js';

const where = 'the parameters of tool "book"';

test('JSON Schema → Gemini: every keyword outside the v1beta Schema subset is rewritten or dropped with a warning', () => {
  const { schema, warnings } = jsonSchemaToGeminiSchema(
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:book',
      $comment: 'internal',
      title: 'Booking',
      type: 'object',
      additionalProperties: false,
      $defs: { Guest: { type: 'object', properties: { name: { type: 'string', default: 'anonymous', examples: ['Ada', 'Bob'] } }, required: ['name'] } },
      properties: {
        guest: { $ref: '#/$defs/Guest' },
        nights: { type: ['integer', 'null'], exclusiveMinimum: 0, multipleOf: 1 },
        kind: { const: 'hotel' },
        rooms: { enum: [1, 2, null] },
        notes: { oneOf: [{ type: 'string' }, { type: 'number' }] },
        tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, minItems: 1 },
        window: { anyOf: [{ type: 'null' }, { type: 'string', format: 'date-time' }] },
        both: { allOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { properties: { b: { type: 'boolean' } }, required: ['b'] }] },
        either: { type: ['string', 'number'] },
        pattern: { type: 'string', pattern: '^[a-z]+$', patternProperties: { x: {} } },
      },
      required: ['guest'],
    },
    where,
  );
  assert.deepEqual(schema, {
    title: 'Booking',
    type: 'OBJECT',
    properties: {
      guest: { type: 'OBJECT', properties: { name: { type: 'STRING', default: 'anonymous', example: 'Ada' } }, required: ['name'] },
      nights: { type: 'INTEGER', minimum: 0, nullable: true },
      kind: { type: 'STRING', enum: ['hotel'] },
      rooms: { type: 'INTEGER', description: 'One of: 1, 2.', nullable: true },
      notes: { anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }] },
      tags: { type: 'ARRAY', items: { type: 'STRING' }, minItems: 1 },
      window: { type: 'STRING', format: 'date-time', nullable: true },
      both: { type: 'OBJECT', properties: { a: { type: 'STRING' }, b: { type: 'BOOLEAN' } }, required: ['b'] },
      either: { anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }] },
      pattern: { type: 'STRING', pattern: '^[a-z]+$' },
    },
    required: ['guest'],
  });
  const byFeature = new Map(warnings.map((warning) => [warning.feature, warning]));
  for (const dropped of ['$schema', '$id', '$comment', 'additionalProperties', 'multipleOf', 'uniqueItems', 'patternProperties']) {
    assert.equal(byFeature.get(`json_schema.${dropped}`)?.type, 'unsupported', dropped);
  }
  for (const rewritten of ['$ref', 'exclusiveMinimum', 'const', 'enum.type', 'oneOf', 'allOf', 'type', 'examples']) {
    assert.equal(byFeature.get(`json_schema.${rewritten}`)?.type, 'compatibility', rewritten);
  }
  for (const warning of warnings) assert.match(warning.message, /tool "book"/);
});

test('enums are STRING ones, and formats are those Gemini takes; what else they said goes into the description', () => {
  const { schema, warnings } = jsonSchemaToGeminiSchema(
    {
      type: 'object',
      properties: {
        mode: { enum: ['fast', 'slow'] },
        level: { type: 'integer', enum: [1, 2, 3], description: 'How deep.' },
        exact: { const: 2.5 },
        on: { enum: [true] },
        mixed: { enum: ['a', 1] },
        none: { type: 'string', enum: [] },
        url: { type: 'string', format: 'uri', description: 'Where.' },
        when: { type: 'string', format: 'date-time' },
        count: { type: 'integer', format: 'int64' },
        ratio: { type: 'number', format: 'double' },
        size: { type: 'integer', format: 'uint8' },
        choice: { type: 'string', format: 'enum' },
      },
    },
    where,
  );
  assert.deepEqual(schema, {
    type: 'OBJECT',
    properties: {
      mode: { type: 'STRING', enum: ['fast', 'slow'] },
      level: { type: 'INTEGER', description: 'How deep. One of: 1, 2, 3.' },
      exact: { type: 'NUMBER', description: 'One of: 2.5.' },
      on: { type: 'BOOLEAN', description: 'One of: true.' },
      mixed: { type: 'STRING', enum: ['a', '1'] },
      none: { type: 'STRING' },
      url: { type: 'STRING', description: 'Where. Format: uri.' },
      when: { type: 'STRING', format: 'date-time' },
      count: { type: 'INTEGER', format: 'int64' },
      ratio: { type: 'NUMBER', format: 'double' },
      size: { type: 'INTEGER', description: 'Format: uint8.' },
      choice: { type: 'STRING' },
    },
  });
  const features = new Set(warnings.map((warning) => warning.feature));
  for (const feature of ['json_schema.enum.type', 'json_schema.enum', 'json_schema.format']) assert.ok(features.has(feature), feature);
});

test('an object without properties within a schema takes any value; the schema itself stays an object', () => {
  const { schema, warnings } = jsonSchemaToGeminiSchema(
    { type: 'object', properties: { meta: { type: 'object', description: 'Free-form.' }, maybe: { type: ['object', 'null'] }, list: { type: 'array', items: { type: 'object', properties: {} } } } },
    where,
  );
  assert.deepEqual(schema, { type: 'OBJECT', properties: { meta: { description: 'Free-form.' }, maybe: { nullable: true }, list: { type: 'ARRAY', items: {} } } });
  assert.ok(warnings.some((warning) => warning.feature === 'json_schema.object'));
  assert.deepEqual(jsonSchemaToGeminiSchema({ type: 'object' }, where).schema, { type: 'OBJECT' });
});

test('a recursive $ref is cut instead of looping', () => {
  const { schema, warnings } = jsonSchemaToGeminiSchema(
    { type: 'object', properties: { root: { $ref: '#/definitions/Node' } }, definitions: { Node: { type: 'object', properties: { child: { $ref: '#/definitions/Node' } } } } },
    where,
  );
  // Untyped where it was cut: Gemini refuses an OBJECT without properties ("should be non-empty for OBJECT type").
  assert.deepEqual(schema, { type: 'OBJECT', properties: { root: { type: 'OBJECT', properties: { child: {} } } } });
  assert.ok(warnings.some((warning) => warning.feature === 'json_schema.$ref.recursive'));
});

test('a recursive tool schema, cut, is one the Gemini test upstream takes', () => {
  const parameters = {
    type: 'object',
    properties: { node: { $ref: '#/$defs/N' } },
    $defs: { N: { type: 'object', properties: { v: { type: 'string' }, kids: { type: 'array', items: { $ref: '#/$defs/N' } } } } },
  };
  const { schema } = jsonSchemaToGeminiSchema(parameters, where);
  const body = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], tools: [{ functionDeclarations: [{ name: 'walk', parameters: schema }] }] };
  assert.equal(judgeRequest({ method: 'POST', url: '/v1beta/models/gemini-2.5-flash:generateContent', headers: { 'x-goog-api-key': 'k' }, body })?.message, undefined);
});

test('a schema whose $refs fan out exponentially is cut to a bounded size', () => {
  const $defs: Record<string, unknown> = { d0: { type: 'string' } };
  for (let level = 1; level <= 40; level++) {
    $defs[`d${level}`] = { type: 'object', properties: { left: { $ref: `#/$defs/d${level - 1}` }, right: { $ref: `#/$defs/d${level - 1}` } } };
  }
  const started = Date.now();
  const { schema, warnings } = jsonSchemaToGeminiSchema({ $defs, $ref: '#/$defs/d40' }, where);
  assert.ok(Date.now() - started < 2000);
  assert.ok(JSON.stringify(schema).length < 1_000_000);
  assert.ok(warnings.some((warning) => warning.feature === 'json_schema.$ref.unresolved' || warning.feature === 'json_schema.size'));
});

test('a $ref to many empty properties, inlined again and again, counts each of them toward the bound', () => {
  const wide = Object.fromEntries(Array.from({ length: 2_000 }, (_, index) => [`p${index}`, true]));
  const uses = Object.fromEntries(Array.from({ length: 150 }, (_, index) => [`u${index}`, { $ref: '#/$defs/wide' }]));
  const { schema, warnings } = jsonSchemaToGeminiSchema({ $defs: { wide: { type: 'object', properties: wide } }, type: 'object', properties: uses }, where);
  // Unbounded, 150 copies of 2,000 properties: 300,000 of them, several megabytes.
  const properties = Object.values((schema as { properties: Record<string, { properties?: object }> }).properties).reduce((sum, use) => sum + Object.keys(use.properties ?? {}).length, 0);
  assert.ok(properties <= 5_000, `${properties} properties sent`);
  assert.ok(warnings.some((warning) => warning.feature === 'json_schema.size'));
});

test('Gemini Schema → JSON Schema: types lowercased, nullable folded into the type, snake_case keywords read', () => {
  assert.deepEqual(
    geminiSchemaToJsonSchema({
      type: 'OBJECT',
      properties: {
        name: { type: 'STRING', nullable: true, example: 'Ada' },
        list: { type: 'array', items: { type: 'INTEGER' }, max_items: '3' },
        choice: { any_of: [{ type: 'STRING' }, { type: 'NUMBER' }], nullable: true },
        type: { type: 'STRING', format: 'enum', enum: ['a', 'b'] },
      },
      required: ['name'],
      property_ordering: ['name', 'list'],
    }),
    {
      type: 'object',
      properties: {
        name: { type: ['string', 'null'], examples: ['Ada'] },
        list: { type: 'array', items: { type: 'integer' }, maxItems: 3 },
        choice: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] },
        type: { type: 'string', format: 'enum', enum: ['a', 'b'] },
      },
      required: ['name'],
      propertyOrdering: ['name', 'list'],
    },
  );
});

test('a nullable enum takes null among its values too, and comes back to Gemini as it was', () => {
  const gemini = { type: 'OBJECT', properties: { color: { type: 'STRING', enum: ['red', 'blue'], nullable: true } }, required: ['color'] };
  const json = geminiSchemaToJsonSchema(gemini);
  assert.deepEqual(json, { type: 'object', properties: { color: { type: ['string', 'null'], enum: ['red', 'blue', null] } }, required: ['color'] });
  assert.deepEqual(jsonSchemaToGeminiSchema(json, where).schema, gemini);
});

test('Gemini → JSON Schema → Gemini is the identity on the subset (fixtures fantasy-* `parameters`)', () => {
  const gemini = {
    type: 'OBJECT',
    properties: { location: { type: 'STRING', description: 'the city' }, days: { type: 'INTEGER', nullable: true }, tags: { type: 'ARRAY', items: { type: 'STRING' } } },
    required: ['location'],
  };
  const back = jsonSchemaToGeminiSchema(geminiSchemaToJsonSchema(gemini), where);
  assert.deepEqual(back.schema, gemini);
  assert.deepEqual(back.warnings, []);
});

test('conversion never throws, whatever JSON it is given', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (schema) => {
      jsonSchemaToGeminiSchema(schema, where);
      geminiSchemaToJsonSchema(schema);
    }),
  );
  const schemaLike = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth: 5 },
      fc.constant({ type: 'string' }),
      fc.record(
      {
        type: fc.oneof(fc.constantFrom('string', 'object', 'array', 'null', 'INTEGER'), fc.array(fc.constantFrom('string', 'null', 'number'))),
        properties: fc.dictionary(fc.string(), tie('node')),
        items: tie('node'),
        anyOf: fc.array(tie('node'), { maxLength: 3 }),
        allOf: fc.array(tie('node'), { maxLength: 3 }),
        $ref: fc.constantFrom('#', '#/$defs/a', '#/properties', '#/%', 'http://x'),
        enum: fc.array(fc.jsonValue(), { maxLength: 3 }),
        nullable: fc.boolean(),
      },
        { requiredKeys: [] },
      ),
    ),
  }));
  fc.assert(
    fc.property(schemaLike.node, (schema) => {
      const converted = jsonSchemaToGeminiSchema({ ...schema, $defs: { a: schema } }, where);
      JSON.stringify(converted.schema);
      geminiSchemaToJsonSchema(schema);
    }),
  );
});

test('JSON Schema → Gemini: an array without items gets empty items, which hold anything as the bare array did', () => {
  const { schema, warnings } = jsonSchemaToGeminiSchema(
    {
      type: 'object',
      properties: {
        values: { type: 'array' },
        maybe: { type: ['array', 'null'] },
        mixed: { type: ['array', 'string'] },
        nested: { type: 'array', items: { type: 'array' } },
        kept: { type: 'array', items: { type: 'integer' } },
      },
    },
    where,
  );
  assert.deepEqual(schema['properties'], {
    values: { type: 'ARRAY', items: {} },
    maybe: { type: 'ARRAY', nullable: true, items: {} },
    mixed: { anyOf: [{ type: 'ARRAY', items: {} }, { type: 'STRING' }] },
    nested: { type: 'ARRAY', items: { type: 'ARRAY', items: {} } },
    kept: { type: 'ARRAY', items: { type: 'INTEGER' } },
  });
  assert.deepEqual(
    warnings.map((warning) => warning.feature),
    ['json_schema.type'],
  );
});

test('JSON Schema → Gemini: a required name without a property is declared with the empty schema, at any depth', () => {
  const { schema, warnings } = jsonSchemaToGeminiSchema(
    {
      type: 'object',
      properties: { text: { type: 'string' }, target: { type: 'object', required: ['ref'] } },
      required: ['text', 'element'],
    },
    where,
  );
  assert.deepEqual(schema, {
    type: 'OBJECT',
    properties: { text: { type: 'STRING' }, target: { type: 'OBJECT', required: ['ref'], properties: { ref: {} } }, element: {} },
    required: ['text', 'element'],
  });
  assert.deepEqual(warnings, []);
});
