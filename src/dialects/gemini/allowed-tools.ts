/**
 * OpenAI's `tool_choice: {type: "allowed_tools"}` keeps the whole tool list (and its prompt cache)
 * while limiting the calls to some tools: Chat Completions writes `{type, allowed_tools: {mode,
 * tools: [{type: "function", function: {name}}]}}`, Responses `{type, mode, tools: [{type:
 * "function", name}]}`, `mode` being `auto` or `required` (`ChatCompletionAllowedTools` and
 * `ToolChoiceAllowed` in the official openai SDK). The interlingua has no such choice, so the
 * OpenAI dialects keep it verbatim as their vendor data (`tool_choice`).
 *
 * Gemini says the same with `functionCallingConfig`: mode ANY with `allowedFunctionNames` "will
 * predict a function call from the set of function names provided", and the names may be given
 * only with mode ANY (or VALIDATED) (https://ai.google.dev/api/caching#FunctionCallingConfig;
 * Vertex AI: "Only set when the Mode is ANY",
 * https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1/Tool#FunctionCallingConfig).
 * `required` is therefore ANY with the names; `auto` is AUTO, which cannot hold the names, so
 * the model may call any declared function, with a warning when that is more than was allowed.
 */
import type { VendorData } from '../../interlingua/vendor.js';
import type { Warning } from '../../interlingua/warning.js';
import { isJsonObject, type JsonObject } from './json-value.js';

/** The dialects that keep an `allowed_tools` choice as vendor data, under this field. */
const callerDialects = ['openai-chat', 'openai-responses'] as const;
const field = 'tool_choice';

export interface AllowedToolsChoice {
  /** Absent when no function is declared: Gemini refuses a functionCallingConfig without one. */
  functionCallingConfig?: JsonObject;
  /** The caller's vendor data without the choice, which is carried and so not reported as lost. */
  vendor: VendorData | undefined;
}

export function allowedToolsChoice(vendor: VendorData | undefined, declared: readonly string[], warnings: Warning[]): AllowedToolsChoice | undefined {
  for (const dialect of callerDialects) {
    const fields = vendor?.[dialect];
    const choice = fields?.[field];
    if (!isJsonObject(choice) || choice['type'] !== 'allowed_tools') continue;
    const settings = isJsonObject(choice['allowed_tools']) ? choice['allowed_tools'] : choice;
    const { [field]: _choice, ...rest } = fields ?? {};
    const remaining: VendorData = { ...vendor };
    if (Object.keys(rest).length > 0) remaining[dialect] = rest;
    else delete remaining[dialect];
    const config = functionCallingConfig(settings, declared, warnings);
    return config === undefined ? { vendor: remaining } : { functionCallingConfig: config, vendor: remaining };
  }
  return undefined;
}

function functionCallingConfig(settings: JsonObject, declared: readonly string[], warnings: Warning[]): JsonObject | undefined {
  const listed = Array.isArray(settings['tools']) ? settings['tools'].map(toolName) : [];
  const names = [...new Set(listed.filter((name): name is string => name !== undefined && declared.includes(name)))];
  if (declared.length === 0) {
    warnings.push({ type: 'unsupported', feature: 'tool_choice.allowed_tools', message: 'No function is declared to Gemini, so the allowed tools were left out.' });
    return undefined;
  }
  if (names.length < listed.length) {
    warnings.push({
      type: 'unsupported',
      feature: 'tool_choice.allowed_tools',
      message: 'Some allowed tools are not functions declared to Gemini (built-in tools, or names not sent); they were left out of the allowed functions.',
    });
  }
  if (settings['mode'] === 'required') return names.length > 0 ? { mode: 'ANY', allowedFunctionNames: names } : { mode: 'ANY' };
  if (names.length < declared.length) {
    warnings.push({
      type: 'compatibility',
      feature: 'tool_choice.allowed_tools',
      message: 'Gemini limits the functions the model may call only when it must call one; with mode "auto" it may call any declared function.',
    });
  }
  return { mode: 'AUTO' };
}

/** `{type: "function", function: {name}}` (Chat), `{type: "custom", custom: {name}}` (Chat), `{type, name}` (Responses). */
function toolName(tool: unknown): string | undefined {
  if (!isJsonObject(tool)) return undefined;
  if (typeof tool['name'] === 'string') return tool['name'];
  for (const key of ['function', 'custom']) {
    const inner = tool[key];
    if (isJsonObject(inner) && typeof inner['name'] === 'string') return inner['name'];
  }
  return undefined;
}
