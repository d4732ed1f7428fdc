/**
 * An Ollama `POST /api/chat` body → interlingua request. What the interlingua has no place for
 * (`keep_alive`, options such as `num_ctx`) is kept under `vendor.ollama` as dotted
 * body paths, which the emitter merges back and other emitters report as lost.
 * Reference: https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
import type { ParsedRequest, ParseRequestContext } from '../../interlingua/dialect.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { ToolDefinition } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import { parseWire, setField, type JsonObject } from '../ollama-family/json-value.js';
import { parseFormat, parseSampling, parseThink } from '../ollama-family/model-options-parse.js';
import { parseMessages } from './messages-parse.js';
import { dialectName } from './vendor.js';
import { takeLogprobsAsk } from '../ollama-family/logprobs.js';
import { wireChatRequestSchema, type WireChatRequest } from './wire-schema.js';
import { extraFields } from '../../wire/extra-fields.js';

const bodyFields = new Set(['model', 'messages', 'tools', 'format', 'options', 'stream', 'think']);

export function parseOllamaRequest(body: unknown, _context: ParseRequestContext): ParsedRequest {
  const wire = parseWire(wireChatRequestSchema, body, 'invalid_request');
  const warnings: Warning[] = [];
  const vendor: JsonObject = {};
  const { system, messages } = parseMessages(wire.messages ?? [], warnings);
  const request: ChatRequest = {
    model: wire.model,
    system,
    messages,
    sampling: parseSampling(wire.options, vendor),
    // Ollama streams unless told not to (docs/api.md: "Streaming can be disabled using "stream": false").
    stream: wire.stream ?? true,
    // Every Ollama answer, streamed or not, ends with its token counts.
    streamUsage: true,
  };
  if (wire.tools != null && wire.tools.length > 0) request.tools = wire.tools.map(parseTool);
  const responseFormat = parseFormat(wire.format);
  if (responseFormat !== undefined) request.responseFormat = responseFormat;
  const reasoning = parseThink(wire.think);
  if (reasoning !== undefined) request.reasoning = reasoning;
  for (const [key, value] of Object.entries(extraFields(wire, bodyFields) ?? {})) setField(vendor, key, value);
  takeLogprobsAsk(vendor, request);
  if (Object.keys(vendor).length > 0) request.vendor = { [dialectName]: vendor };
  return { request, warnings };
}

function parseTool(tool: NonNullable<WireChatRequest['tools']>[number]): ToolDefinition {
  const { name, description, parameters } = tool.function;
  const definition: ToolDefinition = { name, parameters: parameters ?? { type: 'object', properties: {} } };
  if (description != null) definition.description = description;
  return definition;
}
