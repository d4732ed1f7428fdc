/**
 * Cache breakpoints fitted to where the model takes them (`ModelFacts.promptCacheFields`): a
 * breakpoint on a part the model does not cache is left out, with one warning per part, rather
 * than sent to a vendor that refuses the request for it.
 */
import type { CacheBreakpoint } from '../interlingua/cache.js';
import type { Message } from '../interlingua/message.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import type { PromptCacheField } from './model-facts.js';

interface Cacheable {
  cache?: CacheBreakpoint;
}

/** The item without its breakpoint, and whether it had one. */
function withoutBreakpoint<T extends object>(item: T): { item: T; removed: boolean } {
  const cacheable = item as T & Cacheable;
  if (cacheable.cache === undefined) return { item, removed: false };
  const { cache: _cache, ...rest } = cacheable;
  return { item: rest as T, removed: true };
}

function stripAll<T extends object>(items: readonly T[]): { items: T[]; removed: number } {
  let removed = 0;
  const stripped = items.map((item) => {
    const result = withoutBreakpoint(item);
    if (result.removed) removed += 1;
    return result.item;
  });
  return { items: stripped, removed };
}

const fieldNames: Readonly<Record<PromptCacheField, string>> = { tools: 'tools', system: 'the system prompt', messages: 'messages' };

/** `request` with its breakpoints only where `fields` allows; the same object when nothing changes. */
export function fitCacheBreakpoints(request: ChatRequest, fields: readonly PromptCacheField[], model: string, warnings: Warning[]): ChatRequest {
  const removed: Partial<Record<PromptCacheField, number>> = {};
  let fitted = request;
  if (!fields.includes('tools') && request.tools !== undefined) {
    const tools = stripAll(request.tools);
    if (tools.removed > 0) {
      fitted = { ...fitted, tools: tools.items };
      removed.tools = tools.removed;
    }
  }
  if (!fields.includes('system')) {
    const system = stripAll(request.system);
    if (system.removed > 0) {
      fitted = { ...fitted, system: system.items };
      removed.system = system.removed;
    }
  }
  if (!fields.includes('messages')) {
    let count = 0;
    const messages = request.messages.map((message) => {
      const content = stripAll<object>(message.content);
      count += content.removed;
      return content.removed === 0 ? message : ({ ...message, content: content.items } as Message);
    });
    if (count > 0) {
      fitted = { ...fitted, messages };
      removed.messages = count;
    }
  }
  const places = fields.map((field) => fieldNames[field]).join(' and ') || 'nowhere';
  for (const [field, count] of Object.entries(removed) as Array<[PromptCacheField, number]>) {
    warnings.push({
      type: 'unsupported',
      feature: 'cache_breakpoints',
      message: `${model} takes cache breakpoints in ${places} only; ${count} on ${fieldNames[field]} ${count === 1 ? 'was' : 'were'} left out.`,
    });
  }
  return fitted;
}
