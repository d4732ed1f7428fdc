/**
 * Shared by the ollama tests: which fixtures exist (fixtures/ollama, see MANIFEST.md), how to read
 * the `.jsonc` doc samples, how to replay NDJSON through the decoder, and a check that a decoded
 * stream keeps the interlingua's block lifecycle.
 */
import type { StreamFrame } from '../../../src/interlingua/dialect.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { ollamaDialect } from '../../../src/dialects/ollama/index.js';
import { NdjsonParser } from '../../../src/wire/ndjson-parser.js';
import { fixtureNames, readFixtureText } from '../../support/fixtures.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function listOllamaFixtures(predicate: (name: string) => boolean): string[] {
  return fixtureNames('ollama')
    .filter(predicate)
    .sort()
    .map((name) => `ollama/${name}`);
}

/** Every `/api/chat` request body (the `.jsonc` one has `//` comments). */
export const chatRequestFixtures = listOllamaFixtures((name) => name.startsWith('chat-request-'));
/** Every non-streamed `/api/chat` answer. */
export const chatResponseFixtures = listOllamaFixtures((name) => name.startsWith('chat-response-'));

/**
 * JSON with `//` line comments (the doc samples kept verbatim as `.jsonc`). Comments are removed
 * only outside strings, so a `//` inside a value (a URL) survives.
 */
export function parseJsonc(text: string): unknown {
  let output = '';
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      output += char;
      if (char === '\\') output += text[++index] ?? '';
      else if (char === '"') inString = false;
    } else if (char === '/' && text[index + 1] === '/') {
      while (index < text.length && text[index] !== '\n') index++;
      output += '\n';
    } else {
      if (char === '"') inString = true;
      output += char;
    }
  }
  return JSON.parse(output) as unknown;
}

export function readOllamaFixture(path: string): unknown {
  return parseJsonc(readFixtureText(path));
}

/** NDJSON text as the gateway frames it (src/wire/ndjson-parser.ts), split into arbitrary chunks. */
export function ndjsonFrames(text: string, chunkSize = 7): StreamFrame[] {
  const parser = new NdjsonParser();
  const frames: StreamFrame[] = [];
  for (let offset = 0; offset < text.length; offset += chunkSize) frames.push(...parser.push(text.slice(offset, offset + chunkSize)));
  return [...frames, ...parser.end()];
}

/** Every frame through a fresh decoder, then `end()`. */
export function decodeFrames(frames: readonly StreamFrame[]): StreamEvent[] {
  const decoder = ollamaDialect.createStreamDecoder();
  return [...frames.flatMap((frame) => decoder.push(frame)), ...decoder.end()];
}

/** A doc example wrapped as `[first, final]` (MANIFEST.md) → the NDJSON the server sends. */
export function docExampleAsNdjson(path: string): string {
  const lines = readOllamaFixture(path);
  if (!Array.isArray(lines)) throw new Error(`${path} is not an array of lines`);
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}

/**
 * A recorded `/api/generate` stream re-shaped as the `/api/chat` stream of the same run: the two
 * endpoints stream the same lines except that chat puts the text in `message.content` (and
 * `message.thinking`) where generate has `response` (and `thinking`), and has no `context`
 * (docs/api.md "Generate a completion" vs "Generate a chat completion"; docs/openapi.yaml
 * `GenerateStreamEvent` vs `ChatStreamEvent`). An `{"error"}` line is the same for both
 * (docs/api/errors.mdx). fixtures/ollama holds no recorded chat stream, so this is how recorded
 * traffic reaches the chat decoder.
 */
export function generateLinesAsChat(ndjson: string): string {
  return ndjson
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { response, thinking, context: _context, ...rest } = JSON.parse(line) as Record<string, Json>;
      if (response === undefined && thinking === undefined) return `${JSON.stringify(rest)}\n`;
      const message: Record<string, Json> = { role: 'assistant', content: response ?? '' };
      if (thinking !== undefined) message['thinking'] = thinking;
      return `${JSON.stringify({ ...rest, message })}\n`;
    })
    .join('');
}

/** A minimal interlingua request, for encoder contexts. */
export function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'llama3.2', system: [], messages: [], sampling: {}, stream: true, streamUsage: true, ...overrides };
}

/**
 * A decoded stream obeys the lifecycle the interlingua promises: `response-start` first, every
 * delta inside its block's start/end, blocks closed before `finish`, one terminal event, last.
 */
export function assertWellFormed(events: readonly StreamEvent[]): void {
  const open = new Map<string, string>();
  events.forEach((event, position) => {
    const where = `event ${position} (${event.type})`;
    const isLast = position === events.length - 1;
    if ((event.type === 'finish' || event.type === 'error') && !isLast) throw new Error(`${where}: terminal event is not last`);
    if (event.type === 'error') return;
    if ((position === 0) !== (event.type === 'response-start')) throw new Error(`${where}: response-start must come first, once`);
    const match = /^(text|reasoning|tool-call)-(start|delta|end)$/.exec(event.type);
    if (match !== null && 'id' in event) {
      const [, kind, phase] = match;
      if (phase === 'start') {
        if (open.has(event.id)) throw new Error(`${where}: block ${event.id} opened twice`);
        open.set(event.id, kind ?? '');
      } else if (open.get(event.id) !== kind) {
        throw new Error(`${where}: block ${event.id} is not an open ${kind ?? ''} block`);
      } else if (phase === 'end') {
        open.delete(event.id);
      }
    }
    if (event.type === 'finish' && open.size > 0) throw new Error(`${where}: blocks still open: ${[...open.keys()].join(', ')}`);
  });
  const last = events.at(-1);
  if (last === undefined || (last.type !== 'finish' && last.type !== 'error')) throw new Error('the stream has no terminal event');
}
