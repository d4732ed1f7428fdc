/**
 * `finish_reason` ↔ the unified reason. The Completions API's words are `stop` (a natural end or
 * a stop sequence), `length` (max_tokens) and `content_filter`
 * (node_modules/openai/resources/completions.d.ts `CompletionChoice.finish_reason`).
 */
import type { FinishReason, UnifiedFinishReason } from '../../interlingua/finish-reason.js';
import { otherFinishLoss } from '../../core/unwritten-finish.js';

const unifiedByRaw: Readonly<Record<string, UnifiedFinishReason>> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
};

export function parseFinishReason(raw: string): FinishReason {
  return { unified: Object.hasOwn(unifiedByRaw, raw) ? (unifiedByRaw[raw] ?? 'other') : 'other', raw };
}

/**
 * Only the three words the SDK's type allows. A tool call (from a chat upstream) or an unknown
 * or error end is `stop`: the text simply ended, and clients treat anything else as a bug.
 */
export function emitFinishReason(reason: FinishReason): 'stop' | 'length' | 'content_filter' {
  switch (reason.unified) {
    case 'length':
      return 'length';
    case 'content-filter':
      return 'content_filter';
    case 'stop':
    case 'tool-calls':
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
