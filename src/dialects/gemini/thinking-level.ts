/**
 * Gemini 3 is asked how much to think by `thinkingLevel`, not `thinkingBudget`: "Use the
 * thinkingLevel parameter with Gemini 3 models. While thinkingBudget is accepted for backwards
 * compatibility, using it with Gemini 3 Pro may result in suboptimal performance"
 * (https://ai.google.dev/gemini-api/docs/thinking, as quoted in https://github.com/aduermael/herm/issues/38). The interlingua's effort words are Gemini's four
 * levels (https://ai.google.dev/gemini-api/docs/thinking#thinking-levels), written as the
 * `ThinkingLevel` enum spells them (MINIMAL, LOW, MEDIUM, HIGH in @google/genai). Which levels a
 * model takes is the catalog's (catalog/model-rules.ts), which fits the effort before it gets here.
 */
import type { ReasoningSettings } from '../../interlingua/request.js';

type Effort = NonNullable<ReasoningSettings['effort']>;

/**
 * The level for `effort`: the caller's own spelling of it when a Gemini caller wrote the same level
 * (`low` in the REST samples' lower case), else the enum's.
 */
export function thinkingLevelFor(effort: Effort, callerLevel: unknown): string {
  const level = effort.toUpperCase();
  return typeof callerLevel === 'string' && callerLevel.toUpperCase() === level ? callerLevel : level;
}
