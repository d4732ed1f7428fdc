import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openaiFunctionParameters } from '../../src/dialects/openai-family/function-parameters.js';

test('a schema OpenAI takes is the same object', () => {
  const schema = { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } }, when: { anyOf: [{ type: 'string' }, { type: 'null' }] } } };
  assert.equal(openaiFunctionParameters(schema), schema);
});

test('arrays without items get items {} wherever they are, and nothing else changes', () => {
  const schema = {
    type: 'object',
    properties: {
      plain: { type: 'array' },
      nullable: { type: ['array', 'null'] },
      nested: { type: 'array', items: { type: 'object', properties: { inner: { type: 'array' } } } },
      either: { anyOf: [{ type: 'array' }, { type: 'string' }] },
      kept: { type: 'string' },
    },
    $defs: { list: { type: 'array' } },
  };
  const completed = openaiFunctionParameters(schema);
  assert.deepEqual(completed, {
    type: 'object',
    properties: {
      plain: { type: 'array', items: {} },
      nullable: { type: ['array', 'null'], items: {} },
      nested: { type: 'array', items: { type: 'object', properties: { inner: { type: 'array', items: {} } } } },
      either: { anyOf: [{ type: 'array', items: {} }, { type: 'string' }] },
      kept: { type: 'string' },
    },
    $defs: { list: { type: 'array', items: {} } },
  });
  assert.equal((completed['properties'] as Record<string, unknown>)['kept'], schema.properties.kept, 'untouched parts are shared, not copied');
  assert.deepEqual(schema.properties.plain, { type: 'array' }, 'the caller\'s schema is not changed');
});

test('a property named __proto__ stays a property', () => {
  const schema = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"array"}}}') as Record<string, unknown>;
  const completed = openaiFunctionParameters(schema);
  const properties = completed['properties'] as Record<string, unknown>;
  assert.ok(Object.prototype.hasOwnProperty.call(properties, '__proto__'));
  assert.deepEqual(Object.getOwnPropertyDescriptor(properties, '__proto__')?.value, { type: 'array', items: {} });
  assert.equal(Object.getPrototypeOf(properties), Object.prototype);
});

test('a bare object gets properties {}, an empty schema becomes an object of any properties', () => {
  assert.deepEqual(openaiFunctionParameters({ type: 'object' }), { type: 'object', properties: {} });
  assert.deepEqual(openaiFunctionParameters({}), { type: 'object', properties: {} });
});
