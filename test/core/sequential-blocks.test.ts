import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SequentialBlocks, queuedBlock, type BlockLifecycle } from '../../src/core/sequential-blocks.js';

/** A writer that records what reaches the wire, as `begin A`, `write A x`, `close A`. */
function recorder() {
  const wire: string[] = [];
  const blocks = new SequentialBlocks<BlockLifecycle>({
    begin: (lifecycle) => (wire.push(`begin ${lifecycle.id}`), ''),
    write: (lifecycle, event) => (wire.push(`write ${lifecycle.id} ${event.type === 'tool-call-delta' || event.type === 'text-delta' ? event.delta : event.type}`), ''),
    close: (lifecycle) => (wire.push(`close ${lifecycle.id}`), ''),
  });
  return { wire, blocks };
}

const call = (id: string) => queuedBlock({ id, kind: 'tool-call', name: id, signed: false });

test('interleaved tool calls reach the wire one at a time, in start order, nothing lost', () => {
  const { wire, blocks } = recorder();
  blocks.start(call('A'));
  blocks.start(call('B'));
  blocks.deliver({ type: 'tool-call-delta', id: 'B', delta: 'b1' });
  blocks.deliver({ type: 'tool-call-delta', id: 'A', delta: 'a1' });
  blocks.end('A');
  blocks.deliver({ type: 'tool-call-delta', id: 'B', delta: 'b2' });
  blocks.end('B');
  assert.deepEqual(wire, ['begin A', 'write A a1', 'close A', 'begin B', 'write B b1', 'write B b2', 'close B']);
});

test('text yields to a block that starts and continues in a new block after it', () => {
  const { wire, blocks } = recorder();
  blocks.start(queuedBlock({ id: 'T', kind: 'text', name: '', signed: false }));
  blocks.deliver({ type: 'text-delta', id: 'T', delta: 'one' });
  blocks.start(call('C'));
  blocks.deliver({ type: 'text-delta', id: 'T', delta: 'two' });
  blocks.end('C');
  blocks.end('T');
  assert.deepEqual(wire, ['begin T', 'write T one', 'close T', 'begin C', 'close C', 'begin T', 'write T two', 'close T']);
});

test('flush writes every waiting block; any interleaving keeps every delta, each block contiguous', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom('A', 'B', 'C'), fc.constantFrom('delta', 'end')), { maxLength: 30 }), (steps) => {
      const { wire, blocks } = recorder();
      for (const id of ['A', 'B', 'C']) blocks.start(call(id));
      const ended = new Set<string>();
      const sent: string[] = [];
      steps.forEach(([id, action], index) => {
        if (ended.has(id)) return;
        if (action === 'end') {
          ended.add(id);
          blocks.end(id);
        } else {
          sent.push(`${id}${index}`);
          blocks.deliver({ type: 'tool-call-delta', id, delta: `${id}${index}` });
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
