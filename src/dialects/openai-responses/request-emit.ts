/**
 * `ChatRequest` → a `POST /v1/responses` body for an upstream that speaks Responses.
 *
 * `store` is `false` unless the caller itself (a Responses caller, through vendor data) said
 * otherwise: the gateway replays the whole conversation on every request, so a server-side copy
 * is never needed and would keep the caller's data at OpenAI by accident (OpenAI's default is
 * `true`). With `store: false` no item ids go out either (see input-emit.ts).
 * Reference: https://platform.openai.com/docs/api-reference/responses/create
 */
import type { EmitRequestOptions, EmittedRequest } from '../../interlingua/dialect.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { foreignVendorWarnings, messageFieldPathsKey } from '../../core/vendor-fields.js';
import { fitToolControls } from '../../core/tool-choice-fit.js';
import { emitInput } from './input-emit.js';
import { emitReasoning, emitText, emitToolChoice, emitTools } from './settings-emit.js';
import { dialectName, isRecord, mergeVendorFields, ownVendor } from './vendor.js';
import { verbatimFunctionNames, withoutVerbatimTools } from './tool-kinds.js';
import { parametersReshaped } from '../openai-family/function-parameters.js';
import { callerInclude, encryptedContentIncludable } from './reasoning-carrier.js';
import { withJsonNamedInInput } from './json-word.js';
import { fitPromptCacheKey } from '../../core/prompt-cache-key.js';
import { otherAllowedToolsKey } from '../openai-family/allowed-tools.js';
import { chatFieldsForResponses } from '../openai-family/shared-request-fields.js';
import { claudeEffortWord } from '../openai-family/claude-effort-word.js';
import { includeWithLogprobs, topLogprobsToSend } from './logprobs-ask.js';
import { fittedStrict } from '../openai-family/strict-schema.js';
import { pushAll } from '../../core/push-all.js';
import { fitTemperature, openaiTemperatureMax } from '../openai-family/temperature-fit.js';

/** Fields the emitter writes itself; a vendor field of the same name never replaces them. */
const ownedFields = new Set([
  otherAllowedToolsKey,
  // Wire paths of fields only this dialect has, for other targets to report (settings-parse.ts).
  messageFieldPathsKey,
  'model',
  'instructions',
  'input',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'temperature',
  'top_p',
  'max_output_tokens',
  'text',
  'reasoning',
  'stream',
  'user',
  'prompt_cache_key',
  'prompt_cache_retention',
  'store',
  'include',
]);

export function emitRequest(request: ChatRequest, options: EmitRequestOptions): EmittedRequest {
  // A Chat caller's fields Responses also takes are carried, not reported (openai-family/shared-request-fields.ts).
  const fromChat = chatFieldsForResponses(request.vendor);
  // And a Claude caller's effort word above `high`, where the model takes it (openai-family/claude-effort-word.ts).
  const fromClaude = claudeEffortWord(fromChat.vendor, options.effortsBeyondScale);
  const warnings: Warning[] = foreignVendorWarnings(fromClaude.vendor, dialectName);
  const vendor = ownVendor(request.vendor);
  const store = typeof vendor?.['store'] === 'boolean' ? vendor['store'] : false;
  const { instructions, input } = emitInput(request, store, warnings);

  const body: Record<string, unknown> = { model: options.model };
  if (instructions !== undefined) body['instructions'] = instructions;
  const jsonMode = request.responseFormat?.type === 'json' && request.responseFormat.schema === undefined;
  body['input'] = jsonMode ? withJsonNamedInInput(input, warnings) : input;
  const tools = strictWhereTaken(emitTools(request, 'upstream'), warnings);
  if (fromChat.webSearchTool !== undefined) tools.push(fromChat.webSearchTool);
  if (tools.length > 0) body['tools'] = tools;
  // Members of a caller's namespace tools go in it as written (settings-emit.ts).
  const members = verbatimFunctionNames(request.vendor);
  parametersReshaped(request.tools?.filter((tool) => !members.has(tool.name)), warnings);
  // A choice naming a tool missing from `tools` is refused ("Tool choice 'web_search_preview' not
  // found in 'tools' parameter.", https://github.com/raine/claude-code-proxy/issues/26), as are a
  // choice and parallel_tool_calls without tools, as in Chat Completions (core/tool-choice-fit.ts).
  const functionNames = new Set((request.tools ?? []).map((tool) => tool.name));
  const controls = fitToolControls(request, { names: functionNames, any: tools.length > 0 });
  pushAll(warnings, controls.warnings);
  const toolChoice = emitToolChoice({ ...request, toolChoice: controls.toolChoice });
  if (toolChoice !== undefined) body['tool_choice'] = toolChoice;
  if (controls.parallelToolCalls !== undefined) body['parallel_tool_calls'] = controls.parallelToolCalls;
  emitSampling(request, body, warnings);
  const text = withStrictFormatWhereTaken(emitText(request), warnings);
  if (fromChat.verbosity !== undefined) body['text'] = { ...text, verbosity: fromChat.verbosity };
  else if (text !== undefined) body['text'] = text;
  const reasoning = emitReasoning(request, warnings, options, fromChat.effortWord ?? fromClaude.word);
  if (reasoning !== undefined) body['reasoning'] = reasoning;
  // Every Responses stream ends with the usage; there is no stream_options.include_usage to ask for.
  if (request.stream) body['stream'] = true;
  if (request.user !== undefined) body['user'] = request.user;
  if (request.promptCacheKey !== undefined) body['prompt_cache_key'] = fitPromptCacheKey(request.promptCacheKey, warnings);
  if (request.promptCacheRetention !== undefined) body['prompt_cache_retention'] = request.promptCacheRetention;
  body['store'] = store;
  // A caller of another dialect keeps its history itself, reasoning included, so OpenAI is asked for
  // the reasoning's encrypted state: with `store: false` nothing else lets that reasoning come back
  // on the next turn (reasoning-carrier.ts). Only with reasoning on, which only reasoning models take.
  let include = callerInclude(vendor);
  if (include === undefined && vendor === undefined && !store && body['reasoning'] !== undefined) include = [encryptedContentIncludable];
  // The ask for token log probabilities, from a caller of any dialect (logprobs-ask.ts).
  include = includeWithLogprobs(include, request, vendor);
  if (include !== undefined) body['include'] = include;
  Object.assign(body, fromChat.fields);
  const topLogprobs = topLogprobsToSend(request, warnings);
  if (topLogprobs !== undefined) body['top_logprobs'] = topLogprobs;
  mergeVendorFields(body, withoutVerbatimTools(vendor), ownedFields);
  return { body, warnings };
}

/**
 * `strict: true` only where OpenAI takes the schema so (openai-family/strict-schema.ts); else
 * `strict: false`, with a warning, since an omitted `strict` means "strict where the schema allows"
 * to Responses (settings-emit.ts). Applied to what goes upstream only: the caller's echo keeps its words.
 */
function strictWhereTaken(tools: Array<Record<string, unknown>>, warnings: Warning[]): Array<Record<string, unknown>> {
  return tools.map((tool) => {
    if (tool['type'] !== 'function' || tool['strict'] !== true) return tool;
    const strict = fittedStrict(true, tool['parameters'], `tool ${String(tool['name'])}`, 'tools.strict', warnings);
    return strict === true ? tool : { ...tool, strict: false };
  });
}

function withStrictFormatWhereTaken(text: Record<string, unknown> | undefined, warnings: Warning[]): Record<string, unknown> | undefined {
  const format = text?.['format'];
  if (text === undefined || !isRecord(format) || format['type'] !== 'json_schema' || format['strict'] !== true) return text;
  const strict = fittedStrict(true, format['schema'], `response format ${String(format['name'])}`, 'text.format.strict', warnings);
  return strict === true ? text : { ...text, format: { ...format, strict: false } };
}

/**
 * The Responses API refuses an output limit below 16, whatever the model ("Invalid
 * 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 10 instead.",
 * https://github.com/vectorize-io/hindsight/issues/58), where Chat Completions and Anthropic take 1.
 * A smaller limit is raised to 16, with a warning.
 */
const minimumMaxOutputTokens = 16;

function fitMaxOutputTokens(maxOutputTokens: number, warnings: Warning[]): number {
  if (maxOutputTokens >= minimumMaxOutputTokens) return maxOutputTokens;
  warnings.push({
    type: 'compatibility',
    feature: 'max_output_tokens',
    message: `The OpenAI Responses API takes an output limit of at least ${minimumMaxOutputTokens} tokens; ${maxOutputTokens} was raised to ${minimumMaxOutputTokens}.`,
  });
  return minimumMaxOutputTokens;
}

/**
 * Responses takes temperature (up to 2, openai-family/temperature-fit.ts), top_p and an output
 * limit; the other controls have no field there.
 */
function emitSampling(request: ChatRequest, body: Record<string, unknown>, warnings: Warning[]): void {
  const sampling = request.sampling;
  if (sampling.temperature !== undefined) body['temperature'] = fitTemperature(sampling.temperature, openaiTemperatureMax, warnings);
  if (sampling.topP !== undefined) body['top_p'] = sampling.topP;
  if (sampling.maxOutputTokens !== undefined) body['max_output_tokens'] = fitMaxOutputTokens(sampling.maxOutputTokens, warnings);
  const unsupported: Array<[string, unknown]> = [
    ['top_k', sampling.topK],
    ['stop', sampling.stopSequences],
    ['seed', sampling.seed],
    ['presence_penalty', sampling.presencePenalty],
    ['frequency_penalty', sampling.frequencyPenalty],
    ['n', sampling.candidateCount !== undefined && sampling.candidateCount > 1 ? sampling.candidateCount : undefined],
  ];
  for (const [feature, value] of unsupported) {
    if (value === undefined) continue;
    warnings.push({ type: 'unsupported', feature, message: `The OpenAI Responses API has no ${feature}; it was left out.` });
  }
}
