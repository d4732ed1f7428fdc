/**
 * Direct reads of the frequent, small shapes of Anthropic's answers: usage objects, the frames
 * every stream carries once (message_start, content_block_start, content_block_stop,
 * message_delta), and a whole message with its text, thinking and tool-use blocks. Each accepts only what its zod schema in wire-schema.ts accepts, and gives
 * back the value itself where zod would give a copy of it; a value that does not fit returns
 * `undefined`, and the caller reads it with the schema, whose error names what is wrong.
 * Zod's loose objects copy every key of every object: on a relayed Claude stream these few
 * frames cost more than all its deltas.
 */
import type { WireBlock, WireResponse, WireUsage } from './wire-schema.js';
import { isPlainObject } from './vendor-data.js';

/**
 * An object handed on as it is: a JSON object, without an own `__proto__` key (JSON.parse makes one
 * from `"__proto__": …`), which zod's copy leaves out; such an object goes to the schema.
 */
function isHandedOn(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && !Object.hasOwn(value, '__proto__');
}

/** zod's `z.number().int().nonnegative()`: `int()` takes safe integers only. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isNullishCount(value: unknown): boolean {
  return value === undefined || value === null || isCount(value);
}

function isNullishString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

/** `usageSchema`: counts or null, and `cache_creation` an object of counts or null. */
export function directUsage(value: unknown): WireUsage | undefined {
  if (!isHandedOn(value)) return undefined;
  if (!isNullishCount(value['input_tokens']) || !isNullishCount(value['output_tokens'])) return undefined;
  if (!isNullishCount(value['cache_creation_input_tokens']) || !isNullishCount(value['cache_read_input_tokens'])) return undefined;
  const creation = value['cache_creation'];
  if (creation !== undefined && creation !== null) {
    // The schema turns a malformed split into `undefined` (`.catch`): left to it.
    if (!isHandedOn(creation) || !isNullishCount(creation['ephemeral_5m_input_tokens']) || !isNullishCount(creation['ephemeral_1h_input_tokens'])) return undefined;
  }
  return value as WireUsage;
}

/** A usage field that may be left out or null, read directly; `false` when it must go to the schema. */
function nullishUsage(value: unknown): WireUsage | null | undefined | false {
  if (value === undefined || value === null) return value;
  return directUsage(value) ?? false;
}

/** `messageStartSchema`: the message's id, model and usage. */
export function directMessageStart(data: Record<string, unknown>): { id: string; model: string; usage: WireUsage | null | undefined } | undefined {
  const message = data['message'];
  if (!isPlainObject(message) || typeof message['id'] !== 'string' || typeof message['model'] !== 'string') return undefined;
  const usage = nullishUsage(message['usage']);
  return usage === false ? undefined : { id: message['id'], model: message['model'], usage };
}

/** `messageDeltaSchema`: the stop reason and sequence, and the usage so far. */
export function directMessageDelta(
  data: Record<string, unknown>,
): { delta: { stop_reason?: string | null; stop_sequence?: string | null }; usage: WireUsage | null | undefined } | undefined {
  const delta = data['delta'];
  if (!isHandedOn(delta) || !isNullishString(delta['stop_reason']) || !isNullishString(delta['stop_sequence'])) return undefined;
  const usage = nullishUsage(data['usage']);
  return usage === false ? undefined : { delta: delta as { stop_reason?: string | null; stop_sequence?: string | null }, usage };
}

/** `contentBlockStartSchema`: the block's index, and the block with its type. */
export function directBlockStart(data: Record<string, unknown>): { index: number; content_block: WireBlock } | undefined {
  const index = data['index'];
  const block = data['content_block'];
  if (!isCount(index) || !isHandedOn(block) || typeof block['type'] !== 'string') return undefined;
  return { index, content_block: block as WireBlock };
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/** `streamThinkingSchema`: a thinking block as it starts, its text and signature if any. */
export function directStreamThinking(block: WireBlock): WireBlock & { thinking?: string; signature?: string } | undefined {
  return isOptionalString(block['thinking']) && isOptionalString(block['signature']) ? (block as WireBlock & { thinking?: string; signature?: string }) : undefined;
}

/** `streamToolUseSchema` and `toolUseBlockSchema`: a tool call, named and identified (its input is anything). */
export function directToolUse(block: WireBlock): WireBlock & { id: string; name: string; input?: unknown } | undefined {
  return typeof block['id'] === 'string' && typeof block['name'] === 'string' ? (block as WireBlock & { id: string; name: string }) : undefined;
}

/** `responseSchema`: a whole message, its blocks each naming its type, and its usage. */
export function directResponse(value: unknown): WireResponse | undefined {
  if (!isHandedOn(value) || typeof value['id'] !== 'string' || typeof value['model'] !== 'string') return undefined;
  if ((value['type'] !== undefined && value['type'] !== 'message') || (value['role'] !== undefined && value['role'] !== 'assistant')) return undefined;
  if (!isNullishString(value['stop_reason']) || !isNullishString(value['stop_sequence'])) return undefined;
  const content = value['content'];
  if (!Array.isArray(content) || !content.every((block) => isHandedOn(block) && typeof block['type'] === 'string')) return undefined;
  return directUsage(value['usage']) === undefined ? undefined : (value as WireResponse);
}

/** `textBlockSchema`. */
export function directText(block: WireBlock): WireBlock & { text: string } | undefined {
  return typeof block['text'] === 'string' ? (block as WireBlock & { text: string }) : undefined;
}

/** `thinkingBlockSchema`: a whole thinking block, its signature if any. */
export function directThinking(block: WireBlock): WireBlock & { thinking: string; signature?: string } | undefined {
  return typeof block['thinking'] === 'string' && isOptionalString(block['signature']) ? (block as WireBlock & { thinking: string; signature?: string }) : undefined;
}

/** `redactedThinkingBlockSchema`. */
export function directRedactedThinking(block: WireBlock): WireBlock & { data: string } | undefined {
  return typeof block['data'] === 'string' ? (block as WireBlock & { data: string }) : undefined;
}
