/** A whole body is read within a size and a time limit, and a body past either is stopped, not drained. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readBoundedBody } from '../../src/wire/bounded-body.js';

const farAway = (): number => Date.now() + 60_000;

test('a body within the limits is read whole', async () => {
  const read = await readBoundedBody(Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]), { maxBytes: 7, deadline: farAway() });
  assert.deepEqual(read, { bytes: Buffer.from('{"a":1}'), end: 'whole' });
});

test('a body without end stops at the size limit, keeping its first bytes, and is destroyed', async () => {
  const endless = new Readable({ read: () => void endless.push(Buffer.alloc(1000, 0x61)) });
  const read = await readBoundedBody(endless, { maxBytes: 5500, deadline: farAway() });
  assert.equal(read.end, 'too-large');
  assert.equal(read.bytes.length, 5500);
  assert.equal(endless.destroyed, true);
});

test('a body that trickles on stops at the deadline with what came, and is destroyed', async () => {
  const trickle = new Readable({ read: () => {} });
  const timer = setInterval(() => trickle.push(Buffer.from('x')), 5);
  try {
    const read = await readBoundedBody(trickle, { maxBytes: 1 << 20, deadline: Date.now() + 100 });
    assert.equal(read.end, 'too-slow');
    assert.equal(trickle.destroyed, true);
  } finally {
    clearInterval(timer);
  }
});

test('a body that breaks rejects with its own error', async () => {
  const broken = new Readable({ read: () => {} });
  broken.push(Buffer.from('{"a"'));
  setImmediate(() => broken.destroy(new Error('socket hang up')));
  await assert.rejects(readBoundedBody(broken, { maxBytes: 100, deadline: farAway() }), /socket hang up/);
  const gone = new Readable({ read: () => {} });
  gone.destroy(new Error('already gone'));
  await assert.rejects(readBoundedBody(gone, { maxBytes: 100, deadline: farAway() }), /already gone/);
});
