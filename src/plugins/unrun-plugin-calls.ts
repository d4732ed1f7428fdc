import type { ToolCallPart } from '../interlingua/content.js';
import type { UnportedOutput } from '../core/unported-output.js';

/**
 * The vendor-data key the plugin loop lists its unrun plugin calls under (core/unported-output.ts):
 * the name of no dialect, so every caller is warned of them as of other lost output (a whole
 * answer's `x-interlingua-warnings` header, a stream's log line).
 */
export const unrunPluginCallsSource = 'plugin-loop';

/**
 * A plugin call the model made in the same step as a call of one of the caller's own tools. That
 * step ends the loop, since the caller's calls are the caller's to answer and the model cannot go
 * on without their results; the plugin call is not run, and the caller is told so rather than
 * left to think the model made no such call.
 */
export function unrunPluginCall(call: ToolCallPart, pluginName: string): UnportedOutput {
  return {
    feature: `plugins.${pluginName}`,
    message: `The model called the plugin tool "${call.name}" in the same step as the caller's own tools; it was not run, since that step's calls went to the caller.`,
  };
}
