/**
 * A `POST /v1/responses` body (untrusted JSON) → `ChatRequest`.
 * `instructions` is the system prompt; every top-level field the interlingua does not model
 * (`store`, `previous_response_id`, `metadata`, `include`, `truncation`, `service_tier`, …) is
 * kept verbatim in `vendor['openai-responses']`: the conversation store is the gateway's business,
 * not the dialect's. A Responses stream always ends with the usage, hence `streamUsage`.
 * Reference: https://platform.openai.com/docs/api-reference/responses/create
 */
import type { ParsedRequest, ParseRequestContext } from '../../interlingua/dialect.js';
import type { ChatRequest, Sampling } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { parseInput } from './input-parse.js';
import { modelledRequestFields, requestSchema, type WireRequest } from './request-schema.js';
import { parseAllowedToolsChoice, parseReasoningSettings, parseText, parseToolChoice, parseTools } from './settings-parse.js';
import { isAllowedToolsChoice, otherAllowedToolsKey } from '../openai-family/allowed-tools.js';
import { responsesEffortNoteKey } from '../openai-family/shared-request-fields.js';
import { asVendor, functionToolFieldsKey, isRecord, reasoningSpellingKey, strictOmittedKey } from './vendor.js';
import { messageFieldPathsKey } from '../../core/vendor-fields.js';
import { builtinToolPrefix, customApproximationKey, customApproximationMessage, customNamesKey, customToolsKey, namespacedNamesKey, namespaceDescriptionKey, namespaceDescriptionMessage, namespaceToolsKey } from './tool-kinds.js';
import { parseWire } from './wire-parse.js';
import { callerInclude, splitInclude } from './reasoning-carrier.js';
import { takeLogprobsAsk } from './logprobs-ask.js';
import { checkSamplingValues } from '../../core/sampling-values.js';
import { extraFields } from '../../wire/extra-fields.js';

export function parseRequest(body: unknown, context: ParseRequestContext): ParsedRequest {
  if (!isRecord(body)) throw new InterlinguaError('invalid_request', 'The request body must be a JSON object.');
  const source = body['model'] === undefined && context.model !== undefined ? { ...body, model: context.model } : body;
  const wire = parseWire(requestSchema, source, '');
  const warnings: Warning[] = [];
  let vendorFields: Record<string, unknown> = { ...extraFields(wire, modelledRequestFields) };
  if (vendorFields['include'] !== undefined) {
    const { include, ...others } = vendorFields;
    vendorFields = { ...others, ...splitInclude(include) };
  }

  const { system, messages } = wire.input == null ? { system: [], messages: [] } : parseInput(wire.input, warnings);
  // An empty `instructions` says nothing; other dialects reject empty system text.
  if (wire.instructions != null && wire.instructions !== '') system.unshift({ type: 'text', text: wire.instructions });
  const request: ChatRequest = {
    model: wire.model,
    system,
    messages,
    sampling: parseSampling(wire),
    stream: wire.stream ?? context.stream ?? false,
    streamUsage: true,
  };

  let topLevelCustomNames: ReadonlySet<string> | undefined;
  if (wire.tools != null) {
    const tools = parseTools(wire.tools);
    topLevelCustomNames = tools.topLevelCustomNames;
    request.tools = tools.definitions;
    for (const [type, builtin] of Object.entries(tools.builtin)) vendorFields[`${builtinToolPrefix}${type}`] = builtin;
    if (tools.namespaceTools.length > 0) {
      vendorFields[namespaceToolsKey] = tools.namespaceTools;
      vendorFields[namespacedNamesKey] = tools.namespacedNames;
      if (tools.namespaceDescribed.length > 0) vendorFields[namespaceDescriptionKey] = { message: namespaceDescriptionMessage, tools: tools.namespaceDescribed };
    }
    if (tools.customNames.length > 0) {
      if (tools.customTools.length > 0) vendorFields[customToolsKey] = tools.customTools;
      vendorFields[customNamesKey] = tools.customNames;
      vendorFields[customApproximationKey] = { message: customApproximationMessage, tools: tools.customNames };
    }
    if (tools.strictOmitted.length > 0) vendorFields[strictOmittedKey] = tools.strictOmitted;
    if (Object.keys(tools.functionFields).length > 0) vendorFields[functionToolFieldsKey] = tools.functionFields;
    if (tools.leftOutPaths.length > 0) vendorFields[messageFieldPathsKey] = tools.leftOutPaths;
  }
  if (isAllowedToolsChoice(wire.tool_choice)) {
    const allowed = parseAllowedToolsChoice(wire.tool_choice, topLevelCustomNames);
    request.toolChoice = allowed.choice;
    if (allowed.others.length > 0) vendorFields[otherAllowedToolsKey] = allowed.others;
  } else {
    const toolChoice = parseToolChoice(wire.tool_choice, topLevelCustomNames);
    if (toolChoice === 'vendor') vendorFields['tool_choice'] = wire.tool_choice;
    else if (toolChoice !== undefined) request.toolChoice = toolChoice;
  }
  if (wire.parallel_tool_calls != null) request.parallelToolCalls = wire.parallel_tool_calls;

  if (wire.text != null) {
    const text = parseText(wire.text);
    if (text.format !== undefined) request.responseFormat = text.format;
    if (text.extras !== undefined) vendorFields['text'] = text.extras;
  }
  if (wire.reasoning != null) {
    const reasoning = parseReasoningSettings(wire.reasoning);
    if (reasoning.settings !== undefined) request.reasoning = reasoning.settings;
    if (reasoning.spelling !== undefined) vendorFields[reasoningSpellingKey] = reasoning.spelling;
    if (reasoning.extras !== undefined) vendorFields['reasoning'] = reasoning.extras;
    if (reasoning.effortNote !== undefined) vendorFields[responsesEffortNoteKey] = reasoning.effortNote;
  }
  if (wire.user != null) request.user = wire.user;
  if (wire.prompt_cache_key != null) request.promptCacheKey = wire.prompt_cache_key;
  if (wire.prompt_cache_retention != null) request.promptCacheRetention = wire.prompt_cache_retention;
  takeLogprobsAsk(vendorFields, callerInclude(vendorFields), request);

  const vendor = asVendor(vendorFields);
  if (vendor !== undefined) request.vendor = vendor;
  return { request, warnings };
}

function parseSampling(wire: WireRequest): Sampling {
  const sampling: Sampling = {};
  if (wire.temperature != null) sampling.temperature = wire.temperature;
  if (wire.top_p != null) sampling.topP = wire.top_p;
  if (wire.max_output_tokens != null) sampling.maxOutputTokens = wire.max_output_tokens;
  // Temperature "between 0 and 2" (API reference, as the openai SDK's ResponseCreateParams documents it).
  checkSamplingValues(sampling, { maxOutputTokens: 'max_output_tokens' }, 2);
  return sampling;
}
