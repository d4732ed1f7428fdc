/**
 * Cache breakpoints placed for callers that cannot write them (OpenAI and Gemini clients, most
 * agents), on a provider with `promptCache: auto` whose dialect caches only at breakpoints
 * (Anthropic, and Claude on Bedrock and Vertex). Caching is by prefix in the order tools → system
 * → messages, so the breakpoints go where prefixes stay stable between requests: after the last
 * tool, after the system prompt, and at the end of the last two turns of the caller (the previous
 * request's end is read back, this one's is written for the next). A breakpoint goes only where its prefix reaches the vendor's
 * minimum, and never more than its maximum; a caller that placed any of its own is left alone.
 */
import type { CacheBreakpoint, PromptCacheLimits } from '../interlingua/cache.js';
import type { ContentPart, TextPart } from '../interlingua/content.js';
import type { Message } from '../interlingua/message.js';
import type { ChatRequest } from '../interlingua/request.js';
import { inputReaches } from './tokenizer/token-estimate.js';
import { isBlank } from '../core/blank-text.js';

/** How many of the caller's last turns get a breakpoint. */
const markedTurns = 2;

export async function withAutomaticBreakpoints(request: ChatRequest, limits: PromptCacheLimits): Promise<ChatRequest> {
  if (hasBreakpoint(request)) return request;
  const candidates = candidatesInPrefixOrder(request);
  const chosen: Candidate[] = [];
  for (const candidate of candidates.reverse()) {
    if (chosen.length === limits.maxBreakpoints) break;
    // Prefixes only shrink from here on: once one is too short, so are all before it.
    if (!(await inputReaches(candidate.prefix, limits.minimumPrefixTokens))) break;
    chosen.push(candidate);
  }
  if (chosen.length === 0) return request;
  let placed = request;
  for (const candidate of chosen) placed = candidate.place(placed);
  return placed;
}

interface Candidate {
  /** The request up to and including the breakpoint, to size it. */
  prefix: ChatRequest;
  place(request: ChatRequest): ChatRequest;
}

const breakpoint: CacheBreakpoint = {};

function candidatesInPrefixOrder(request: ChatRequest): Candidate[] {
  const candidates: Candidate[] = [];
  const tools = request.tools ?? [];
  const empty = { ...request, system: [], messages: [] };
  if (tools.length > 0) {
    candidates.push({
      prefix: empty,
      place: (target) => ({ ...target, tools: (target.tools ?? []).map((tool, index) => (index === tools.length - 1 ? { ...tool, cache: breakpoint } : tool)) }),
    });
  }
  const systemEnd = lastMarkableText(request.system);
  if (systemEnd !== undefined) {
    candidates.push({
      prefix: { ...request, messages: [] },
      place: (target) => ({ ...target, system: target.system.map((part, index) => (index === systemEnd ? { ...part, cache: breakpoint } : part)) }),
    });
  }
  const turnEnds = request.messages.flatMap((message, index) => (isCallerTurn(message) && lastMarkablePart(message) !== undefined ? [index] : []));
  for (const index of turnEnds.slice(-markedTurns)) {
    candidates.push({
      prefix: { ...request, messages: request.messages.slice(0, index + 1) },
      place: (target) => ({ ...target, messages: target.messages.map((message, at) => (at === index ? markLastPart(message) : message)) }),
    });
  }
  return candidates;
}

/** A turn of the caller's side: what a request ends with, and where the next request's prefix grows from. */
function isCallerTurn(message: Message): boolean {
  return message.role === 'user' || message.role === 'tool';
}

/**
 * The index of the last part a breakpoint can sit on: not a text that is empty or only whitespace,
 * which Anthropic refuses to carry one ("cache_control cannot be set for empty text blocks",
 * https://github.com/NousResearch/hermes-agent/pull/1216; "text content blocks must contain
 * non-whitespace text" for a whitespace block with a breakpoint, https://github.com/NousResearch/hermes-agent/pull/86643)
 * and which ends the same prefix as the part before it.
 */
function lastMarkablePart(message: Message): number | undefined {
  const parts: readonly ContentPart[] = message.content;
  for (let index = parts.length - 1; index >= 0; index--) {
    const part = parts[index];
    if (part !== undefined && part.type !== 'reasoning' && !(part.type === 'text' && isBlank(part.text))) return index;
  }
  return undefined;
}

/** The index of the last system part with text that is not blank, as for a turn's parts. */
function lastMarkableText(parts: readonly TextPart[]): number | undefined {
  for (let index = parts.length - 1; index >= 0; index--) if (!isBlank(parts[index]?.text ?? '')) return index;
  return undefined;
}

function markLastPart(message: Message): Message {
  const last = lastMarkablePart(message);
  switch (message.role) {
    case 'user':
      return { ...message, content: message.content.map((part, index) => (index === last ? { ...part, cache: breakpoint } : part)) };
    case 'tool':
      return { ...message, content: message.content.map((part, index) => (index === last ? { ...part, cache: breakpoint } : part)) };
    case 'system':
    case 'assistant':
      return message;
    default: {
      const unhandled: never = message;
      throw new Error(`unhandled message ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * Whether the caller placed any breakpoint: on a part, a system part or a tool, or inside what
 * travels whole in vendor data (an Anthropic caller's `cache_control` on a document block).
 */
function hasBreakpoint(request: ChatRequest): boolean {
  if (request.tools?.some((tool) => tool.cache !== undefined) || request.system.some((part) => part.cache !== undefined)) return true;
  if (request.messages.some((message) => message.content.some((part) => ('cache' in part && part.cache !== undefined) || mentionsCacheControl(part.vendor)))) return true;
  return request.messages.some((message) => mentionsCacheControl(message.vendor)) || mentionsCacheControl(request.vendor);
}

function mentionsCacheControl(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsCacheControl);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, inner]) => key === 'cache_control' || mentionsCacheControl(inner));
}
