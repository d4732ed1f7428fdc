/**
 * Interlingua cache breakpoints ↔ Converse `cachePoint` blocks
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CachePointBlock.html:
 * "type … Valid Values: default", "ttl … Valid Values: 5m | 1h"). A cache point follows the block
 * it closes, in `system`, in a message's `content` or in `toolConfig.tools` ("For the Converse API,
 * you can set cache checkpoints in the messages, system, or tools fields",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html).
 */
import type { CacheBreakpoint } from '../../interlingua/cache.js';
import type { Warning } from '../../interlingua/warning.js';
import { isPlainObject } from './vendor-data.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { cachePointFields, type CachePointField } from './prompt-caching-models.js';

/**
 * At most four per request: "Max checkpoints per request | 4" for every Claude and Nova model
 * (https://portkey.ai/docs/integrations/llms/bedrock/prompt-caching, from Bedrock's prompt caching table).
 */
export const maxCachePoints = 4;

/** The `cachePoint` block for a breakpoint. */
export function cachePointBlock(cache: CacheBreakpoint): Record<string, unknown> {
  return { cachePoint: cache.ttl === undefined ? { type: 'default' } : { type: 'default', ttl: cache.ttl } };
}

/** The breakpoint a wire `cachePoint` stands for. */
export function breakpointOf(point: { type: 'default'; ttl?: '5m' | '1h' | undefined }): CacheBreakpoint {
  return point.ttl === undefined ? {} : { ttl: point.ttl };
}

/** Every list a cache point can sit in, with its field, in the order Bedrock reads them: tools, system, messages. */
function blockLists(body: Record<string, unknown>): Array<{ field: CachePointField; blocks: Array<Record<string, unknown>> }> {
  const lists: Array<{ field: CachePointField; blocks: Array<Record<string, unknown>> }> = [];
  const config = body['toolConfig'];
  if (isPlainObject(config) && Array.isArray(config['tools'])) lists.push({ field: 'tools', blocks: config['tools'] as Array<Record<string, unknown>> });
  if (Array.isArray(body['system'])) lists.push({ field: 'system', blocks: body['system'] as Array<Record<string, unknown>> });
  for (const message of Array.isArray(body['messages']) ? body['messages'] : []) {
    if (isPlainObject(message) && Array.isArray(message['content'])) lists.push({ field: 'messages', blocks: message['content'] as Array<Record<string, unknown>> });
  }
  return lists;
}

/**
 * Keeps an emitted body's cache points only where `model` takes them on Bedrock
 * (prompt-caching-models.ts): Bedrock refuses the whole request for one anywhere else, and callers
 * such as Claude Code mark their prompts for caching whatever the model. The others are removed,
 * with a warning.
 */
export function keepCachePointsTheModelTakes(body: Record<string, unknown>, model: string, warnings: Warning[]): void {
  const fields = cachePointFields(model);
  if (fields === undefined) return;
  let removed = 0;
  for (const { field, blocks } of blockLists(body)) {
    if (fields.includes(field)) continue;
    for (let index = blocks.length - 1; index >= 0; index -= 1) {
      if (blocks[index]?.['cachePoint'] === undefined) continue;
      blocks.splice(index, 1);
      removed += 1;
    }
  }
  if (removed === 0) return;
  const left = `${removed} cache point${removed === 1 ? ' was' : 's were'} left out`;
  addWarningPerFeature(warnings, {
    type: 'unsupported',
    feature: 'cache_breakpoints',
    message: fields.length === 0 ? `${model} has no prompt caching on Bedrock; ${left}.` : `${model} takes cache points in ${fields.join(' and ')} only on Bedrock; ${left}.`,
  });
}

/**
 * Keeps an emitted body within Bedrock's cache point rules: past the fourth, cache points are
 * removed (the earliest prefixes are the ones most often reused); a one-hour point after a
 * five-minute one is lowered to five minutes, since "Bedrock also requires checkpoint TTLs to be
 * non-increasing across toolConfig → system → messages"
 * (https://strandsagents.com/docs/api/typescript/BedrockCacheTTL/).
 */
export function fitCachePoints(body: Record<string, unknown>, warnings: Warning[]): void {
  let seen = 0;
  let dropped = 0;
  let lowered = 0;
  let shortSeen = false;
  for (const { blocks: list } of blockLists(body)) {
    for (let index = 0; index < list.length; index += 1) {
      const point = list[index]?.['cachePoint'];
      if (!isPlainObject(point)) continue;
      if (seen === maxCachePoints) {
        list.splice(index, 1);
        index -= 1;
        dropped += 1;
        continue;
      }
      seen += 1;
      if (point['ttl'] === '1h' && shortSeen) {
        list[index] = { cachePoint: { ...point, ttl: '5m' } };
        lowered += 1;
      } else if (point['ttl'] !== '1h') shortSeen = true;
    }
  }
  if (dropped > 0) {
    addWarningPerFeature(warnings, {
      type: 'unsupported',
      feature: 'cache_breakpoints',
      message: `Bedrock takes at most ${maxCachePoints} cache points per request; ${dropped} after the fourth ${dropped === 1 ? 'was' : 'were'} left out.`,
    });
  }
  if (lowered > 0) {
    addWarningPerFeature(warnings, {
      type: 'compatibility',
      feature: 'cache_breakpoints.ttl',
      message: `Bedrock needs one-hour cache points before five-minute ones; ${lowered} that came after a five-minute one ${lowered === 1 ? 'was' : 'were'} sent with five minutes.`,
    });
  }
}
