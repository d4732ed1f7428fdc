import { z } from 'zod';
import type { AssistantPart, ContentPart, ImagePart, TextPart, ToolResultPart, UserPart } from '../../interlingua/content.js';
import { InterlinguaError } from '../../interlingua/error.js';
import type { Message } from '../../interlingua/message.js';
import type { ChatRequest, ReasoningSettings, ResponseFormat, Sampling } from '../../interlingua/request.js';
import type { ToolChoice, ToolDefinition } from '../../interlingua/tool.js';
import type { VendorData } from '../../interlingua/vendor.js';
import type { Warning, WithWarnings } from '../../interlingua/warning.js';
import type { WireChatRequest, WireContentPart, WireMessage, WireSampling } from './wire-types.js';
import { parseJsonText } from '../../wire/json-text.js';

const jsonObject = z.record(z.string(), z.unknown());
const vendorData = z.record(z.string(), z.record(z.string(), z.unknown()));

function invalid(where: string, message: string): InterlinguaError {
  return new InterlinguaError('invalid_request', `${where}: ${message}`, { param: where });
}

/** JSON text in a string field, read through a schema; empty means absent. */
function jsonField<T>(text: string | undefined, where: string, schema: z.ZodType<T>): T | undefined {
  if (text === undefined || text === '') return undefined;
  // Where the text broke, never what it held: it goes back to the caller and into the logs.
  const read = parseJsonText(text);
  if (!read.ok) throw invalid(where, read.problem);
  const parsed = schema.safeParse(read.value);
  if (!parsed.success) throw invalid(where, 'expected a JSON object');
  return parsed.data;
}

function withVendor<T extends object>(value: T, text: string | undefined, where: string): T & { vendor?: VendorData } {
  const vendor = jsonField(text, where, vendorData);
  return vendor === undefined ? value : { ...value, vendor };
}

/**
 * An `interlingua.v1.ChatRequest` → the interlingua, with what it could not carry; anything
 * malformed is an `invalid_request` naming the field.
 */
export function requestFromWire(wire: WireChatRequest, stream: boolean): WithWarnings<ChatRequest> {
  if (!wire.model) throw invalid('model', 'is empty; name the model to ask.');
  const warnings: Warning[] = [];
  const request: ChatRequest = {
    model: wire.model,
    system: (wire.system ?? []).map((text) => ({ type: 'text', text })),
    messages: (wire.messages ?? []).map((message, index) => messageFromWire(message, `messages[${index}]`, warnings)),
    sampling: samplingFromWire(wire.sampling ?? {}),
    stream,
  };
  if (request.messages.length === 0) throw invalid('messages', 'is empty; send at least one message.');
  if (wire.tools !== undefined && wire.tools.length > 0) request.tools = wire.tools.map((tool, index) => toolFromWire(tool, `tools[${index}]`));
  const toolChoice = toolChoiceFromWire(wire.tool_choice, request.tools ?? []);
  if (toolChoice !== undefined) request.toolChoice = toolChoice;
  if (wire.parallel_tool_calls !== undefined) request.parallelToolCalls = wire.parallel_tool_calls;
  const responseFormat = responseFormatFromWire(wire.response_format);
  if (responseFormat !== undefined) request.responseFormat = responseFormat;
  const reasoning = reasoningFromWire(wire.reasoning);
  if (reasoning !== undefined) request.reasoning = reasoning;
  if (wire.user) request.user = wire.user;
  if (stream) request.streamUsage = true;
  return { value: withVendor(request, wire.vendor_json, 'vendor_json'), warnings };
}

/**
 * The message's parts, each with its index on the wire (for errors). An answer's generated image
 * sent back in an assistant turn (a client that echoes an answer's parts as history) is left out,
 * and said: the interlingua has no image part for the assistant.
 */
function partsFromWire(wire: WireMessage, where: string, warnings: Warning[]): Array<{ part: ContentPart; index: number }> {
  const parts: Array<{ part: ContentPart; index: number }> = [];
  let generated = 0;
  (wire.content ?? []).forEach((part, index) => {
    if (part.part === 'generated_image' && wire.role === 'ROLE_ASSISTANT') generated += 1;
    else parts.push({ part: partFromWire(part, `${where}.content[${index}]`), index });
  });
  if (generated > 0) {
    const images = generated === 1 ? 'a generated image' : `${generated} generated images`;
    warnings.push({ type: 'unsupported', feature: 'messages.generated_image', message: `${where} held ${images}, left out: an assistant turn carries no image to the upstream.` });
  }
  return parts;
}

function messageFromWire(wire: WireMessage, where: string, warnings: Warning[]): Message {
  const parts = partsFromWire(wire, where, warnings);
  const only = <T extends ContentPart['type']>(allowed: readonly T[], role: string): Array<Extract<ContentPart, { type: T }>> => {
    for (const { part, index } of parts) {
      if (!(allowed as readonly string[]).includes(part.type)) throw invalid(`${where}.content[${index}]`, `a ${role} message cannot hold a ${part.type} part.`);
    }
    return parts.map(({ part }) => part) as Array<Extract<ContentPart, { type: T }>>;
  };
  let message: Message;
  switch (wire.role) {
    case 'ROLE_SYSTEM':
      message = { role: 'system', content: only(['text'], 'system') as TextPart[] };
      break;
    case 'ROLE_USER':
      message = { role: 'user', content: only(['text', 'image'], 'user') as UserPart[] };
      break;
    case 'ROLE_ASSISTANT':
      message = { role: 'assistant', content: only(['text', 'tool-call', 'reasoning'], 'assistant') as AssistantPart[] };
      break;
    case 'ROLE_TOOL':
      message = { role: 'tool', content: only(['tool-result'], 'tool') as ToolResultPart[] };
      break;
    default:
      throw invalid(`${where}.role`, `"${wire.role ?? 'ROLE_UNSPECIFIED'}" is not ROLE_SYSTEM, ROLE_USER, ROLE_ASSISTANT or ROLE_TOOL.`);
  }
  return withVendor(message, wire.vendor_json, `${where}.vendor_json`);
}

function partFromWire(wire: WireContentPart, where: string): ContentPart {
  const part = partWithoutVendor(wire, where);
  return withVendor(part, wire.vendor_json, `${where}.vendor_json`);
}

function partWithoutVendor(wire: WireContentPart, where: string): ContentPart {
  switch (wire.part) {
    case 'text':
      return { type: 'text', text: wire.text?.text ?? '' };
    case 'image':
      return imageFromWire(wire.image ?? {}, `${where}.image`);
    case 'tool_call': {
      const call = wire.tool_call ?? {};
      if (!call.id) throw invalid(`${where}.tool_call.id`, 'is empty.');
      if (!call.name) throw invalid(`${where}.tool_call.name`, 'is empty.');
      return { type: 'tool-call', id: call.id, name: call.name, arguments: call.arguments || '{}' };
    }
    case 'tool_result': {
      const result = wire.tool_result ?? {};
      if (!result.tool_call_id) throw invalid(`${where}.tool_result.tool_call_id`, 'is empty.');
      const content = (result.content ?? []).map((item, index) => {
        const part = partFromWire(item, `${where}.tool_result.content[${index}]`);
        if (part.type !== 'text' && part.type !== 'image') throw invalid(`${where}.tool_result.content[${index}]`, 'a tool result holds text and images only.');
        return part;
      });
      const part: ToolResultPart = { type: 'tool-result', toolCallId: result.tool_call_id, content };
      if (result.tool_name) part.toolName = result.tool_name;
      if (result.is_error) part.isError = true;
      return part;
    }
    case 'reasoning': {
      const reasoning = wire.reasoning ?? {};
      return {
        type: 'reasoning',
        text: reasoning.text ?? '',
        ...(reasoning.signature ? { signature: reasoning.signature } : {}),
        ...(reasoning.redacted_data ? { redactedData: reasoning.redacted_data } : {}),
        ...(reasoning.signature_origin ? { signatureOrigin: reasoning.signature_origin } : {}),
      };
    }
    case 'generated_image':
      throw invalid(where, 'a generated_image part belongs to an assistant message.');
    default:
      throw invalid(where, 'no part is set (text, image, tool_call, tool_result or reasoning).');
  }
}

const imageDetails = ['auto', 'low', 'high'] as const;

function imageFromWire(wire: NonNullable<WireContentPart['image']>, where: string): ImagePart {
  let part: ImagePart;
  if (wire.source === 'data') {
    if (!wire.media_type) throw invalid(`${where}.media_type`, 'is required with data, e.g. "image/png".');
    if (wire.data === undefined || wire.data.length === 0) throw invalid(`${where}.data`, 'is empty.');
    part = { type: 'image', source: { kind: 'base64', mediaType: wire.media_type, data: Buffer.from(wire.data).toString('base64') } };
  } else if (wire.source === 'url') {
    if (!wire.url || !/^(https?|data):/.test(wire.url)) throw invalid(`${where}.url`, 'is not an http(s) or data URL.');
    part = { type: 'image', source: { kind: 'url', url: wire.url } };
  } else throw invalid(where, 'neither data nor url is set.');
  if (wire.detail) {
    const detail = imageDetails.find((value) => value === wire.detail);
    if (detail === undefined) throw invalid(`${where}.detail`, `"${wire.detail}" is not one of ${imageDetails.join(', ')}.`);
    part.detail = detail;
  }
  return part;
}

function toolFromWire(wire: NonNullable<WireChatRequest['tools']>[number], where: string): ToolDefinition {
  if (!wire.name) throw invalid(`${where}.name`, 'is empty.');
  const tool: ToolDefinition = { name: wire.name, parameters: jsonField(wire.parameters_json, `${where}.parameters_json`, jsonObject) ?? { type: 'object', properties: {} } };
  if (wire.description) tool.description = wire.description;
  if (wire.strict !== undefined) tool.strict = wire.strict;
  return tool;
}

function toolChoiceFromWire(wire: WireChatRequest['tool_choice'], tools: readonly ToolDefinition[]): ToolChoice | undefined {
  const allowed = allowedFromWire(wire?.allowed ?? [], tools);
  if (allowed !== undefined && wire?.mode !== 'MODE_AUTO' && wire?.mode !== 'MODE_REQUIRED') throw invalid('tool_choice.allowed', 'is taken with MODE_AUTO or MODE_REQUIRED only.');
  const limited = allowed === undefined ? {} : { allowed };
  switch (wire?.mode) {
    case undefined:
    case 'MODE_UNSPECIFIED':
      return undefined;
    case 'MODE_AUTO':
      return { type: 'auto', ...limited };
    case 'MODE_NONE':
      return { type: 'none' };
    case 'MODE_REQUIRED':
      return { type: 'required', ...limited };
    case 'MODE_TOOL':
      if (!wire.name) throw invalid('tool_choice.name', 'is required with MODE_TOOL.');
      return { type: 'tool', name: wire.name };
    default:
      throw invalid('tool_choice.mode', `"${String(wire?.mode)}" is unknown.`);
  }
}

/**
 * The allowed tools, each a declared one: OpenAI refuses an allowed tool it was not given ("Tool
 * choice 'z' not found in 'tools' parameter.", test/support/vendor-rules/openai-chat/tools.ts), and
 * an upstream sent only the allowed tools would be sent an undeclared one; so it is refused here,
 * whichever upstream answers. Empty is absent: every declared tool.
 */
function allowedFromWire(names: readonly string[], tools: readonly ToolDefinition[]): string[] | undefined {
  if (names.length === 0) return undefined;
  const declared = new Set(tools.map((tool) => tool.name));
  names.forEach((name, index) => {
    if (!declared.has(name)) throw invalid(`tool_choice.allowed[${index}]`, `"${name}" names no tool in tools.`);
  });
  return [...names];
}

function responseFormatFromWire(wire: WireChatRequest['response_format']): ResponseFormat | undefined {
  switch (wire?.type) {
    case undefined:
    case 'TYPE_UNSPECIFIED':
      return undefined;
    case 'TYPE_TEXT':
      return { type: 'text' };
    case 'TYPE_JSON': {
      const format: ResponseFormat = { type: 'json' };
      const schema = jsonField(wire.schema_json, 'response_format.schema_json', jsonObject);
      if (schema !== undefined) format.schema = schema;
      if (wire.name) format.name = wire.name;
      if (wire.description) format.description = wire.description;
      if (wire.strict !== undefined) format.strict = wire.strict;
      return format;
    }
    default:
      throw invalid('response_format.type', `"${String(wire?.type)}" is unknown.`);
  }
}

const efforts = ['minimal', 'low', 'medium', 'high'] as const;

function reasoningFromWire(wire: WireChatRequest['reasoning']): ReasoningSettings | undefined {
  if (wire === undefined) return undefined;
  const reasoning: ReasoningSettings = {};
  if (wire.enabled !== undefined) reasoning.enabled = wire.enabled;
  if (wire.effort) {
    const effort = efforts.find((value) => value === wire.effort);
    if (effort === undefined) throw invalid('reasoning.effort', `"${wire.effort}" is not one of ${efforts.join(', ')}.`);
    reasoning.effort = effort;
  }
  if (wire.budget_tokens !== undefined) reasoning.budgetTokens = wire.budget_tokens;
  if (wire.include_thoughts !== undefined) reasoning.includeThoughts = wire.include_thoughts;
  return reasoning;
}

function samplingFromWire(wire: WireSampling): Sampling {
  const sampling: Sampling = {};
  if (wire.temperature !== undefined) sampling.temperature = wire.temperature;
  if (wire.top_p !== undefined) sampling.topP = wire.top_p;
  if (wire.top_k !== undefined) sampling.topK = wire.top_k;
  if (wire.max_output_tokens !== undefined) {
    if (wire.max_output_tokens <= 0) throw invalid('sampling.max_output_tokens', 'must be positive.');
    sampling.maxOutputTokens = wire.max_output_tokens;
  }
  if (wire.stop_sequences !== undefined && wire.stop_sequences.length > 0) sampling.stopSequences = wire.stop_sequences;
  if (wire.seed !== undefined) sampling.seed = wire.seed;
  if (wire.presence_penalty !== undefined) sampling.presencePenalty = wire.presence_penalty;
  if (wire.frequency_penalty !== undefined) sampling.frequencyPenalty = wire.frequency_penalty;
  if (wire.candidate_count !== undefined) sampling.candidateCount = wire.candidate_count;
  return sampling;
}
