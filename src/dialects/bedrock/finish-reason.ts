import type { FinishReason, UnifiedFinishReason } from '../../interlingua/finish-reason.js';
import { otherFinishLoss } from '../../core/unwritten-finish.js';

/**
 * Converse `stopReason` values (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_MessageStopEvent.html:
 * "end_turn | tool_use | max_tokens | stop_sequence | guardrail_intervened | content_filtered |
 * malformed_model_output | malformed_tool_use | model_context_window_exceeded").
 */
const unifiedByStopReason: Record<string, UnifiedFinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  tool_use: 'tool-calls',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  guardrail_intervened: 'content-filter',
  content_filtered: 'content-filter',
  malformed_model_output: 'error',
  malformed_tool_use: 'error',
};

export function parseStopReason(raw: string): FinishReason {
  return { unified: unifiedByStopReason[raw] ?? 'other', raw };
}

/**
 * The stop reason for a caller. A raw word that is one of Bedrock's with the same meaning passes
 * through, whoever said it: Anthropic's `stop_reason` words are Bedrock's (`stop_sequence`,
 * `model_context_window_exceeded`), which the unified reason alone cannot tell from `end_turn` and
 * `max_tokens`. An answer that stopped at one of the caller's stop sequences is `stop_sequence`
 * whatever the upstream called it; any other is derived.
 */
export function emitStopReason(reason: FinishReason, stopSequence: string | undefined): string {
  if (reason.raw !== undefined && Object.hasOwn(unifiedByStopReason, reason.raw) && unifiedByStopReason[reason.raw] === reason.unified) return reason.raw;
  switch (reason.unified) {
    case 'stop':
      return stopSequence === undefined ? 'end_turn' : 'stop_sequence';
    case 'other':
    case 'error':
      return 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'content_filtered';
    default: {
      const unhandled: never = reason.unified;
      throw new Error(`unhandled finish reason ${String(unhandled)}`);
    }
  }
}

const noWordsKept: ReadonlySet<string> = new Set();

/** An `other` end written as `end_turn` (emitStopReason), told. */
export function stopReasonLoss(reason: FinishReason): string | undefined {
  return otherFinishLoss(reason, noWordsKept, 'stopReason', 'end_turn');
}
