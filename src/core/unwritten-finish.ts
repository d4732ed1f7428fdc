import type { FinishReason } from '../interlingua/finish-reason.js';

/**
 * An upstream's finish word the interlingua could only call `other` (Gemini's `LANGUAGE`, "stopped
 * because of using an unsupported language", genai.d.ts `enum FinishReason`; a Responses
 * `cancelled`; Claude's `pause_turn`), for a caller dialect whose nearest word (`written`) reads as
 * a clean end: what is lost, for the caller's warnings. `ownWords`: the raw words the dialect
 * writes back as they came, which lose nothing.
 */
export function otherFinishLoss(reason: FinishReason, ownWords: ReadonlySet<string>, field: string, written: string): string | undefined {
  if (reason.unified !== 'other' || reason.raw === undefined || ownWords.has(reason.raw)) return undefined;
  return `The upstream ended the answer with "${reason.raw}", which ${field} has no word for; it reads "${written}".`;
}
