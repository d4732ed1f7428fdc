import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecentMap } from '../../src/core/recent-map.js';

test('past its limit the map forgets the entry set longest ago; setting a key again makes it the newest', () => {
  const map = new RecentMap<string, number>(3);
  map.set('a', 1);
  map.set('b', 2);
  map.set('c', 3);
  map.set('a', 10);
  map.set('d', 4);
  assert.equal(map.size, 3);
  assert.equal(map.has('b'), false, 'b was set longest ago');
  assert.deepEqual([...map.keys()], ['c', 'a', 'd']);
  assert.equal(map.get('a'), 10);
  map.set('e', 5);
  assert.deepEqual([...map.keys()], ['a', 'd', 'e']);
  assert.equal(map.delete('d'), true);
  assert.equal(map.delete('d'), false);
  assert.deepEqual([...map.keys()], ['a', 'e']);
});

test('reading an entry does not keep it', () => {
  const map = new RecentMap<string, number>(2);
  map.set('a', 1);
  map.set('b', 2);
  assert.equal(map.get('a'), 1);
  map.set('c', 3);
  assert.equal(map.get('a'), undefined);
});
