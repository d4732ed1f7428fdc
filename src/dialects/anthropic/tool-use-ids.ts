/**
 * Tool call ids as Anthropic takes them. Anthropic checks both `tool_use.id` and
 * `tool_result.tool_use_id` against `^[a-zA-Z0-9_-]+$` and refuses anything else ("messages.1.content.0.tool_use.id:
 * String should match pattern '^[a-zA-Z0-9_-]+$'", https://github.com/screenpipe/screenpipe/pull/3252;
 * both fields, https://github.com/QwenLM/qwen-code/issues/8160), while other vendors' ids may hold
 * dots and colons (Kimi's `functions.get_weather:0`) or be empty.
 */
import type { Message } from '../../interlingua/message.js';
import { fitToolCallIds, type FittedToolCallIds } from '../../core/tool-call-id-fit.js';

export type ToolUseIds = FittedToolCallIds;

export function toolUseIds(messages: readonly Message[]): ToolUseIds {
  return fitToolCallIds(messages, { pattern: /^[a-zA-Z0-9_-]+$/, emptyId: 'toolu' });
}
