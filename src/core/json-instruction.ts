import type { ContentPart, TextPart } from '../interlingua/content.js';
import type { Message } from '../interlingua/message.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { JsonSchema } from '../interlingua/tool.js';

/**
 * What the system prompt asks of a model that cannot be held to JSON by a request field (no
 * schema-less JSON mode, no structured output for this model or platform): one JSON object, and
 * the schema when there is one. One wording for every dialect, so tests and callers see the same.
 */
export function jsonInstruction(schema: JsonSchema | undefined): string {
  return schema === undefined
    ? 'Respond with a single JSON object and nothing else.'
    : `Respond with a single JSON object that matches this JSON Schema, and nothing else: ${JSON.stringify(schema)}`;
}

/**
 * The request with its JSON Schema asked for in the system prompt instead of by a request field,
 * for a target that refuses the field (a model without structured output, or a platform whose
 * schema lacks it); the caller reports the change. A request without a schema is as it was.
 */
export function withSchemaAsInstruction(request: ChatRequest): ChatRequest {
  const format = request.responseFormat;
  if (format?.type !== 'json' || format.schema === undefined) return request;
  const { responseFormat: _asked, ...rest } = request;
  return { ...rest, system: [...request.system, { type: 'text', text: jsonInstruction(format.schema) }] };
}

/**
 * Whether some text the model reads names JSON, in any case. OpenAI's JSON mode refuses a request
 * whose messages never do ("'messages' must contain the word 'json' in some form, to use
 * 'response_format' of type 'json_object'.", github.com/meta-llama/PurpleLlama/issues/94), as do
 * DeepSeek ("Include the word "json" in the system or user prompt",
 * api-docs.deepseek.com/guides/json_mode) and Alibaba's DashScope; a caller of another dialect
 * (Gemini's `responseMimeType`, Ollama's `format: json`) was never asked to write it.
 */
export function mentionsJson(system: readonly TextPart[], messages: readonly Message[]): boolean {
  return system.some(namesJson) || messages.some((message) => (message.content as readonly ContentPart[]).some(partNamesJson));
}

const jsonWord = /json/i;

/** Whether a text names JSON: OpenAI counts it "in some form", so any case and inside other words. */
export function textNamesJson(text: string): boolean {
  return jsonWord.test(text);
}

function namesJson(part: TextPart): boolean {
  return textNamesJson(part.text);
}

function partNamesJson(part: ContentPart): boolean {
  if (part.type === 'text') return namesJson(part);
  if (part.type === 'tool-result') return part.content.some(partNamesJson);
  return false;
}
