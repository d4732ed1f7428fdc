/**
 * A Chat Completions request body (untrusted JSON) → `ChatRequest`.
 * Every top-level field the interlingua does not model (logit_bias, metadata, store,
 * service_tier, …) is kept unchanged in `vendor['openai-chat']`.
 * Reference: https://platform.openai.com/docs/api-reference/chat/create
 */
import { z } from 'zod';
import type { ParsedRequest, ParseRequestContext } from '../../interlingua/dialect.js';
import type { ChatRequest, ReasoningSettings, ResponseFormat, Sampling } from '../../interlingua/request.js';
import type { ToolChoice, ToolDefinition } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { parseMessages } from './messages-parse.js';
import {
  functionToolSchema,
  modelledRequestFields,
  partHeadSchema,
  requestSchema,
  responseFormatSchema,
  toolChoiceSchema,
  type WireRequest,
} from './request-schema.js';
import { asVendor, logprobsSpellingKey, reasoningEffortSpellingKey } from './vendor.js';
import { isRecord, parseWire } from './wire-parse.js';
import { checkSamplingValues } from '../../core/sampling-values.js';
import { chatAllowedToolsSchema, isAllowedToolsChoice, otherAllowedToolsKey, splitAllowedTools, type ParsedAllowedTools } from '../openai-family/allowed-tools.js';
import { chatEffortNoteKey, effortBeyondScaleNote } from '../openai-family/shared-request-fields.js';
import { extraFields } from '../../wire/extra-fields.js';
import { messageFieldPathsKey } from '../../core/vendor-fields.js';

const streamOptionFields = new Set(['include_usage']);

export function parseRequest(body: unknown, context: ParseRequestContext): ParsedRequest {
  if (!isRecord(body)) throw new InterlinguaError('invalid_request', 'The request body must be a JSON object.');
  // A model in the path (Azure's deployment) decides, whatever the body's `model` says: Azure
  // ignores it (recorded: DataDog/dd-trace-py tests/contrib/openai/cassettes/v1/azure_chat_completion.yaml @ 5258b5596a0e:
  // "body still carries \"model\" (ignored - the deployment in the path decides)").
  const source = context.model !== undefined ? { ...body, model: context.model } : body;
  const wire = parseWire(requestSchema, source, '');
  const warnings: Warning[] = [];
  const vendorFields: Record<string, unknown> = { ...extraFields(wire, modelledRequestFields) };

  const { system, messages, fieldPaths } = parseMessages(wire.messages, warnings);
  if (fieldPaths.length > 0) vendorFields[messageFieldPathsKey] = fieldPaths;
  const request: ChatRequest = {
    model: wire.model,
    system,
    messages,
    sampling: parseSampling(wire),
    stream: wire.stream ?? context.stream ?? false,
  };

  if (wire.tools != null) {
    const { functions, others } = parseTools(wire.tools);
    request.tools = functions;
    // Non-function tools (OpenAI `custom`, Zhipu `web_search`) go back only to this dialect;
    // other targets report them as left out (foreignVendorWarnings).
    if (others.length > 0) vendorFields['tools'] = others;
  }
  if (isAllowedToolsChoice(wire.tool_choice)) {
    const allowed = parseAllowedTools(wire.tool_choice);
    request.toolChoice = allowed.choice;
    if (allowed.others.length > 0) vendorFields[otherAllowedToolsKey] = allowed.others;
  } else {
    const toolChoice = parseToolChoice(wire.tool_choice);
    if (toolChoice === 'vendor') vendorFields['tool_choice'] = wire.tool_choice;
    else if (toolChoice !== undefined) request.toolChoice = toolChoice;
  }
  if (wire.parallel_tool_calls != null) request.parallelToolCalls = wire.parallel_tool_calls;

  if (wire.response_format != null) {
    request.responseFormat = parseResponseFormat(parseWire(responseFormatSchema, wire.response_format, 'response_format'));
  }

  if (wire.reasoning_effort != null) {
    const reasoning = parseReasoningEffort(wire.reasoning_effort);
    if (reasoning !== undefined) request.reasoning = reasoning;
    // Values the interlingua cannot hold exactly travel verbatim so this dialect (and Responses,
    // openai-family/shared-request-fields.ts) can send them back: only a spelling where the
    // interlingua carries their meaning (`none`, `xhigh`), else a field. A word above `high` comes
    // with the note every other target reports.
    if (reasoning?.effort !== wire.reasoning_effort) {
      vendorFields[reasoning === undefined ? 'reasoning_effort' : reasoningEffortSpellingKey] = wire.reasoning_effort;
      if (reasoning?.effort !== undefined) vendorFields[chatEffortNoteKey] = effortBeyondScaleNote(wire.reasoning_effort, reasoning.effort);
    }
  }

  if (wire.stream_options != null) {
    if (wire.stream_options.include_usage != null) request.streamUsage = wire.stream_options.include_usage;
    const otherOptions = extraFields(wire.stream_options, streamOptionFields);
    if (otherOptions !== undefined) vendorFields['stream_options'] = otherOptions;
  }
  if (wire.user != null) request.user = wire.user;
  if (wire.prompt_cache_key != null) request.promptCacheKey = wire.prompt_cache_key;
  if (wire.prompt_cache_retention != null) request.promptCacheRetention = wire.prompt_cache_retention;
  takeLogprobsAsk(vendorFields, request);

  const vendor = asVendor(vendorFields);
  if (vendor !== undefined) request.vendor = vendor;
  return { request, warnings };
}

/**
 * `logprobs: true`, with `top_logprobs` beside it, is the interlingua's ask
 * (https://platform.openai.com/docs/api-reference/chat/create#chat-create-logprobs). `false` or
 * null asks for nothing: only its spelling is kept, for this dialect's emitter to write back, and
 * other targets pass it over without a word. `top_logprobs` without `logprobs: true` stays as it
 * came, to be reported elsewhere: Chat takes it only with "`logprobs` … set to `true`".
 */
function takeLogprobsAsk(vendorFields: Record<string, unknown>, request: ChatRequest): void {
  const logprobs = vendorFields['logprobs'];
  if (logprobs === false || logprobs === null) {
    delete vendorFields['logprobs'];
    vendorFields[logprobsSpellingKey] = logprobs;
  }
  if (logprobs !== true) return;
  delete vendorFields['logprobs'];
  const top = vendorFields['top_logprobs'];
  request.logprobs = typeof top === 'number' ? { topLogprobs: top } : {};
  if (typeof top === 'number') delete vendorFields['top_logprobs'];
}

function parseSampling(wire: WireRequest): Sampling {
  const sampling: Sampling = {};
  if (wire.temperature != null) sampling.temperature = wire.temperature;
  if (wire.top_p != null) sampling.topP = wire.top_p;
  const maxTokens = wire.max_completion_tokens ?? wire.max_tokens;
  if (maxTokens != null) sampling.maxOutputTokens = maxTokens;
  if (wire.stop != null) sampling.stopSequences = typeof wire.stop === 'string' ? [wire.stop] : wire.stop;
  if (wire.seed != null) sampling.seed = wire.seed;
  if (wire.presence_penalty != null) sampling.presencePenalty = wire.presence_penalty;
  if (wire.frequency_penalty != null) sampling.frequencyPenalty = wire.frequency_penalty;
  if (wire.n != null) sampling.candidateCount = wire.n;
  // Temperature "between 0 and 2" (API reference, as the openai SDK's ChatCompletionCreateParams documents it).
  checkSamplingValues(sampling, { maxOutputTokens: wire.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens', candidateCount: 'n' }, 2);
  return sampling;
}

function parseTools(tools: readonly unknown[]): { functions: ToolDefinition[]; others: unknown[] } {
  const definitions: ToolDefinition[] = [];
  const others: unknown[] = [];
  tools.forEach((raw, index) => {
    const path = `tools[${index}]`;
    const { type } = parseWire(partHeadSchema, raw, path);
    if (type !== 'function') {
      others.push(raw);
      return;
    }
    definitions.push(toolDefinition(parseWire(functionToolSchema, raw, path).function));
  });
  return { functions: definitions, others };
}

function toolDefinition(fn: z.output<typeof functionToolSchema>['function']): ToolDefinition {
  // Omitted parameters mean "no arguments" (https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools).
  const definition: ToolDefinition = { name: fn.name, parameters: fn.parameters ?? { type: 'object', properties: {} } };
  if (fn.description != null) definition.description = fn.description;
  if (fn.strict != null) definition.strict = fn.strict;
  return definition;
}

const allowedFunctionSchema = z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string().min(1) }) });

/** `allowed_tools` (openai-family/allowed-tools.ts): its functions become the allowed names, a custom tool stays verbatim. */
function parseAllowedTools(value: unknown): ParsedAllowedTools {
  const { allowed_tools: settings } = parseWire(chatAllowedToolsSchema, value, 'tool_choice');
  return splitAllowedTools(settings.mode, settings.tools, (tool, index) => {
    if (tool['type'] !== 'function') return undefined;
    return parseWire(allowedFunctionSchema, tool, `tool_choice.allowed_tools.tools[${index}]`).function.name;
  });
}

/** `'vendor'`: a choice the interlingua cannot express (`custom`), kept verbatim. */
function parseToolChoice(value: unknown): ToolChoice | 'vendor' | undefined {
  if (value == null) return undefined;
  const parsed = toolChoiceSchema.safeParse(value);
  if (!parsed.success) {
    if (isRecord(value) && typeof value['type'] === 'string') return 'vendor';
    parseWire(toolChoiceSchema, value, 'tool_choice');
    return undefined;
  }
  const choice = parsed.data;
  return typeof choice === 'string' ? { type: choice } : { type: 'tool', name: choice.function.name };
}

function parseResponseFormat(format: ReturnType<typeof responseFormatSchema.parse>): ResponseFormat {
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema': {
      const spec = format.json_schema;
      const result: ResponseFormat = { type: 'json', name: spec.name };
      if (spec.schema != null) result.schema = spec.schema;
      if (spec.description != null) result.description = spec.description;
      if (spec.strict != null) result.strict = spec.strict;
      return result;
    }
    default: {
      const unhandled: never = format;
      throw new Error(`unhandled response_format ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * OpenAI's scale is wider than the interlingua's: `none` turns reasoning off, `xhigh`/`max`
 * are the nearest `high` (https://platform.openai.com/docs/api-reference/chat/create#chat-create-reasoning_effort).
 */
function parseReasoningEffort(effort: string): ReasoningSettings | undefined {
  switch (effort) {
    case 'minimal':
    case 'low':
    case 'medium':
    case 'high':
      return { enabled: true, effort };
    case 'xhigh':
    case 'max':
      return { enabled: true, effort: 'high' };
    case 'none':
      return { enabled: false };
    default:
      return undefined;
  }
}
