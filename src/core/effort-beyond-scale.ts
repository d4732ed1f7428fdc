import type { EffortBeyondScale } from '../interlingua/dialect.js';
import type { ReasoningSettings } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';

const beyondScale: ReadonlySet<string> = new Set<EffortBeyondScale>(['none', 'xhigh', 'max']);

/**
 * A caller's own effort word, kept for an upstream of its dialect (`reasoning_effort: "xhigh"` from
 * an OpenAI caller), when the model takes it. A word beyond the common scale that the model's
 * catalog entry does not list is dropped with a warning, so the emitter writes its meaning on the
 * scale instead: a model that does not take it refuses the request ("Invalid reasoning effort.",
 * xAI's Grok 4.5 asked for an effort it lacks: https://github.com/YishenTu/claudian/pull/1003).
 */
export function keptEffortWord(
  word: unknown,
  reasoning: ReasoningSettings | undefined,
  taken: readonly EffortBeyondScale[] | undefined,
  model: string,
  warnings: Warning[],
): string | undefined {
  // A spelling of reasoning the model fit left out (`none` to gpt-4o, which takes no reasoning_effort) goes with it.
  if (typeof word !== 'string' || reasoning === undefined) return undefined;
  if (taken === undefined || !beyondScale.has(word) || (taken as readonly string[]).includes(word)) return word;
  warnings.push({
    type: 'compatibility',
    feature: 'reasoning.effort',
    message: `${model} takes no reasoning effort "${word}"; ${reasoning.effort === undefined ? 'it was left out' : `it was sent as "${reasoning.effort}"`}.`,
  });
  return undefined;
}
