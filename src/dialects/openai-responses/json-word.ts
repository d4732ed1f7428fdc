import type { Warning } from '../../interlingua/warning.js';
import { jsonInstruction, textNamesJson } from '../../core/json-instruction.js';
import type { InputItem } from './input-emit.js';

/**
 * JSON mode (`text.format: json_object`) is refused unless an input message names JSON: "Response
 * input messages must contain the word 'json' in some form to use 'text.format' of type
 * 'json_object'." (param `text.format`, a live 400 quoted in public code, 2026), and `instructions`
 * alone do not count (observed live by the same reports). A conversation that never names it gets
 * the instruction every dialect uses, as a system message at the start of `input`.
 */
export function withJsonNamedInInput(input: InputItem[], warnings: Warning[]): InputItem[] {
  if (input.some(messageNamesJson)) return input;
  warnings.push({
    type: 'compatibility',
    feature: 'response_format.json_object',
    message: 'This upstream takes JSON mode only when the input messages name JSON; a system message asking for a single JSON object was put first.',
  });
  return [{ role: 'system', content: jsonInstruction(undefined) }, ...input];
}

function messageNamesJson(item: InputItem): boolean {
  if (typeof item['role'] !== 'string') return false;
  const content = item['content'];
  if (typeof content === 'string') return textNamesJson(content);
  return Array.isArray(content) && content.some((part) => typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string' && textNamesJson((part as { text: string }).text));
}
