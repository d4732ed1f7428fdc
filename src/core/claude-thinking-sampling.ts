/**
 * What Claude takes beside manual or adaptive thinking that is on, wherever it runs (Anthropic's
 * API, Bedrock's Converse): "Thinking isn't compatible with temperature or top_k modifications as
 * well as forced tool use", and "When thinking is enabled, you can set top_p to values between 1 and
 * 0.95" (https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility).
 * Each warning names the `platform`, so a caller reads the same loss the same way on every platform.
 */
import type { Warning } from '../interlingua/warning.js';

/** The sampling controls thinking constrains; `topK` is only ever left out, so any value will do. */
export interface ClaudeThinkingSampling {
  temperature?: number;
  topP?: number;
  topK?: unknown;
}

/**
 * The sampling to send while Claude thinks: a temperature other than 1 and any top_k are left out
 * (there is no value of either that thinking takes other than the default), a top_p below 0.95 is
 * raised to it (the nearest value thinking takes), each with a warning naming `platform`.
 */
export function claudeThinkingSampling(sampling: ClaudeThinkingSampling, platform: string, warn: (warning: Warning) => void): { temperature?: number; topP?: number } {
  const { temperature, topP, topK } = sampling;
  const fitted: { temperature?: number; topP?: number } = {};
  if (temperature !== undefined && temperature !== 1) {
    warn({ type: 'unsupported', feature: 'temperature', message: `${platform} does not take a temperature other than 1 with thinking on; it was left out.` });
  } else if (temperature !== undefined) fitted.temperature = temperature;
  if (topP !== undefined && topP < 0.95) {
    warn({ type: 'compatibility', feature: 'top_p', message: `${platform} needs top_p >= 0.95 with thinking on; ${topP} was sent as 0.95.` });
    fitted.topP = 0.95;
  } else if (topP !== undefined) fitted.topP = topP;
  if (topK !== undefined) warn({ type: 'unsupported', feature: 'top_k', message: `${platform} does not take top_k with thinking on; it was left out.` });
  return fitted;
}

/**
 * Manual thinking (`type: "enabled"`) refuses a tool choice that forces a call ("Thinking may not be
 * enabled when tool_choice forces tool use."); the forced call is the caller's contract for the
 * answer's shape, so thinking gives way, and this says so.
 */
export function thinkingOffForForcedToolWarning(platform: string): Warning {
  return {
    type: 'compatibility',
    feature: 'reasoning.forced_tool_choice',
    message: `${platform} does not think while the tool choice forces a tool call; thinking was turned off for this request so the forced call stays.`,
  };
}
