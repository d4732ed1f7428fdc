import type { Warning } from '../interlingua/warning.js';

/**
 * Tool-call arguments travel as JSON text (see `ToolCallPart`). Dialects that want an object
 * (Anthropic `input`, Gemini `args`) parse it here; text that is not a JSON object is wrapped
 * rather than lost, with a warning, because models do sometimes emit broken JSON.
 */
export function parseToolArguments(text: string, toolName: string): { value: Record<string, unknown>; warnings: Warning[] } {
  if (text.trim() === '') return { value: {}, warnings: [] };
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return { value: parsed as Record<string, unknown>, warnings: [] };
    }
  } catch {
    // fall through to the wrapped form
  }
  return {
    value: { _raw_arguments: text },
    warnings: [
      {
        type: 'compatibility',
        feature: 'tool_call.arguments',
        message: `Arguments of tool call "${toolName}" are not a JSON object; sent as {"_raw_arguments": <text>}.`,
      },
    ],
  };
}

/** An arguments object as the JSON text the interlingua carries. */
export function stringifyToolArguments(value: unknown): string {
  return JSON.stringify(value ?? {});
}
