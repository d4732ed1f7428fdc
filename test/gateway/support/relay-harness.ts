/** Relayed streams fed from memory, for the pass-through taps' tests. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Dialect } from '../../../src/interlingua/dialect.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import type { PassThroughTap } from '../../../src/gateway/pass-through/dialect-taps.js';
import { RelayedStream, type RelayPiece } from '../../../src/gateway/pass-through/relayed-stream.js';
import type { UpstreamResponse } from '../../../src/gateway/upstream-client.js';
import { SseParser } from '../../../src/wire/sse-parser.js';
import { readFixtureText, recordedFixturesRoot } from '../../support/fixtures.js';

/** A relay of an upstream SSE stream that arrives in these chunks. */
export function relaySse(dialect: Dialect, tap: PassThroughTap, chunks: Buffer[], url = 'http://upstream.test/'): RelayedStream {
  const upstream = { status: 200, headers: {}, body: Readable.from(chunks) } as unknown as UpstreamResponse;
  return new RelayedStream(upstream, dialect.createStreamDecoder(), tap, { provider: 'test', url });
}

/** Every piece a relay hands out, from its opening to its end. */
export async function drain(stream: RelayedStream): Promise<RelayPiece[]> {
  await stream.open();
  const pieces: RelayPiece[] = [];
  for await (const piece of stream.pieces()) pieces.push(piece);
  return pieces;
}

/** What the parsing path reads of an SSE stream: every frame through the decoder, then its verdict at the end. */
export function decodedWhole(dialect: Dialect, text: string): StreamEvent[] {
  const decoder = dialect.createStreamDecoder();
  const parser = new SseParser();
  const events: StreamEvent[] = [];
  for (const frame of [...parser.push(text), ...parser.end()]) events.push(...decoder.push(frame));
  return [...events, ...decoder.end()];
}

/** The bytes cut into pieces of `size`, through frames and multi-byte characters alike. */
export function splitBytes(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.subarray(start, start + size));
  return chunks;
}

/**
 * Every recorded SSE stream of a dialect (test/fixtures/recorded/<folder>/*.sse), relayed in
 * pieces of each size: the bytes come out as they went in, the stream ends cleanly, and the tap
 * reads the same finish (and the same response start) as the decoder reading every frame, and,
 * when asked, the first content (for time to first token).
 */
export async function assertRelaysEveryRecording(dialect: Dialect, tap: PassThroughTap, folder: string, options: { sizes: number[]; atLeast: number; firstContentSeen?: boolean }): Promise<void> {
  const names = readdirSync(join(recordedFixturesRoot, folder)).filter((name) => name.endsWith('.sse'));
  assert.ok(names.length >= options.atLeast, `recorded streams: ${names.length}`);
  for (const name of names) {
    const text = readFixtureText(`${folder}/${name}`);
    const whole = decodedWhole(dialect, text);
    const expected = whole.find((event) => event.type === 'finish');
    assert.ok(expected !== undefined, `${name} finishes`);
    for (const size of [...options.sizes, text.length]) {
      const stream = relaySse(dialect, tap, splitBytes(text, size));
      let ended: boolean | undefined;
      stream.whenEnded((finished) => (ended = finished));
      const pieces = await drain(stream);
      const label = `${name} in pieces of ${size}`;
      assert.equal(Buffer.concat(pieces.flatMap((piece) => (piece.bytes === undefined ? [] : [piece.bytes]))).toString('utf8'), text, label);
      const events = pieces.flatMap((piece) => piece.events);
      assert.deepEqual(events.find((event) => event.type === 'finish'), expected, label);
      assert.deepEqual(events.find((event) => event.type === 'response-start'), whole.find((event) => event.type === 'response-start'), label);
      if (options.firstContentSeen === true) assert.ok(events.some((event) => event.type === 'text-delta' || event.type === 'reasoning-delta' || event.type === 'tool-call-start'), `${label}: the first content is seen`);
      assert.equal(pieces.some((piece) => piece.failure !== undefined), false, label);
      assert.equal(ended, true, label);
    }
  }
}
