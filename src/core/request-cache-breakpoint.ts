/**
 * Anthropic's request-level breakpoint: "Top-level cache control automatically applies a
 * cache_control marker to the last cacheable block in the request" (the `cache_control` body
 * param in node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts; "add a single
 * `cache_control` field at the top level of your request body. The system automatically applies the
 * cache breakpoint to the last cacheable block", https://platform.claude.com/docs/en/build-with-claude/prompt-caching,
 * as quoted in https://github.com/affaan-m/ECC/pull/3173). The
 * Anthropic parser keeps it in `vendor.anthropic.cache_control`, and Anthropic's own API gets it
 * back as it came.
 *
 * Upstreams that take breakpoints on blocks only lose it there: Bedrock Converse has no such field
 * (a `cachePoint` block is its only breakpoint), and Claude on Bedrock InvokeModel and on Vertex
 * AI refuse it, "cache_control: Extra inputs are not permitted", since Anthropic's automatic caching
 * reaches those platforms "later" (https://github.com/UKGovernmentBEIS/inspect_ai/pull/3851,
 * https://github.com/BerriAI/litellm/issues/26320; "Vertex AI does not support automatic caching",
 * https://github.com/dust-tt/dust/pull/27109). Their emitters call this first, so the breakpoint is
 * written where Anthropic would have put it, on the last part that can carry one, and each
 * emitter's own limit on breakpoints then counts it like any other.
 */
import type { CacheBreakpoint } from '../interlingua/cache.js';
import type { ContentPart, TextPart } from '../interlingua/content.js';
import type { Message } from '../interlingua/message.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { VendorData } from '../interlingua/vendor.js';
import type { Warning } from '../interlingua/warning.js';
import { isBlank } from './blank-text.js';
import { parseCacheControl } from './cache-control.js';

/** Where the Anthropic parser keeps the request-level `cache_control`. */
const vendorKey = 'anthropic';
const field = 'cache_control';

/** The request-level breakpoint a request carries, if it is one of the shape Anthropic defines. */
export function requestCacheBreakpoint(request: ChatRequest): CacheBreakpoint | undefined {
  return parseCacheControl(request.vendor?.[vendorKey]?.[field]);
}

/**
 * The request with its request-level breakpoint moved onto its last part that can hold one (read
 * in Anthropic's prefix order tools → system → messages, from the end), or, with a warning, left
 * out when no part can. A part that has a breakpoint of its own keeps it: it already ends the same
 * prefix. A request without one is returned as it is.
 */
export function withRequestBreakpointOnLastPart(request: ChatRequest, target: string, warnings: Warning[]): ChatRequest {
  const cache = requestCacheBreakpoint(request);
  if (cache === undefined) return request;
  const { vendor: _vendor, ...withoutVendor } = request;
  const rest: ChatRequest = { ...withoutVendor, ...vendorWithout(request.vendor) };
  const placed = placedOnMessages(rest, cache) ?? placedOnSystem(rest, cache) ?? placedOnTools(rest, cache);
  if (placed !== undefined) return placed;
  warnings.push({
    type: 'unsupported',
    feature: field,
    message: `${target} takes cache breakpoints on blocks only, and no block of this request can carry the request-level "cache_control"; it was left out.`,
  });
  return rest;
}

/** `{vendor}` without the request-level field (and without `vendor` at all when nothing is left). */
function vendorWithout(vendor: VendorData | undefined): { vendor?: VendorData } {
  const { [vendorKey]: own, ...others } = vendor ?? {};
  const { [field]: _taken, ...kept } = own ?? {};
  const result: VendorData = { ...others, ...(Object.keys(kept).length > 0 ? { [vendorKey]: kept } : {}) };
  return Object.keys(result).length > 0 ? { vendor: result } : {};
}

/**
 * Whether a part can end a cached prefix: not reasoning (a thinking block's `cache_control` is
 * refused, "thinking.cache_control: Extra inputs are not permitted":
 * https://github.com/UKGovernmentBEIS/inspect_ai/pull/3967),
 * not blank text ("cache_control cannot be set for empty text blocks",
 * https://github.com/NousResearch/hermes-agent/pull/1216), and not a file, which carries no
 * breakpoint in the interlingua.
 */
function canHold(part: ContentPart): part is BreakpointHolder {
  if (part.type === 'reasoning' || part.type === 'file') return false;
  return part.type !== 'text' || !isBlank(part.text);
}

/** A part that can carry a breakpoint (canHold). */
export type BreakpointHolder = Exclude<ContentPart, { type: 'reasoning' } | { type: 'file' }>;

/** The index of the last of `parts` that can carry a breakpoint. */
export function lastHolder(parts: readonly ContentPart[]): number | undefined {
  for (let index = parts.length - 1; index >= 0; index--) {
    const part = parts[index];
    if (part !== undefined && canHold(part)) return index;
  }
  return undefined;
}

function marked<T extends ContentPart | TextPart>(part: T, cache: CacheBreakpoint): T {
  return 'cache' in part && part.cache !== undefined ? part : { ...part, cache };
}

function placedOnMessages(request: ChatRequest, cache: CacheBreakpoint): ChatRequest | undefined {
  for (let at = request.messages.length - 1; at >= 0; at--) {
    const message = request.messages[at];
    const index = message === undefined ? undefined : lastHolder(message.content);
    if (message === undefined || index === undefined) continue;
    const messages = request.messages.map((original, position) => (position === at ? markPart(original, index, cache) : original));
    return { ...request, messages };
  }
  return undefined;
}

function markPart(message: Message, index: number, cache: CacheBreakpoint): Message {
  switch (message.role) {
    case 'system':
      return { ...message, content: message.content.map((part, at) => (at === index ? marked(part, cache) : part)) };
    case 'user':
      return { ...message, content: message.content.map((part, at) => (at === index ? marked(part, cache) : part)) };
    case 'assistant':
      return { ...message, content: message.content.map((part, at) => (at === index ? marked(part, cache) : part)) };
    case 'tool':
      return { ...message, content: message.content.map((part, at) => (at === index ? marked(part, cache) : part)) };
    default: {
      const unhandled: never = message;
      throw new Error(`unhandled message ${JSON.stringify(unhandled)}`);
    }
  }
}

function placedOnSystem(request: ChatRequest, cache: CacheBreakpoint): ChatRequest | undefined {
  const index = lastHolder(request.system);
  if (index === undefined) return undefined;
  return { ...request, system: request.system.map((part, at) => (at === index ? marked(part, cache) : part)) };
}

function placedOnTools(request: ChatRequest, cache: CacheBreakpoint): ChatRequest | undefined {
  const tools = request.tools ?? [];
  if (tools.length === 0) return undefined;
  const last = tools.length - 1;
  return { ...request, tools: tools.map((tool, at) => (at === last && tool.cache === undefined ? { ...tool, cache } : tool)) };
}
