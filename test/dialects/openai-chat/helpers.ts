/**
 * Shared by the openai-chat tests: which recorded fixtures exist, how to replay a stream through
 * the decoder, and a normalizer for request bodies that undoes only the documented,
 * meaning-preserving rewrites of the emitter, so a dropped field still fails the comparison.
 */
import type { StreamFrame } from '../../../src/interlingua/dialect.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { openaiChatDialect } from '../../../src/dialects/openai-chat/index.js';
import { fixtureNames, readFixtureDataLines, readFixtureJson, readFixtureSseFrames } from '../../support/fixtures.js';

/** Folders whose files are OpenAI Chat Completions traffic (OpenAI itself and compatible servers). */
export const chatFolders = ['openai-chat', 'openai-compat', 'deepseek', 'zhipu-glm'] as const;

function listFixtures(predicate: (name: string) => boolean): string[] {
  return chatFolders.flatMap((folder) =>
    fixtureNames(folder)
      .filter(predicate)
      .sort()
      .map((name) => `${folder}/${name}`),
  );
}

/** `openai-chat/dd-legacy-completions-stream-401.request.json` is the legacy /v1/completions API, not chat. */
export const legacyCompletionsRequest = 'openai-chat/dd-legacy-completions-stream-401.request.json';

export const requestFixtures = listFixtures((name) => name.endsWith('.request.json')).filter(
  (path) => path !== legacyCompletionsRequest,
);

export const streamFixtures = listFixtures((name) => name.endsWith('.sse') || name.endsWith('.data.ndjson'));

/** Fixtures named `.response.json` / `response-*.json` that hold a completion (error bodies are for errors.test). */
export const responseFixtures = listFixtures((name) => name.endsWith('.response.json') || /^response-.*\.json$/.test(name)).filter(
  (path) => {
    const body = readFixtureJson(path);
    return body !== null && typeof body === 'object' && 'choices' in body;
  },
);

export function readStreamFrames(path: string): StreamFrame[] {
  return path.endsWith('.sse') ? readFixtureSseFrames(path) : readFixtureDataLines(path);
}

/** Every frame through a fresh decoder, then `end()`. */
export function decodeFrames(frames: readonly StreamFrame[], decoder = openaiChatDialect.createStreamDecoder()): StreamEvent[] {
  return [...frames.flatMap((frame) => decoder.push(frame)), ...decoder.end()];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function textParts(content: Json | undefined): Json | undefined {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/**
 * The emitter's documented rewrites, applied to both sides of a comparison:
 * `max_tokens` → `max_completion_tokens`; `stream: false` ≡ absent; a streaming body always asks
 * for usage; `stop` as a string ≡ a one-element array; string content ≡ one text part; leading
 * system/developer messages are one system prompt; an empty or null assistant content ≡ absent;
 * a bare `image_url` string ≡ `{url}`. With `dropReasoning`, `reasoning_content` in history goes.
 */
export function normalizeRequest(body: unknown, options: { dropReasoning?: boolean } = {}): Record<string, Json> {
  if (!isObject(body)) throw new Error('request body is not an object');
  const copy = structuredClone(body);
  if (copy['max_tokens'] !== undefined) {
    copy['max_completion_tokens'] ??= copy['max_tokens'];
    delete copy['max_tokens'];
  }
  if (copy['stream'] === false) delete copy['stream'];
  if (copy['stream'] === true) {
    copy['stream_options'] = { ...(isObject(copy['stream_options']) ? copy['stream_options'] : {}), include_usage: true };
  }
  if (typeof copy['stop'] === 'string') copy['stop'] = [copy['stop']];
  const messages = Array.isArray(copy['messages']) ? copy['messages'] : [];
  const normalized: Json[] = [];
  const leadingSystem: Json[] = [];
  for (const message of messages) {
    if (!isObject(message)) throw new Error('message is not an object');
    const isLeading = normalized.length === 0 && (message['role'] === 'system' || message['role'] === 'developer');
    if (isLeading) {
      const parts = textParts(message['content']);
      if (Array.isArray(parts)) leadingSystem.push(...parts);
      continue;
    }
    if (leadingSystem.length > 0 && normalized.length === 0) normalized.push({ role: 'system', content: [...leadingSystem] });
    const next: Record<string, Json> = { ...message };
    if (next['role'] === 'assistant') {
      if (next['content'] === '' || next['content'] === null) delete next['content'];
      if (options.dropReasoning === true) delete next['reasoning_content'];
    }
    if (next['content'] !== undefined) next['content'] = textParts(next['content']) ?? null;
    if (Array.isArray(next['content'])) {
      next['content'] = next['content'].map((part) =>
        isObject(part) && part['type'] === 'image_url' && typeof part['image_url'] === 'string'
          ? { ...part, image_url: { url: part['image_url'] } }
          : part,
      );
    }
    normalized.push(next);
  }
  if (normalized.length === 0 && leadingSystem.length > 0) normalized.push({ role: 'system', content: leadingSystem });
  copy['messages'] = normalized;
  return copy;
}

/**
 * A decoded stream obeys the lifecycle the interlingua promises: `response-start` first, every
 * delta inside its block's start/end, each block closed before `finish`, and exactly one
 * terminal event (`finish` or `error`), last.
 */
export function assertWellFormed(events: readonly StreamEvent[]): void {
  const open = new Map<string, 'text' | 'reasoning' | 'tool-call'>();
  const seen = new Set<string>();
  events.forEach((event, position) => {
    const where = `event ${position} (${event.type})`;
    const isLast = position === events.length - 1;
    if (event.type === 'error') {
      if (!isLast) throw new Error(`${where}: error is not last`);
      return;
    }
    if (position === 0 && event.type !== 'response-start') throw new Error(`${where}: does not start with response-start`);
    if (event.type === 'response-start' && position !== 0) throw new Error(`${where}: response-start is not first`);
    switch (event.type) {
      case 'text-start':
      case 'reasoning-start':
      case 'tool-call-start': {
        const kind = event.type.slice(0, -'-start'.length) as 'text' | 'reasoning' | 'tool-call';
        if (seen.has(event.id)) throw new Error(`${where}: block id ${event.id} reused`);
        seen.add(event.id);
        open.set(event.id, kind);
        return;
      }
      case 'text-delta':
      case 'reasoning-delta':
      case 'tool-call-delta':
      case 'text-end':
      case 'reasoning-end':
      case 'tool-call-end': {
        const kind = event.type.replace(/-(delta|end)$/, '');
        if (open.get(event.id) !== kind) throw new Error(`${where}: block ${event.id} is not an open ${kind} block`);
        if (event.type.endsWith('-end')) open.delete(event.id);
        return;
      }
      case 'finish':
        if (!isLast) throw new Error(`${where}: finish is not last`);
        if (open.size > 0) throw new Error(`${where}: blocks still open at finish: ${[...open.keys()].join(', ')}`);
        return;
      default:
        return;
    }
  });
  const last = events.at(-1);
  if (last === undefined || (last.type !== 'finish' && last.type !== 'error')) throw new Error('the stream has no terminal event');
}
