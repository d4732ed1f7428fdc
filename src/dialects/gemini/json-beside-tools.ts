/**
 * Gemini before 3 refuses JSON output beside tools: "Tool use with a response mime type:
 * 'application/json' is unsupported" (HTTP 400 to Gemini CLI's request on Gemini 2.5,
 * https://github.com/snailyp/gemini-balance/issues/264), while Gemini 3 takes a response schema
 * with tools (https://github.com/simstudioai/sim/pull/4184 keeps both only for Gemini 3). OpenAI
 * and Anthropic take both, and agents ask for a structured final answer beside their tools. For an
 * earlier model the tools go, and the JSON is asked for in the system instruction, with a warning.
 */
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { jsonInstruction } from '../../core/json-instruction.js';
import { isGemini3OrLater } from './model-generation.js';

export function withJsonBesideTools(request: ChatRequest, hasTools: boolean, model: string, warnings: Warning[]): ChatRequest {
  const format = request.responseFormat;
  if (format?.type !== 'json' || !hasTools || isGemini3OrLater(model)) return request;
  warnings.push({
    type: 'compatibility',
    feature: 'response_format',
    message: `${model} takes no JSON output beside tools; the system instruction asks for JSON instead.`,
  });
  const { responseFormat: _asked, ...rest } = request;
  return { ...rest, system: [...request.system, { type: 'text', text: jsonInstruction(format.schema) }] };
}
