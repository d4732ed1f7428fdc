/**
 * A tool choice limited to some tools (the interlingua's `allowed`, from OpenAI's `allowed_tools`)
 * as Gemini's `functionCallingConfig`: mode ANY with `allowedFunctionNames` "will predict a
 * function call from the set of function names provided", and the names may be given only with
 * mode ANY (or VALIDATED) (https://ai.google.dev/api/caching#FunctionCallingConfig; Vertex AI:
 * "Only set when the Mode is ANY",
 * https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1/Tool#FunctionCallingConfig).
 * `required` is therefore ANY with the names; `auto` is AUTO, which cannot hold the names, so the
 * model may call any declared function, with a warning when that is more than was allowed. The
 * names come fitted to the functions declared (core/tool-choice-fit.ts). A Gemini caller's mode
 * VALIDATED (kept as vendor data) does take the names: "If allowed_function_names are set, the
 * predicted function calls will be limited to any one of allowed_function_names"
 * (https://googleapis.github.io/js-genai/release_docs/enums/types.FunctionCallingConfigMode.html).
 */
import type { Warning } from '../../interlingua/warning.js';
import { allowedToolsFeature } from '../../core/allowed-tools.js';
import type { JsonObject } from './json-value.js';

export function allowedFunctionCallingConfig(
  mode: 'auto' | 'required',
  allowed: readonly string[],
  declared: readonly string[],
  warnings: Warning[],
  validated = false,
): JsonObject {
  if (mode === 'required') return allowed.length > 0 ? { mode: 'ANY', allowedFunctionNames: [...allowed] } : { mode: 'ANY' };
  if (validated) return allowed.length > 0 ? { mode: 'VALIDATED', allowedFunctionNames: [...allowed] } : { mode: 'VALIDATED' };
  if (declared.some((name) => !allowed.includes(name))) {
    warnings.push({
      type: 'compatibility',
      feature: allowedToolsFeature,
      message: 'Gemini limits the functions the model may call only when it must call one; with mode "auto" it may call any declared function.',
    });
  }
  return { mode: 'AUTO' };
}
