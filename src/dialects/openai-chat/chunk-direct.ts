/**
 * A `chat.completion.chunk` read directly, where `chunkSchema` (response-schema.ts) builds a copy of
 * every chunk, its choices, deltas and tool calls: the object itself when every field the schema
 * lists has the type it expects, else `undefined`, for the schema to read (and name what is wrong).
 * The schema leaves out keys it does not list, and the decoder reads only the keys it lists, so the
 * object as it came reads the same. Typed content chunks (Mistral's) and odd envelope values (a
 * string `created`, which the schema reads as absent) go to the schema.
 */
import type { WireChunk } from './response-schema.js';
import { directUsage, isHandedOn } from './usage-direct.js';

function isNullish(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

function isNullishString(value: unknown): boolean {
  return isNullish(value) || typeof value === 'string';
}

/** zod 4's `z.number()`: finite numbers only. */
function isNullishNumber(value: unknown): boolean {
  return isNullish(value) || (typeof value === 'number' && Number.isFinite(value));
}

/** `z.number().int().nonnegative()`: zod 4's `int()` takes safe integers only. */
function isNullishIndex(value: unknown): boolean {
  return isNullish(value) || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
}

function isToolCallDelta(value: unknown): boolean {
  if (!isHandedOn(value) || !isNullishIndex(value['index']) || !isNullishString(value['id']) || !isNullishString(value['type'])) return false;
  const fn = value['function'];
  return isNullish(fn) || (isHandedOn(fn) && isNullishString(fn['name']) && isNullishString(fn['arguments']));
}

function isDelta(value: unknown): boolean {
  if (isNullish(value)) return true;
  if (!isHandedOn(value)) return false;
  if (!isNullishString(value['content']) || !isNullishString(value['refusal']) || !isNullishString(value['reasoning_content']) || !isNullishString(value['reasoning'])) return false;
  const calls = value['tool_calls'];
  return isNullish(calls) || (Array.isArray(calls) && calls.every(isToolCallDelta));
}

function isChoice(value: unknown): boolean {
  return isHandedOn(value) && isNullishNumber(value['index']) && isNullishString(value['finish_reason']) && isDelta(value['delta']);
}

export function directChunk(value: unknown): WireChunk | undefined {
  if (!isHandedOn(value)) return undefined;
  if (!isNullishString(value['id']) || !isNullishNumber(value['created']) || !isNullishString(value['model'])) return undefined;
  if (!isNullishString(value['system_fingerprint']) || !isNullishString(value['service_tier'])) return undefined;
  const choices = value['choices'];
  if (!isNullish(choices) && !(Array.isArray(choices) && choices.every(isChoice))) return undefined;
  const usage = value['usage'];
  if (!isNullish(usage) && directUsage(usage) === undefined) return undefined;
  return value as WireChunk;
}
