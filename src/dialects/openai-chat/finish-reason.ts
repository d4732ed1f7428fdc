/**
 * `finish_reason` ↔ the unified reason. OpenAI's words: stop, length, tool_calls, content_filter,
 * and the deprecated function_call (https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices).
 */
import type { FinishReason, UnifiedFinishReason } from '../../interlingua/finish-reason.js';
import { otherFinishLoss } from '../../core/unwritten-finish.js';

const unifiedByRaw: Readonly<Record<string, UnifiedFinishReason>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
};

/**
 * Words of OpenAI-compatible vendors for an answer their own system cut off: DeepSeek's
 * `insufficient_system_resource`, "the request is interrupted due to insufficient resource of the
 * inference system" (https://api-docs.deepseek.com/api/create-chat-completion, `finish_reason`). They
 * unify to `error`, so the gateway fails the attempt (gateway/failed-finish.ts) rather than hand the
 * caller a cut answer as a clean `stop`.
 */
const failureWords: ReadonlySet<string> = new Set(['insufficient_system_resource']);

/**
 * `madeToolCalls`: the answer holds tool calls. A call forced by a named `tool_choice` ends with
 * `stop`, not `tool_calls` (500 of 500 forced calls:
 * https://community.openai.com/t/function-call-with-finish-reason-of-stop/437226; vLLM answers
 * so on purpose, vllm-project/vllm#49496), so the calls decide, as for Gemini's `STOP` and
 * Ollama's `stop`: a caller whose agent loop waits for its tool reason runs the calls.
 */
export function parseFinishReason(raw: string, madeToolCalls: boolean): FinishReason {
  if (failureWords.has(raw)) return { unified: 'error', raw };
  if (raw === 'stop' && madeToolCalls) return { unified: 'tool-calls', raw };
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

const noWordsKept: ReadonlySet<string> = new Set();

/** An `other` end written as `stop` (emitFinishReason), told. */
export function finishReasonLoss(reason: FinishReason): string | undefined {
  return otherFinishLoss(reason, noWordsKept, 'finish_reason', 'stop');
}
