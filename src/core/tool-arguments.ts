import type { Warning } from '../interlingua/warning.js';
import { maxJsonDepth, parseJsonText } from '../wire/json-text.js';

/**
 * Tool-call arguments travel as JSON text (see `ToolCallPart`). Dialects that want an object
 * (Anthropic `input`, Gemini `args`) parse it here; text that is not a JSON object is wrapped
 * rather than lost, with a warning, because models do sometimes emit broken JSON.
 */
export function parseToolArguments(text: string, toolName: string): { value: Record<string, unknown>; warnings: Warning[] } {
  if (text.trim() === '') return { value: {}, warnings: [] };
  // Arguments come from callers' histories and models' output: nesting past the limit every
  // other JSON from outside has (wire/json-text.ts) would overflow the stack of whatever walks it next.
  const parsed = parseJsonText(text);
  if (parsed.ok && parsed.value !== null && typeof parsed.value === 'object' && !Array.isArray(parsed.value)) {
    return { value: parsed.value as Record<string, unknown>, warnings: [] };
  }
  const problem = !parsed.ok && parsed.kind === 'too-deep' ? `nest deeper than ${maxJsonDepth} levels` : 'are not a JSON object';
  return {
    value: { _raw_arguments: text },
    warnings: [
      {
        type: 'compatibility',
        feature: 'tool_call.arguments',
        message: `Arguments of tool call "${toolName}" ${problem}; sent as {"_raw_arguments": <text>}.`,
      },
    ],
  };
}

/** An arguments object as the JSON text the interlingua carries. */
export function stringifyToolArguments(value: unknown): string {
  return JSON.stringify(value ?? {});
}
