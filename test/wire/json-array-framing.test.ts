import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonArrayFraming } from '../../src/wire/json-array-framing.js';
import { formatSseFrame } from '../../src/wire/sse-parser.js';
import type { StreamEvent } from '../../src/interlingua/stream-event.js';
import { InterlinguaError } from '../../src/interlingua/error.js';

/** An encoder that writes each event's type as one SSE frame, as the Gemini encoder writes chunks. */
const typeEncoder = { encode: (event: StreamEvent) => (event.type === 'text-end' ? '' : formatSseFrame(JSON.stringify({ t: event.type }))) };

test('frames become elements of one JSON array that closes at finish', () => {
  const framing = new JsonArrayFraming(typeEncoder);
  const pieces = [
    framing.encode({ type: 'text-delta', id: '0', delta: 'a' }),
    framing.encode({ type: 'text-end', id: '0' }),
    framing.encode({ type: 'finish', finishReason: { unified: 'stop' }, usage: {} }),
  ];
  assert.equal(pieces[0], '[{"t":"text-delta"}\n');
  assert.equal(pieces[1], '');
  assert.deepEqual(JSON.parse(pieces.join('')), [{ t: 'text-delta' }, { t: 'finish' }]);
  assert.equal(framing.encode({ type: 'text-delta', id: '1', delta: 'late' }), '');
});

test('an error closes the array too', () => {
  const framing = new JsonArrayFraming(typeEncoder);
  const text = framing.encode({ type: 'error', error: new InterlinguaError('overloaded', 'busy') });
  assert.deepEqual(JSON.parse(text), [{ t: 'error' }]);
});
