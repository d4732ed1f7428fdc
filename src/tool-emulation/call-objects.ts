/**
 * The JSON shapes models use for a call, read leniently: `{"name", "arguments"}` (OpenAI, Hermes),
 * `{"name", "parameters"}` (Llama 3.1, ChatGLM3's own `model.chat` answer), arguments given as an
 * object or as JSON text, several calls as an array or under `tool_calls`.
 */
import type { ToolDefinition } from '../interlingua/tool.js';
import type { ReadCall } from './tool-format.js';
import { tryParseJson } from './json-text.js';
import { isRecord } from '../core/is-record.js';

export type CallObjectReading = { kind: 'calls'; calls: ReadCall[] } | { kind: 'not-a-call' } | { kind: 'invalid'; reason: string };

/** Whether text that failed to parse was still meant as a call: it names a call's fields. */
export function looksLikeCall(text: string): boolean {
  return /"(name|tool_calls|arguments|parameters)"\s*:/.test(text);
}

/** Arguments as JSON text of an object; a string holding such JSON is accepted too. */
export function argumentsText(value: unknown, toolName: string): { ok: true; text: string } | { ok: false; reason: string } {
  if (value === undefined || value === null) return { ok: true, text: '{}' };
  if (isRecord(value)) return { ok: true, text: JSON.stringify(value) };
  if (typeof value === 'string') {
    const parsed = tryParseJson(value);
    if (parsed.ok && isRecord(parsed.value)) return { ok: true, text: JSON.stringify(parsed.value) };
  }
  return { ok: false, reason: `the arguments of "${toolName}" are not a JSON object` };
}

export function unknownToolReason(name: string, tools: readonly ToolDefinition[]): string {
  return `there is no tool named "${name}" (the tools are: ${tools.map((tool) => tool.name).join(', ')})`;
}

/**
 * One call object, or undefined when the object is no call. `listed` says it came in a
 * `tool_calls` list, which only calls are written in.
 */
function readOne(value: Record<string, unknown>, tools: readonly ToolDefinition[], listed: boolean): { ok: true; call: ReadCall } | { ok: false; reason: string } | undefined {
  // OpenAI's own wire shape, which models trained on it sometimes echo.
  const wrapped = isRecord(value['function']);
  const inner = wrapped ? (value['function'] as Record<string, unknown>) : value;
  const name = inner['name'];
  if (typeof name !== 'string') return undefined;
  const hasArguments = 'arguments' in inner || 'parameters' in inner;
  const given = 'arguments' in inner ? inner['arguments'] : inner['parameters'];
  const offered = tools.some((tool) => tool.name === name);
  // A bare {"name": …} is as likely an answer in JSON ({"name": "Alice"}) as a call without
  // arguments: it is a call only when it names an offered tool.
  if (!hasArguments && (Object.keys(inner).length > 1 || (!offered && !listed && !wrapped))) return undefined;
  if (!offered) return { ok: false, reason: unknownToolReason(name, tools) };
  const text = argumentsText(given, name);
  return text.ok ? { ok: true, call: { name, arguments: text.text } } : text;
}

/** A parsed JSON value as calls; values of other shapes are not calls (a model may answer in JSON). */
export function readCallValue(value: unknown, tools: readonly ToolDefinition[]): CallObjectReading {
  let items: unknown[];
  let listed = false;
  if (Array.isArray(value)) items = value;
  else if (isRecord(value) && Array.isArray(value['tool_calls'])) {
    items = value['tool_calls'];
    listed = true;
  } else items = [value];
  if (items.length === 0) return { kind: 'not-a-call' };
  const calls: ReadCall[] = [];
  for (const item of items) {
    if (!isRecord(item)) return { kind: 'not-a-call' };
    const read = readOne(item, tools, listed);
    if (read === undefined) return { kind: 'not-a-call' };
    if (!read.ok) return { kind: 'invalid', reason: read.reason };
    calls.push(read.call);
  }
  return { kind: 'calls', calls };
}

/** JSON text as calls: invalid JSON that names a call's fields is a call written wrongly. */
export function readCallJson(text: string, tools: readonly ToolDefinition[]): CallObjectReading {
  const parsed = tryParseJson(text);
  if (!parsed.ok) return looksLikeCall(text) ? { kind: 'invalid', reason: `the call is not valid JSON (${parsed.reason})` } : { kind: 'not-a-call' };
  return readCallValue(parsed.value, tools);
}
