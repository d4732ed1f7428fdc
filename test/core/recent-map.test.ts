import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecentMap } from '../../src/core/recent-map.js';

test('the map holds at most its limit, and every key set among the last half-limit distinct keys', () => {
  const map = new RecentMap<string, number>(10);
  for (let index = 0; index < 1_000; index++) {
    map.set(`name-${index}`, index);
    assert.ok(map.size <= 10, `${map.size} entries`);
    for (let back = 0; back < 5 && back <= index; back++) assert.equal(map.get(`name-${index - back}`), index - back);
  }
  assert.equal(map.has('name-0'), false);
});

test('a key set again and again stays, its latest value read, while names set once pass through', () => {
  const map = new RecentMap<string, number>(4);
  for (let index = 0; index < 100; index++) {
    map.set('configured', index);
    map.set(`made-up-${index}`, index);
  }
  assert.equal(map.get('configured'), 99);
  assert.equal(map.has('made-up-0'), false);
  assert.ok(map.size <= 4);
  assert.deepEqual(new Set(map.keys()).size, map.size, 'each key listed once');
});

test('delete and clear take keys out of both generations', () => {
  const map = new RecentMap<string, number>(4);
  map.set('a', 1);
  map.set('b', 2);
  map.set('c', 3);
  assert.equal(map.delete('a'), true);
  assert.equal(map.delete('a'), false);
  assert.equal(map.delete('c'), true);
  assert.deepEqual([...map.keys()], ['b']);
  map.clear();
  assert.equal(map.size, 0);
});
