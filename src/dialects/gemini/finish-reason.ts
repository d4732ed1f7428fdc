/**
 * Gemini `finishReason` (https://ai.google.dev/api/generate-content#FinishReason) ↔ unified.
 * Gemini answers STOP even when it called functions (fixture response-function-call.json), so
 * the candidate's parts decide `tool-calls`; the raw word is always kept.
 */
import type { FinishReason, UnifiedFinishReason } from '../../interlingua/finish-reason.js';

const contentFilter = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION']);
const failedCall = new Set(['MALFORMED_FUNCTION_CALL', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS']);

/** Every FinishReason word of the v1beta API (genai.d.ts `enum FinishReason`). */
const geminiWords = new Set([
  'FINISH_REASON_UNSPECIFIED', 'STOP', 'MAX_TOKENS', 'LANGUAGE', 'OTHER', 'NO_IMAGE', 'IMAGE_OTHER', 'CONTINUATION',
  ...contentFilter, ...failedCall,
]);

export function finishReasonFromGemini(raw: string, madeToolCalls: boolean): FinishReason {
  return { unified: unify(raw, madeToolCalls), raw };
}

function unify(raw: string, madeToolCalls: boolean): UnifiedFinishReason {
  if (raw === 'STOP') return madeToolCalls ? 'tool-calls' : 'stop';
  if (raw === 'MAX_TOKENS') return 'length';
  if (contentFilter.has(raw)) return 'content-filter';
  if (failedCall.has(raw)) return 'error';
  return 'other';
}

/** A prompt blocked before generation (`promptFeedback.blockReason`, no candidates). */
export function finishReasonFromBlock(blockReason: string): FinishReason {
  return { unified: 'content-filter', raw: blockReason };
}

export function finishReasonToGemini(finishReason: FinishReason): string {
  const { unified, raw } = finishReason;
  if (unified === 'tool-calls') return 'STOP';
  if (raw !== undefined && geminiWords.has(raw) && unify(raw, false) === unified) return raw;
  switch (unified) {
    case 'stop':
      return 'STOP';
    case 'length':
      return 'MAX_TOKENS';
    case 'content-filter':
      return 'SAFETY';
    case 'error':
    case 'other':
      return 'OTHER';
    default: {
      const unhandled: never = unified;
      throw new Error(`unhandled finish reason ${String(unhandled)}`);
    }
  }
}
