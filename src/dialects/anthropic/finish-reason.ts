/**
 * Anthropic `stop_reason` ↔ the unified finish reason
 * (https://docs.claude.com/en/api/handling-stop-reasons). `pause_turn` means a server tool
 * loop paused and the caller should continue the turn, which no other dialect has: `other`.
 */
import type { FinishReason, UnifiedFinishReason } from '../../interlingua/finish-reason.js';
import { otherFinishLoss } from '../../core/unwritten-finish.js';

const unifiedByStopReason: Record<string, UnifiedFinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  refusal: 'content-filter',
  pause_turn: 'other',
};

const claudeWords: ReadonlySet<string> = new Set(Object.keys(unifiedByStopReason));

export function parseStopReason(stopReason: string | null | undefined): FinishReason {
  if (stopReason === null || stopReason === undefined) return { unified: 'other' };
  return { unified: unifiedByStopReason[stopReason] ?? 'other', raw: stopReason };
}

/**
 * The unified reason → Anthropic's word. A raw value that is already an Anthropic stop reason
 * meaning the same thing is kept (so `pause_turn` survives a pass-through); `stop` becomes
 * `stop_sequence` when the stop sequence is known.
 */
export function emitStopReason(finishReason: FinishReason, stopSequence: string | undefined): string {
  const raw = finishReason.raw;
  if (raw !== undefined && unifiedByStopReason[raw] === finishReason.unified) {
    if (raw !== 'end_turn' || stopSequence === undefined) return raw;
  }
  switch (finishReason.unified) {
    case 'stop':
      return stopSequence === undefined ? 'end_turn' : 'stop_sequence';
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    case 'error':
    case 'other':
      return 'end_turn';
    default: {
      const unhandled: never = finishReason.unified;
      throw new Error(`unhandled finish reason ${String(unhandled)}`);
    }
  }
}

/** Claude's own `other` word (`pause_turn`) is written as it came; any other `other` end reads `end_turn` (emitStopReason), told. */
export function stopReasonLoss(reason: FinishReason): string | undefined {
  return otherFinishLoss(reason, claudeWords, 'stop_reason', 'end_turn');
}
