import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SequentialBlocks, type BlockLifecycle } from '../../src/core/sequential-blocks.js';

/** A writer that records what reaches the wire, as `begin A`, `write A x`, `close A`. */
function recorder() {
  const wire: string[] = [];
  const blocks = new SequentialBlocks<BlockLifecycle>(
    {
      begin: (lifecycle) => (wire.push(`begin ${lifecycle.id}`), ''),
      write: (lifecycle, event) => (wire.push(`write ${lifecycle.id} ${event.type === 'tool-call-delta' || event.type === 'text-delta' || event.type === 'reasoning-delta' ? event.delta : event.type}`), ''),
      close: (lifecycle) => (wire.push(`close ${lifecycle.id}`), ''),
    },
    'own-dialect',
  );
  return { wire, blocks };
}

const startCall = (id: string) => ({ type: 'tool-call-start' as const, id, name: id });
const callDelta = (id: string, delta: string) => ({ type: 'tool-call-delta' as const, id, delta });

test('interleaved tool calls reach the wire one at a time, in start order, nothing lost', () => {
  const { wire, blocks } = recorder();
  blocks.accept(startCall('A'));
  blocks.accept(startCall('B'));
  blocks.accept(callDelta('B', 'b1'));
  blocks.accept(callDelta('A', 'a1'));
  blocks.accept({ type: 'tool-call-end', id: 'A' });
  blocks.accept(callDelta('B', 'b2'));
  blocks.accept({ type: 'tool-call-end', id: 'B' });
  assert.deepEqual(wire, ['begin A', 'write A a1', 'close A', 'begin B', 'write B b1', 'write B b2', 'close B']);
});

test('text yields to a block that starts and continues in a new block after it', () => {
  const { wire, blocks } = recorder();
  blocks.accept({ type: 'text-start', id: 'T' });
  blocks.accept({ type: 'text-delta', id: 'T', delta: 'one' });
  blocks.accept(startCall('C'));
  blocks.accept({ type: 'text-delta', id: 'T', delta: 'two' });
  blocks.accept({ type: 'tool-call-end', id: 'C' });
  blocks.accept({ type: 'text-end', id: 'T' });
  assert.deepEqual(wire, ['begin T', 'write T one', 'close T', 'begin C', 'close C', 'begin T', 'write T two', 'close T']);
});

test('reasoning signed by the target’s own dialect is never split; foreign reasoning is', () => {
  // Content that comes after another block started: split reasoning continues in a new block.
  for (const [origin, split] of [['own-dialect', false], ['other', true]] as const) {
    const { wire, blocks } = recorder();
    blocks.accept({ type: 'reasoning-start', id: 'R', signatureOrigin: origin });
    blocks.accept(startCall('C'));
    blocks.accept({ type: 'reasoning-delta', id: 'R', delta: 'late' });
    blocks.accept({ type: 'reasoning-end', id: 'R' });
    blocks.accept({ type: 'tool-call-end', id: 'C' });
    assert.deepEqual(
      wire,
      split ? ['begin R', 'close R', 'begin C', 'close C', 'begin R', 'write R late', 'close R'] : ['begin R', 'write R late', 'close R', 'begin C', 'close C'],
    );
  }
});

test('flush writes every waiting block; any interleaving keeps every delta, each block contiguous', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom('A', 'B', 'C'), fc.constantFrom('delta', 'end')), { maxLength: 30 }), (steps) => {
      const { wire, blocks } = recorder();
      for (const id of ['A', 'B', 'C']) blocks.accept(startCall(id));
      const ended = new Set<string>();
      const sent: string[] = [];
      steps.forEach(([id, action], index) => {
        if (ended.has(id)) return;
        if (action === 'end') {
          ended.add(id);
          blocks.accept({ type: 'tool-call-end', id });
        } else {
          sent.push(`${id}${index}`);
          blocks.accept(callDelta(id, `${id}${index}`));
        }
      });
      blocks.flush(false);
      const written = wire.filter((line) => line.startsWith('write')).map((line) => line.split(' ')[2]);
      assert.deepEqual([...written].sort(), [...sent].sort());
      // Strictly sequential: begin X … close X never overlaps another block.
      let open: string | undefined;
      for (const line of wire) {
        const [verb, id] = line.split(' ');
        if (verb === 'begin') {
          assert.equal(open, undefined);
          open = id;
        } else {
          assert.equal(open, id);
          if (verb === 'close') open = undefined;
        }
      }
      assert.equal(open, undefined);
    }),
  );
});
