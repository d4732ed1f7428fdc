import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceCycle } from '../../src/core/json-schema-recursion.js';

test('a definition that refers to itself is a cycle, named by its pointers', () => {
  const tree = { type: 'object', properties: { root: { $ref: '#/$defs/Node' } }, $defs: { Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } } } } };
  assert.deepEqual(referenceCycle(tree), ['#/$defs/Node', '#/$defs/Node']);
});

test('definitions that refer to each other, a reference back to the root, and one to a pointer above it are cycles', () => {
  const mutual = { $ref: '#/definitions/A', definitions: { A: { properties: { b: { $ref: '#/definitions/B' } } }, B: { properties: { a: { $ref: '#/definitions/A' } } } } };
  assert.deepEqual(referenceCycle(mutual), ['#/definitions/A', '#/definitions/B', '#/definitions/A']);
  assert.deepEqual(referenceCycle({ type: 'object', properties: { next: { anyOf: [{ $ref: '#' }, { type: 'null' }] } } }), ['#', '#']);
  assert.deepEqual(referenceCycle({ type: 'object', properties: { a: { type: 'object', properties: { again: { $ref: '#/properties/a' } } } } }), ['#/properties/a', '#/properties/a']);
});

test('references that only share a definition, external references and anchors are no cycle', () => {
  const shared = { type: 'object', properties: { from: { $ref: '#/$defs/Place' }, to: { $ref: '#/$defs/Place' } }, $defs: { Place: { type: 'object', properties: { city: { $ref: '#/$defs/City' } } }, City: { type: 'string' } } };
  assert.equal(referenceCycle(shared), undefined);
  assert.equal(referenceCycle({ type: 'object', properties: { a: { $ref: 'https://example.com/schema.json' }, b: { $ref: '#anchor' } } }), undefined);
  assert.equal(referenceCycle({ type: 'object', properties: { name: { type: 'string' } } }), undefined);
});

test('a property named $ref is not a reference', () => {
  assert.equal(referenceCycle({ type: 'object', properties: { $ref: { type: 'string' } } }), undefined);
});
