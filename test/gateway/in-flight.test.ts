import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InFlight } from '../../src/gateway/in-flight.js';
import { Cancellation } from '../../src/gateway/cancellation.js';

test('a cut tells every listener still tied, once, in the order they joined', () => {
  const inFlight = new InFlight();
  const told: string[] = [];
  const unties = ['a', 'b', 'c', 'd', 'e'].map((name) => inFlight.whenCut(() => told.push(name)));
  unties[0]?.(); // the first joined
  unties[2]?.(); // one in the middle
  unties[4]?.(); // the last joined
  unties[2]?.(); // untied twice: nothing more
  inFlight.cut();
  inFlight.cut();
  assert.deepEqual(told, ['b', 'd']);
  unties[1]?.(); // untied after the cut: harmless
  const late: string[] = [];
  inFlight.whenCut(() => late.push('late'));
  assert.deepEqual(late, ['late'], 'a listener joining after the cut is told at once');
});

test('a request tied to the cut is cancelled with reason shutdown; one untied is not', () => {
  const inFlight = new InFlight();
  const tied = new Cancellation();
  const untied = new Cancellation();
  inFlight.cancelOnCut(tied);
  inFlight.cancelOnCut(untied)();
  inFlight.cut();
  assert.equal(tied.aborted, true);
  assert.equal(tied.reason, 'shutdown');
  assert.equal(untied.aborted, false);
});
