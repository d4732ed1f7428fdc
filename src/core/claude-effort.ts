/**
 * Claude's `thinking` and `output_config.effort`, which Anthropic's Messages API and Bedrock's
 * `additionalModelRequestFields` spell alike
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html).
 * Where either caller's words travel for the Anthropic emitter: its vendor data, under these keys
 * (`@`: spelling only, core/vendor-fields.ts, so other targets do not report them).
 */

/** The vendor namespace of the Anthropic dialect, whose emitter reads the keys below. */
export const claudeVendorName = 'anthropic';
/** The `thinking` field as written, when the interlingua's reasoning settings do not say all of it (`adaptive`, `display`). */
export const thinkingSpellingKey = '@thinking';
/** The `output_config.effort` word as written (`max`), which the interlingua holds as the nearest of its own. */
export const effortSpellingKey = '@effort';

/** Anthropic's effort words (https://platform.claude.com/docs/en/build-with-claude/effort#effort-levels) on the interlingua's scale. */
const effortScale: Readonly<Record<string, 'low' | 'medium' | 'high'>> = { low: 'low', medium: 'medium', high: 'high', xhigh: 'high', max: 'high' };

/** A Claude effort word on the interlingua's scale, or undefined for a word not known here. */
export function effortOnScale(word: string): 'low' | 'medium' | 'high' | undefined {
  return Object.hasOwn(effortScale, word) ? effortScale[word] : undefined;
}

/** The note other targets report for a word above `high` (`xhigh`, `max`), sent to them as `high`. */
export function effortBeyondScaleMessage(word: string, onScale: string): string {
  return `Effort "${word}" is above the highest effort other upstreams share; it was sent as "${onScale}".`;
}
