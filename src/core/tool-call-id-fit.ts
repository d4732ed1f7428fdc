/**
 * Tool call ids as an upstream takes them. An id is made by whichever vendor or caller answered
 * first (vLLM's `chatcmpl-tool-<uuid>` has 46 characters, Kimi's `functions.get_weather:0` a dot and
 * a colon, Gemini's none at all), and upstreams bound them: Anthropic by a pattern, OpenAI by a
 * length. An id that breaks the upstream's rule is rewritten the same way in the call and in its
 * result, kept apart from every other id of the conversation, and rewritten alike in every request,
 * so a conversation sent again keeps its ids (and its prompt-cache prefix).
 */
import { hash } from 'node:crypto';
import type { Message } from '../interlingua/message.js';

export interface ToolCallIdRule {
  /** What every character must be; others become `_`. */
  pattern?: RegExp;
  /** The longest id taken; a longer one becomes `call_` and a digest of it. */
  maxLength?: number;
  /** What an empty id becomes (`call` unless given). */
  emptyId?: string;
  /**
   * For an upstream that takes ids of letters and digits only, of one length: an id that does not
   * fit becomes this many hex digits of its SHA-256 instead of being repaired.
   */
  digestLength?: number;
}

export interface FittedToolCallIds {
  /** The id to send in place of `id`. */
  wire(id: string): string;
  /** How many ids of the conversation had to be rewritten. */
  rewritten: number;
}

/** Every tool call id of the conversation, calls and results alike; asked of every request, most of which have none. */
function idsOf(messages: readonly Message[]): string[] {
  const ids: string[] = [];
  for (const message of messages) {
    if (message.role === 'assistant') {
      for (const part of message.content) if (part.type === 'tool-call') ids.push(part.id);
    } else if (message.role === 'tool') {
      for (const part of message.content) ids.push(part.toolCallId);
    }
  }
  return ids;
}

const nothingRewritten: FittedToolCallIds = { wire: (id) => id, rewritten: 0 };

export function fitToolCallIds(messages: readonly Message[], rule: ToolCallIdRule): FittedToolCallIds {
  const fits = (id: string): boolean => id !== '' && (rule.pattern === undefined || rule.pattern.test(id)) && (rule.maxLength === undefined || id.length <= rule.maxLength);
  const ids = idsOf(messages);
  if (ids.length === 0) return nothingRewritten;
  const taken = new Set(ids.filter(fits));
  const rewrites = new Map<string, string>();
  for (const id of ids) {
    if (taken.has(id) || rewrites.has(id)) continue;
    const candidate = rule.digestLength === undefined ? repaired(id, rule, taken) : digested(id, rule.digestLength, taken);
    taken.add(candidate);
    rewrites.set(id, candidate);
  }
  return { wire: (id) => rewrites.get(id) ?? id, rewritten: rewrites.size };
}

/** The id with the characters the pattern refuses as `_`, within `maxLength`, apart from every id taken. */
function repaired(id: string, rule: ToolCallIdRule, taken: ReadonlySet<string>): string {
  const base = shortened(id.replace(/[^a-zA-Z0-9_-]/g, '_') || (rule.emptyId ?? 'call'), rule.maxLength);
  let candidate = base;
  for (let suffix = 2; taken.has(candidate); suffix++) candidate = shortened(`${base}_${suffix}`, rule.maxLength);
  return candidate;
}

/** `length` hex digits of the id's SHA-256; of the id and a counter, in the rare case those are taken. */
function digested(id: string, length: number, taken: ReadonlySet<string>): string {
  let candidate = hash('sha256', id).slice(0, length);
  for (let attempt = 2; taken.has(candidate); attempt++) candidate = hash('sha256', `${id}\u0000${attempt}`).slice(0, length);
  return candidate;
}

/** An id within `maxLength`: `call_` and as much of its SHA-256 (hex) as fits. */
function shortened(id: string, maxLength: number | undefined): string {
  if (maxLength === undefined || id.length <= maxLength) return id;
  return `call_${hash('sha256', id).slice(0, Math.max(1, maxLength - 'call_'.length))}`;
}
