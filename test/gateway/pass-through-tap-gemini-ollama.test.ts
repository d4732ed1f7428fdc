/**
 * The Gemini and Ollama pass-through taps (src/gateway/pass-through/gemini-tap.ts, ollama-tap.ts):
 * which frames they decode, and what a relayed stream reads from SSE and NDJSON however the
 * upstream splits it, decoding only the latest of the Gemini chunks that restate usage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { Dialect, StreamDecoder } from '../../src/interlingua/dialect.js';
import type { StreamEvent } from '../../src/interlingua/stream-event.js';
import { geminiDialect } from '../../src/dialects/gemini/index.js';
import { ollamaDialect } from '../../src/dialects/ollama/index.js';
import { passThroughTapFor, type PassThroughTap } from '../../src/gateway/pass-through/dialect-taps.js';
import { relayFramingFor } from '../../src/gateway/pass-through/relay-framing.js';
import { RelayedStream, type RelayPiece } from '../../src/gateway/pass-through/relayed-stream.js';
import type { UpstreamResponse } from '../../src/gateway/upstream-client.js';
import type { ChatRequest } from '../../src/interlingua/request.js';
import { drain } from './support/relay-harness.js';

function tapOf(name: string): PassThroughTap {
  const tap = passThroughTapFor(name);
  if (tap === undefined) throw new Error(`${name} has a tap`);
  return tap;
}
const geminiTap = tapOf('gemini');
const ollamaTap = tapOf('ollama');

/** A relay over these chunks (cut anywhere), and every frame its decoder was given. */
function relay(dialect: Dialect, chunks: Buffer[]): { stream: RelayedStream; decoded: string[] } {
  const inner = dialect.createStreamDecoder();
  const decoded: string[] = [];
  const decoder: StreamDecoder = { push: (frame) => (decoded.push(frame.data), inner.push(frame)), end: () => inner.end() };
  const framing = relayFramingFor(dialect.streamFraming);
  if (framing === undefined) throw new Error(`${dialect.streamFraming} is relayed`);
  const upstream = { status: 200, headers: {}, body: Readable.from(chunks) } as unknown as UpstreamResponse;
  return { stream: new RelayedStream(upstream, decoder, tapOf(dialect.name), { provider: 'test', url: 'http://upstream.test' }, framing), decoded };
}

/** The text cut at these byte offsets (inside frames and characters alike). */
function cutAt(text: string, offsets: number[]): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    chunks.push(bytes.subarray(start, offset));
    start = offset;
  }
  return chunks;
}

const forwarded = (pieces: RelayPiece[]) => Buffer.concat(pieces.flatMap((piece) => (piece.bytes === undefined ? [] : [piece.bytes]))).toString('utf8');
const usages = (events: StreamEvent[]) => events.flatMap((event) => (event.type === 'usage' || event.type === 'finish' ? [event.usage] : []));

/** A Gemini chunk as Google writes it (`\r\n\r\n` after each event), with the usage so far. */
function geminiChunk(text: string, candidates: number, finish?: string): string {
  const candidate = { content: { parts: [{ text }], role: 'model' }, ...(finish !== undefined ? { finishReason: finish } : {}), index: 0 };
  return `data: ${JSON.stringify({ candidates: [candidate], usageMetadata: { promptTokenCount: 9, candidatesTokenCount: candidates, totalTokenCount: 9 + candidates }, modelVersion: 'gemini-2.5-flash' })}\r\n\r\n`;
}

test('Gemini: chunks that end or fail the answer are decoded; chunks that only restate usage are not, but are marked as such', () => {
  const content = '{"candidates": [{"content": {"parts": [{"text": "Hi"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 9,"candidatesTokenCount": 1}}';
  assert.equal(geminiTap.matters(content), false);
  assert.equal(geminiTap.restatesUsage?.(content), true);
  assert.equal(geminiTap.matters('{"candidates":[{"content":{"parts":[{"text":"Hi"}]},"finishReason":null}]}'), false);
  assert.equal(geminiTap.restatesUsage?.('{"candidates":[{"content":{"parts":[{"text":"Hi"}]}}]}'), false);
  // Content that spells a key is escaped inside its string, so it is not taken for one.
  assert.equal(geminiTap.matters('{"candidates":[{"content":{"parts":[{"text":"say \\"finishReason\\": \\"STOP\\""}]}}]}'), false);
  assert.equal(geminiTap.matters('{"candidates": [{"content": {"parts": [{"text": "."}]},"finishReason": "STOP","index": 0}]}'), true);
  assert.equal(geminiTap.matters('{"promptFeedback": {"blockReason": "SAFETY"},"usageMetadata": {"promptTokenCount": 9}}'), true);
  assert.equal(geminiTap.matters('{"error": {"code": 503,"message": "The model is overloaded.","status": "UNAVAILABLE"}}'), true);
  assert.equal(geminiTap.matters('[{"candidates":[]}]'), true, 'what is not an object is for the decoder to judge');
});

test('Gemini: a stream with several candidates is left to the parsing path, a whole answer is not', () => {
  const request = (stream: boolean, candidateCount?: number): ChatRequest => ({
    model: 'm',
    system: [],
    messages: [],
    sampling: candidateCount === undefined ? {} : { candidateCount },
    stream,
  });
  assert.equal(geminiTap.accepts(request(true)), true);
  assert.equal(geminiTap.accepts(request(true, 1)), true);
  assert.equal(geminiTap.accepts(request(true, 2)), false);
  assert.equal(geminiTap.accepts(request(false, 2)), true);
});

test('Gemini: only the last chunk restating usage before the finish is decoded, and the stream is forwarded as it came', async () => {
  const chunks = [geminiChunk('One', 1), geminiChunk(' two', 2), geminiChunk(' three', 3), geminiChunk(' four', 4), geminiChunk(' olá.', 5, 'STOP')];
  const text = chunks.join('');
  const { stream, decoded } = relay(geminiDialect, cutAt(text, [20, text.indexOf('á') + 1, text.length - 30]));
  const pieces = await drain(stream);
  assert.equal(forwarded(pieces), text);
  const events = pieces.flatMap((piece) => piece.events);
  // The first chunk (time to first token), the last restatement before the finish, and the finish.
  assert.deepEqual(decoded.map((data) => (JSON.parse(data) as { usageMetadata: { candidatesTokenCount: number } }).usageMetadata.candidatesTokenCount), [1, 4, 5]);
  const finish = events.find((event) => event.type === 'finish');
  assert.ok(finish?.type === 'finish');
  assert.deepEqual({ reason: finish.finishReason.raw, input: finish.usage.inputTokens, output: finish.usage.outputTokens }, { reason: 'STOP', input: 9, output: 5 });
  assert.equal(pieces.some((piece) => piece.failure !== undefined), false);
});

test('Gemini: a stream cut before its finish fails as stream_interrupted, with the usage of the last chunk that restated it', async () => {
  const text = geminiChunk('One', 1) + geminiChunk(' two', 2) + geminiChunk(' three', 3);
  // The upstream stops ten bytes short of the third chunk's end.
  const { stream } = relay(geminiDialect, cutAt(text.slice(0, -10), [30]));
  const pieces = await drain(stream);
  const last = pieces.at(-1);
  assert.equal(last?.failure?.code, 'stream_interrupted');
  assert.equal(forwarded(pieces), geminiChunk('One', 1) + geminiChunk(' two', 2), 'the half of the third chunk is not forwarded');
  assert.equal(stream.separatorBeforeError, '');
  assert.deepEqual(usages(pieces.flatMap((piece) => piece.events)).map((usage) => usage.outputTokens), [1, 2], 'the cut third chunk was never whole');
});

test('Gemini: a relay the caller left reports the usage it held back once settled', async () => {
  const { stream } = relay(geminiDialect, [Buffer.from(geminiChunk('One', 1)), Buffer.from(geminiChunk(' two', 2)), Buffer.from(geminiChunk(' three', 3))]);
  await stream.open();
  const pieces = stream.pieces();
  await pieces.next();
  await pieces.next();
  await pieces.return(undefined);
  assert.deepEqual(usages(stream.settle()).map((usage) => usage.outputTokens), [2]);
  assert.deepEqual(stream.settle(), [], 'once');
});

test('Ollama: the done line and error lines are decoded, the lines before them are not', () => {
  assert.equal(ollamaTap.matters('{"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","message":{"role":"assistant","content":"The","images":null},"done":false}'), false);
  assert.equal(ollamaTap.matters('{"model":"llama3.2","message":{"role":"assistant","content":"say \\"done\\": true"},"done":false}'), false);
  assert.equal(ollamaTap.matters('{"model":"llama3.2","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":26,"eval_count":282}'), true);
  assert.equal(ollamaTap.matters('{"model": "llama3.2", "done": true, "eval_count": 282}'), true);
  assert.equal(ollamaTap.matters('{"error":"an error was encountered while running the model"}'), true);
  assert.equal(ollamaTap.matters('not json'), true);
  assert.equal(ollamaTap.restatesUsage, undefined);
});

const ollamaLines = [
  '{"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","message":{"role":"assistant","content":"The"},"done":false}\n',
  '{"model":"llama3.2","created_at":"2023-08-04T08:52:19.4Z","message":{"role":"assistant","content":" sky is blue — "},"done":false}\n',
  '{"model":"llama3.2","created_at":"2023-08-04T08:52:19.5Z","message":{"role":"assistant","content":"olá"},"done":false}\n',
  '{"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":4883583458,"prompt_eval_count":26,"eval_count":282}\n',
];

test('Ollama: an NDJSON stream split mid-line is forwarded as it came, its lines between the first and the last unread', async () => {
  const text = ollamaLines.join('');
  const { stream, decoded } = relay(ollamaDialect, cutAt(text, [15, text.indexOf('—') + 1, text.indexOf('á') + 1, text.length - 3]));
  const pieces = await drain(stream);
  assert.equal(forwarded(pieces), text);
  assert.equal(decoded.length, 2, 'the first line (time to first token) and the done line');
  const events = pieces.flatMap((piece) => piece.events);
  const finish = events.find((event) => event.type === 'finish');
  assert.ok(finish?.type === 'finish');
  assert.deepEqual({ reason: finish.finishReason.unified, input: finish.usage.inputTokens, output: finish.usage.outputTokens }, { reason: 'stop', input: 26, output: 282 });
  assert.ok(events.some((event) => event.type === 'text-delta'));
});

test('Ollama: a stream cut mid-line fails as stream_interrupted, and the half line is not forwarded', async () => {
  const text = ollamaLines[0]! + ollamaLines[1]!.slice(0, 20);
  const { stream } = relay(ollamaDialect, cutAt(text, [ollamaLines[0]!.length]));
  const pieces = await drain(stream);
  assert.equal(pieces.at(-1)?.failure?.code, 'stream_interrupted');
  assert.equal(forwarded(pieces), ollamaLines[0], 'the half line is not forwarded');
  assert.equal(stream.separatorBeforeError, '');
});

test('Ollama: an error line after the answer began ends the relay as broken, in the upstream\'s own words', async () => {
  const { stream } = relay(ollamaDialect, [Buffer.from(ollamaLines[0]!), Buffer.from(ollamaLines[1]!), Buffer.from('{"error":"an error was encountered while running the model"}\n')]);
  let ended: { finished: boolean; message: string | undefined } | undefined;
  const pieces = await drain(stream);
  stream.whenEnded((finished, broken) => (ended = { finished, message: broken?.message }));
  const error = pieces.flatMap((piece) => piece.events).find((event) => event.type === 'error');
  assert.ok(error?.type === 'error');
  assert.match(error.error.message, /an error was encountered while running the model/);
  assert.equal(pieces.some((piece) => piece.failure !== undefined), false, 'the caller already has the error line');
  assert.equal(ended?.finished, false);
  assert.equal(stream.separatorBeforeError, '');
});

test('Ollama: a line cut short in the middle of the stream breaks the relay, as it breaks the parsing path', async () => {
  const cutShort = '{"model":"llama3.2","created_at":"2023-08-04T08:52:19.4Z","message":{"role":"assistant","content":"The sky"';
  assert.equal(ollamaTap.matters(cutShort), true, 'a frame that opens with { but does not close with } is judged');
  assert.equal(ollamaTap.matters(`${ollamaLines[1]!.trimEnd()}  `), false);
  const { stream } = relay(ollamaDialect, [Buffer.from(ollamaLines[0]!), Buffer.from(`${cutShort}\n`), Buffer.from(ollamaLines[3]!)]);
  const pieces = await drain(stream);
  assert.equal(pieces.at(-1)?.failure?.code, 'upstream_error');
  assert.equal(pieces.some((piece) => piece.events.some((event) => event.type === 'finish')), false, 'the answer is not passed off as complete');
});
