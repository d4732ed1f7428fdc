/**
 * A response's `status` (+ `incomplete_details.reason`) ↔ the unified finish reason. Responses has
 * no "tool_calls" status: a completed response whose output holds function calls is one.
 * Statuses: completed, incomplete (max_output_tokens | content_filter), failed, cancelled,
 * in_progress, queued (node_modules/openai/resources/responses/responses.d.ts `ResponseStatus`).
 */
import type { FinishReason } from '../../interlingua/finish-reason.js';
import { otherFinishLoss } from '../../core/unwritten-finish.js';

export function parseFinishReason(status: string | null | undefined, incompleteReason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  switch (status) {
    case 'completed':
      return { unified: hasToolCalls ? 'tool-calls' : 'stop', raw: status };
    case 'incomplete':
      if (incompleteReason === 'max_output_tokens') return { unified: 'length', raw: incompleteReason };
      if (incompleteReason === 'content_filter') return { unified: 'content-filter', raw: incompleteReason };
      return { unified: 'other', raw: incompleteReason ?? status };
    case 'failed':
      return { unified: 'error', raw: status };
    case null:
    case undefined:
      return { unified: 'other' };
    default:
      return { unified: 'other', raw: status };
  }
}

export interface WireFinish {
  status: 'completed' | 'incomplete' | 'failed';
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
}

/** Anything that is not a cut-off or a failure reads as completed, which is what clients expect. */
export function emitFinish(reason: FinishReason): WireFinish {
  switch (reason.unified) {
    case 'length':
      return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
    case 'content-filter':
      return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
    case 'error':
      return { status: 'failed', incomplete_details: null };
    case 'stop':
    case 'tool-calls':
    case 'other':
      return { status: 'completed', incomplete_details: null };
    default: {
      const unhandled: never = reason.unified;
      throw new Error(`unhandled finish reason ${String(unhandled)}`);
    }
  }
}

const noWordsKept: ReadonlySet<string> = new Set();

/** An `other` end written as `completed` (emitFinish), told. */
export function finishReasonLoss(reason: FinishReason): string | undefined {
  return otherFinishLoss(reason, noWordsKept, 'status', 'completed');
}
