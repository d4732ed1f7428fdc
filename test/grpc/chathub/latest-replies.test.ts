import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { Cancellation } from '../../../src/gateway/cancellation.js';
import { LatestReplies } from '../../../src/grpc/chathub/latest-replies.js';

/** A call whose client reads nothing until `drain` is emitted. */
class SlowCall extends EventEmitter {
  readonly written: string[] = [];
  full = false;
  write(reply: { response?: string }): boolean {
    this.written.push(reply.response ?? '');
    return !this.full;
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('offers in one turn go out as one reply, the latest', async () => {
  const call = new SlowCall();
  const replies = new LatestReplies(call, new Cancellation());
  for (const text of ['a', 'ab', 'abc']) await replies.offer(text);
  assert.deepEqual(call.written, []);
  await nextTurn();
  assert.deepEqual(call.written, ['abc']);
  await replies.offer('abcd');
  await nextTurn();
  await replies.offer('abcde');
  await nextTurn();
  assert.deepEqual(call.written, ['abc', 'abcd', 'abcde'], 'one a turn to a client that keeps up');
  await replies.finish();
  assert.deepEqual(call.written, ['abc', 'abcd', 'abcde'], 'nothing left to send');
});

test('while the client is behind, only the latest text waits, sent at drain; the final one always goes', async () => {
  const call = new SlowCall();
  call.full = true;
  const replies = new LatestReplies(call, new Cancellation());
  await replies.offer('a');
  await nextTurn();
  assert.deepEqual(call.written, ['a']);
  for (const text of ['ab', 'abc', 'abcd']) await replies.offer(text);
  await nextTurn();
  assert.deepEqual(call.written, ['a'], 'nothing more until the client drains');
  call.full = false;
  call.emit('drain');
  await nextTurn();
  assert.deepEqual(call.written, ['a', 'abcd']);
  await replies.offer('abcde');
  await replies.finish();
  assert.deepEqual(call.written, ['a', 'abcd', 'abcde']);
});

test('a client far behind holds the upstream back once the text waiting outgrows what was sent', async () => {
  const call = new SlowCall();
  call.full = true;
  const replies = new LatestReplies(call, new Cancellation());
  const sent = 'x'.repeat(100_000);
  await replies.offer(sent);
  await nextTurn();
  let waited = false;
  await replies.offer(`${sent}${'y'.repeat(50_000)}`);
  const held = replies.offer(`${sent}${'y'.repeat(150_000)}`).then(() => (waited = true));
  await nextTurn();
  assert.equal(waited, false, 'the upstream waits for the client');
  call.full = false;
  call.emit('drain');
  await held;
  assert.equal(call.written.length, 2);
  assert.equal(call.written[1]?.length, 250_000);
});

test('a cancelled call sends nothing more', async () => {
  const call = new SlowCall();
  call.full = true;
  const cancellation = new Cancellation();
  const replies = new LatestReplies(call, cancellation);
  await replies.offer('a');
  await nextTurn();
  await replies.offer('ab');
  cancellation.abort();
  await replies.finish();
  assert.deepEqual(call.written, ['a']);
});
