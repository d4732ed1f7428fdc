/**
 * `finish_reason` ↔ the unified reason. OpenAI's words: stop, length, tool_calls, content_filter,
 * and the deprecated function_call (https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices).
 */
import type { FinishReason, UnifiedFinishReason } from '../../interlingua/finish-reason.js';

const unifiedByRaw: Readonly<Record<string, UnifiedFinishReason>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
};

export function parseFinishReason(raw: string): FinishReason {
  return { unified: Object.hasOwn(unifiedByRaw, raw) ? (unifiedByRaw[raw] ?? 'other') : 'other', raw };
}

/**
 * The raw word when it is OpenAI's own and means the same (keeps `function_call` on a
 * pass-through); otherwise the unified reason in OpenAI's words. OpenAI has no word for an
 * error or an unknown reason, and clients treat anything unexpected as a bug, so those are `stop`.
 */
export function emitFinishReason(reason: FinishReason): string {
  if (reason.raw !== undefined && Object.hasOwn(unifiedByRaw, reason.raw) && unifiedByRaw[reason.raw] === reason.unified) {
    return reason.raw;
  }
  switch (reason.unified) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    case 'error':
    case 'other':
      return 'stop';
    default: {
      const unhandled: never = reason.unified;
      throw new Error(`unhandled finish reason ${String(unhandled)}`);
    }
  }
}
