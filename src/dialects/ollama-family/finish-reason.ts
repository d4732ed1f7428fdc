/**
 * `done_reason` ↔ the unified reason. Ollama's words: `stop`, `length`, and `load` / `unload`
 * for the answers to an empty conversation (docs/api.md "Load a model"). Ollama says `stop` when
 * the model called tools (fixtures/ollama/chat-response-tools-nonstream.json), so the calls
 * decide; old servers send no `done_reason` at all (fixtures/ollama/chat-response-images.json),
 * which can only have been a natural stop.
 */
import type { FinishReason, UnifiedFinishReason } from '../../interlingua/finish-reason.js';
import { otherFinishLoss } from '../../core/unwritten-finish.js';

const unifiedByRaw: Readonly<Record<string, UnifiedFinishReason>> = { stop: 'stop', length: 'length' };
/** Words passed through to an Ollama caller as they came. */
const passThroughWords = new Set(['load', 'unload']);

export function parseDoneReason(raw: string | undefined, hasToolCalls: boolean): FinishReason {
  const known = raw === undefined ? 'stop' : Object.hasOwn(unifiedByRaw, raw) ? unifiedByRaw[raw] : undefined;
  const unified: UnifiedFinishReason = known === 'stop' && hasToolCalls ? 'tool-calls' : (known ?? 'other');
  return raw === undefined ? { unified } : { unified, raw };
}

/** Ollama has only `stop` and `length` for a generated answer; a tool call is a `stop` too. */
export function emitDoneReason(reason: FinishReason): string {
  switch (reason.unified) {
    case 'length':
      return 'length';
    case 'other':
      return reason.raw !== undefined && passThroughWords.has(reason.raw) ? reason.raw : 'stop';
    case 'stop':
    case 'tool-calls':
    case 'content-filter':
    case 'error':
      return 'stop';
    default: {
      const unhandled: never = reason.unified;
      throw new Error(`unhandled finish reason ${String(unhandled)}`);
    }
  }
}

/**
 * A vendor's filter or refusal (Claude's `refusal`, Gemini's `SAFETY`, OpenAI's `content_filter`)
 * has no `done_reason`: `stop` would pass it off as a whole answer, so the loss is told, as is
 * any other end Ollama has no word for.
 */
export function doneReasonLoss(reason: FinishReason): string | undefined {
  if (reason.unified !== 'content-filter') return otherFinishLoss(reason, passThroughWords, 'done_reason', 'stop');
  const word = reason.raw === undefined ? 'a content filter' : `"${reason.raw}"`;
  return `The upstream stopped the answer for its content (${word}); Ollama's done_reason has no word for that, so it reads "stop".`;
}
