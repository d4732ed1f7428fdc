/**
 * `ChatRequest` → a Chat Completions request body for an OpenAI (or OpenAI-compatible) upstream.
 * Reference: https://platform.openai.com/docs/api-reference/chat/create
 */
import type { EmitRequestOptions, EmittedRequest } from '../../interlingua/dialect.js';
import type { ChatRequest, ReasoningSettings, ResponseFormat } from '../../interlingua/request.js';
import type { ToolChoice } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import { budgetByEffort, effortForBudget, isReasoningOff } from '../../core/reasoning-budget.js';
import { foreignVendorWarnings, messageFieldPathsKey } from '../../core/vendor-fields.js';
import { fitToolControls } from '../../core/tool-choice-fit.js';
import { keptEffortWord } from '../../core/effort-beyond-scale.js';
import { openaiFunctionParameters, parametersReshaped } from '../openai-family/function-parameters.js';
import type { OpenaiChatQuirks } from './quirks.js';
import type { WireFunctionTool, WireResponseFormat, WireToolChoice } from './wire-types.js';
import { emitMessages } from './messages-emit.js';
import { dialectName, logprobsSpellingKey, mergeVendorFields, ownVendor, reasoningEffortSpellingKey } from './vendor.js';
import { isRecord } from './wire-parse.js';
import { jsonInstruction, mentionsJson } from '../../core/json-instruction.js';
import { fitToolDescriptions } from '../../core/tool-description-fit.js';
import { fitToolCount } from '../../core/tool-count-fit.js';
import { fitPromptCacheKey } from '../../core/prompt-cache-key.js';
import { keepDeclaredFields, leaveOutRefusedFields } from './declared-fields.js';
import { markedPrefill } from './assistant-prefix.js';
import { withAllowedToolsDeclared } from '../../core/allowed-tools.js';
import { otherAllowedToolsKey, type WireChatAllowedTools } from '../openai-family/allowed-tools.js';
import { chatEffortNoteKey, responsesFieldsForChat } from '../openai-family/shared-request-fields.js';
import { claudeEffortWord } from '../openai-family/claude-effort-word.js';
import { fittedStrict } from '../openai-family/strict-schema.js';
import { fitPenalty } from '../openai-family/penalty-fit.js';
import { fitTemperature } from '../openai-family/temperature-fit.js';
import { pushAll } from '../../core/push-all.js';
import { fitTopLogprobs } from '../../core/token-logprobs-fit.js';

/** OpenAI's bounds for `top_logprobs`: "an integer between 0 and 20" (https://platform.openai.com/docs/api-reference/chat/create#chat-create-top_logprobs). */
const topLogprobsMax = 20;

/** Fields the emitter owns outright; a vendor field of the same name never replaces them. */
const ownedFields = new Set(['model', 'messages', 'stream', 'stream_options', 'tools', reasoningEffortSpellingKey, logprobsSpellingKey, chatEffortNoteKey, otherAllowedToolsKey, messageFieldPathsKey]);

export function emitRequest(asked: ChatRequest, options: EmitRequestOptions, quirks: OpenaiChatQuirks): EmittedRequest {
  // A Responses caller's fields Chat also takes are carried, not reported (openai-family/shared-request-fields.ts).
  const fromResponses = responsesFieldsForChat(asked.vendor);
  // And a Claude caller's effort word above `high`, where the model takes it (openai-family/claude-effort-word.ts).
  const fromClaude = claudeEffortWord(fromResponses.vendor, options.effortsBeyondScale);
  const warnings: Warning[] = foreignVendorWarnings(fromClaude.vendor, dialectName);
  const formatted = withJsonNamed(quirks.jsonSchema ? asked : schemaAsInstruction(asked, warnings), warnings);
  const counted = quirks.maxTools === undefined ? formatted : fitToolCount(formatted, quirks.maxTools, warnings);
  const described = quirks.toolDescriptionLength === undefined ? counted : fitToolDescriptions(counted, quirks.toolDescriptionLength, warnings);
  // An upstream without allowed_tools (one that takes only "auto" takes none either) gets the restriction by the tools declared (core/allowed-tools.ts).
  const request = quirks.toolChoice === 'all' && quirks.allowedToolsChoice ? described : withAllowedToolsDeclared(described, 'This upstream', quirks.toolChoice === 'all', warnings);
  const body: Record<string, unknown> = { model: options.model, messages: emitMessages(request, quirks, warnings) };

  if (request.tools !== undefined && request.tools.length > 0) {
    body['tools'] = request.tools.map((tool): WireFunctionTool => {
      const fn: WireFunctionTool['function'] = { name: tool.name, parameters: openaiFunctionParameters(tool.parameters) };
      if (tool.description !== undefined) fn.description = tool.description;
      // Strict only where OpenAI takes the schema so (openai-family/strict-schema.ts); else without it.
      const strict = fittedStrict(tool.strict, fn.parameters, `tool ${tool.name}`, 'tools.strict', warnings);
      if (strict !== undefined && strict === tool.strict) fn.strict = strict;
      return { type: 'function', function: fn };
    });
    parametersReshaped(request.tools, warnings);
  }
  if (quirks.cacheBreakpoints === 'cache-control') pushAll(warnings, uncarriedBreakpoints(request));
  const vendor = ownVendor(request.vendor);
  const otherTools = vendor?.['tools'];
  if (Array.isArray(otherTools) && otherTools.length > 0) body['tools'] = [...(Array.isArray(body['tools']) ? body['tools'] : []), ...otherTools];
  // OpenAI refuses a tool choice or parallel_tool_calls without tools ("Invalid value for
  // 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
  // https://github.com/writer/writer-framework/pull/1013; the same for 'parallel_tool_calls',
  // https://github.com/openai/swarm/issues/30), and a named choice forces "that tool" among `tools`
  // (https://platform.openai.com/docs/api-reference/chat/create#chat-create-tool_choice).
  const functionNames = new Set((request.tools ?? []).map((tool) => tool.name));
  const controls = fitToolControls(request, { names: functionNames, any: Array.isArray(body['tools']) && body['tools'].length > 0 });
  pushAll(warnings, controls.warnings);
  const toolChoice = controls.toolChoice;
  if (toolChoice !== undefined) {
    if (quirks.toolChoice === 'all' || toolChoice.type === 'auto') body['tool_choice'] = emitToolChoice(toolChoice, vendor?.[otherAllowedToolsKey]);
    else {
      warnings.push({
        type: 'unsupported',
        feature: `tool_choice.${toolChoice.type}`,
        message: `This upstream only takes tool_choice "auto"; "${toolChoice.type}" was left out and the model chooses.`,
      });
    }
  }
  if (controls.parallelToolCalls !== undefined && quirks.parallelToolCalls) body['parallel_tool_calls'] = controls.parallelToolCalls;
  else if (controls.parallelToolCalls !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'parallel_tool_calls', message: 'This upstream takes no parallel_tool_calls; it was left out, and the model calls tools as it does by default.' });
  }

  const sampling = request.sampling;
  if (sampling.temperature !== undefined) body['temperature'] = fitTemperature(sampling.temperature, quirks.temperatureMax, warnings);
  if (sampling.topP !== undefined) body['top_p'] = sampling.topP;
  if (quirks.topPOneWhenGreedy === true) fitGreedySampling(body, warnings);
  if (sampling.topK !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'top_k', message: 'OpenAI Chat Completions has no top_k; it was left out.' });
  }
  if (sampling.maxOutputTokens !== undefined) body[quirks.maxTokensField] = sampling.maxOutputTokens;
  if (sampling.stopSequences !== undefined) body['stop'] = fitStopSequences(sampling.stopSequences, quirks.maxStopSequences, warnings);
  if (sampling.seed !== undefined) body[quirks.seedField] = sampling.seed;
  if (sampling.presencePenalty !== undefined) body['presence_penalty'] = fitPenalty('presence_penalty', sampling.presencePenalty, warnings);
  if (sampling.frequencyPenalty !== undefined) body['frequency_penalty'] = fitPenalty('frequency_penalty', sampling.frequencyPenalty, warnings);
  if (sampling.candidateCount !== undefined) body['n'] = fitCandidateCount(sampling.candidateCount, quirks.maxCandidates, warnings);

  if (request.responseFormat !== undefined) body['response_format'] = emitResponseFormat(request.responseFormat, warnings);
  // The caller's own effort word as written, or a Responses or Claude caller's (openai-family/shared-request-fields.ts, claude-effort-word.ts).
  const callerWord = vendor?.[reasoningEffortSpellingKey] ?? fromResponses.effortWord ?? fromClaude.word;
  // Whether the model does not take the word, which keptEffortWord then reported.
  let wordRefused = false;
  if (quirks.reasoningSwitch === 'moonshot-thinking' && request.reasoning !== undefined && isReasoningOff(request.reasoning) && options.reasoningOff === 'disabled') {
    // Kimi stops thinking by its own switch, on the models the catalog knows to take it (quirks.ts).
    body['thinking'] = { type: 'disabled' };
  } else if (quirks.reasoningSwitch === 'effort' || quirks.reasoningSwitch === 'moonshot-thinking' || request.reasoning === undefined) {
    const switched = options.reasoningSwitchWords;
    if (switched !== undefined && request.reasoning !== undefined) body['reasoning_effort'] = isReasoningOff(request.reasoning) ? switched.off : switched.on;
    else {
      const spelled = keptEffortWord(callerWord, request.reasoning, options.effortsBeyondScale, options.model, warnings);
      wordRefused = spelled === undefined;
      const effort = spelled ?? emitReasoningEffort(request.reasoning, vendor?.['reasoning_effort'], options.reasoningOff, warnings);
      if (effort !== undefined) body['reasoning_effort'] = effort;
    }
  } else {
    const spelled = keptEffortWord(callerWord, request.reasoning, options.effortsBeyondScale, options.model, warnings);
    wordRefused = spelled === undefined;
    Object.assign(body, emitReasoningSwitch(request.reasoning, quirks.reasoningSwitch, spelled, warnings));
  }
  // A Responses or Claude caller's word above `high` that this upstream's reasoning setting does
  // not say (a switch, a budget) is reported as any other target reports it; one the model does
  // not take was reported by keptEffortWord.
  const note = fromResponses.effortNote ?? fromClaude.note;
  if (note !== undefined && request.reasoning !== undefined && body['reasoning_effort'] !== callerWord && !wordRefused) {
    warnings.push({ type: 'compatibility', ...note });
  }

  if (request.reasoning?.includeThoughts === true && !isReasoningOff(request.reasoning) && !quirks.reasoningText) {
    warnings.push({
      type: 'unsupported',
      feature: 'reasoning.summary',
      message: 'OpenAI Chat Completions returns no reasoning text; the model reasons, but its thoughts (reasoning summaries) cannot be returned. The Responses API returns them.',
    });
  }
  if (request.stream) {
    body['stream'] = true;
    // Always ask for usage so the gateway can account for every stream, whatever the caller asked.
    const otherOptions = vendor?.['stream_options'];
    if (quirks.streamOptions) body['stream_options'] = { ...(isRecord(otherOptions) ? otherOptions : {}), include_usage: true };
  }
  if (request.user !== undefined) body['user'] = request.user;
  if (request.promptCacheKey !== undefined) body['prompt_cache_key'] = fitPromptCacheKey(request.promptCacheKey, warnings);
  if (request.promptCacheRetention !== undefined) body['prompt_cache_retention'] = request.promptCacheRetention;
  emitLogprobs(request, vendor, body, warnings);
  Object.assign(body, fromResponses.fields);
  mergeVendorFields(body, vendor, ownedFields);
  // A service that lists its own fields (Mistral) takes metadata as it says, store or not.
  if (quirks.declaredFields === undefined) leaveOutUnstoredMetadata(body, warnings);
  if (!quirks.reasoningEffort) leaveOutReasoningEffort(body, warnings);
  if (quirks.declaredFields !== undefined) keepDeclaredFields(body, quirks.declaredFields, warnings);
  if (quirks.refusedFields !== undefined) leaveOutRefusedFields(body, quirks.refusedFields, warnings);
  const echoedPrefix = quirks.assistantPrefix ? markedPrefill(body['messages']) : undefined;
  return echoedPrefix === undefined ? { body, warnings } : { body, warnings, echoedPrefix };
}

/**
 * The ask for token log probabilities as `logprobs: true` and `top_logprobs`
 * (https://platform.openai.com/docs/api-reference/chat/create#chat-create-logprobs); without one,
 * a Chat caller's own `logprobs: false` goes back as it came.
 */
function emitLogprobs(request: ChatRequest, vendor: Record<string, unknown> | undefined, body: Record<string, unknown>, warnings: Warning[]): void {
  const ask = request.logprobs;
  if (ask === undefined) {
    if (vendor?.[logprobsSpellingKey] !== undefined) body['logprobs'] = vendor[logprobsSpellingKey];
    return;
  }
  body['logprobs'] = true;
  if (ask.topLogprobs !== undefined) body['top_logprobs'] = fitTopLogprobs(ask.topLogprobs, topLogprobsMax, 'top_logprobs', 'OpenAI', warnings);
}

/**
 * For an upstream that does not know `reasoning_effort` (quirks.ts, `reasoningEffort`): the field, the
 * emitter's or a caller's own, is left out after the vendor fields are merged, so neither reaches it.
 */
function leaveOutReasoningEffort(body: Record<string, unknown>, warnings: Warning[]): void {
  const effort = body['reasoning_effort'];
  if (effort === undefined) return;
  delete body['reasoning_effort'];
  warnings.push({
    type: 'unsupported',
    feature: 'reasoning_effort',
    message: `This upstream does not know reasoning_effort; "${String(effort)}" was left out, and a reasoning model reasons at its default effort.`,
  });
}

/** More alternative answers than the upstream gives are asked as its most (see quirks.ts, `maxCandidates`). */
function fitCandidateCount(count: number, most: number | undefined, warnings: Warning[]): number {
  if (most === undefined || count <= most) return count;
  warnings.push({ type: 'unsupported', feature: 'candidate_count', message: `This upstream answers with at most ${most} candidate${most === 1 ? '' : 's'}; ${count} were asked for.` });
  return most;
}

/**
 * For an upstream that samples greedily at temperature 0 and takes top_p only as 1 there, and no top_p
 * of 0 at all (quirks.ts, `topPOneWhenGreedy`). A top_p of 0 keeps only the most likely token, as
 * temperature 0 does, so it goes as temperature 0 with top_p 1; beside temperature 0, top_p changes
 * nothing and goes as 1.
 */
function fitGreedySampling(body: Record<string, unknown>, warnings: Warning[]): void {
  const topP = body['top_p'];
  if (typeof topP !== 'number' || topP === 1) return;
  if (topP === 0) {
    const temperature = body['temperature'];
    body['temperature'] = 0;
    body['top_p'] = 1;
    const replaced = temperature === undefined || temperature === 0 ? '' : `, in place of temperature ${String(temperature)}`;
    warnings.push({ type: 'compatibility', feature: 'top_p', message: `This upstream takes no top_p of 0; top_p 0 keeps only the most likely token, so it was sent as temperature 0 with top_p 1, which does the same${replaced}.` });
  } else if (body['temperature'] === 0) {
    body['top_p'] = 1;
    warnings.push({ type: 'compatibility', feature: 'top_p', message: `This upstream takes top_p only as 1 at temperature 0, where it always picks the most likely token; ${topP} was sent as 1.` });
  }
}

/**
 * For an upstream without JSON Schema output (quirks.ts, `jsonSchema`): JSON mode, and the schema
 * asked for in the system prompt, in the words every dialect uses for it (core/json-instruction.ts).
 */
function schemaAsInstruction(request: ChatRequest, warnings: Warning[]): ChatRequest {
  const format = request.responseFormat;
  if (format?.type !== 'json' || format.schema === undefined) return request;
  warnings.push({
    type: 'compatibility',
    feature: 'response_format.json_schema',
    message: 'This upstream takes no JSON Schema response format; JSON mode is on and the system prompt asks for JSON that matches the schema.',
  });
  return { ...request, system: [...request.system, { type: 'text', text: jsonInstruction(format.schema) }], responseFormat: { type: 'json' } };
}

/**
 * JSON mode on an upstream that refuses it unless the messages name JSON (OpenAI, DeepSeek,
 * DashScope: core/json-instruction.ts): a conversation that never does gets the instruction every
 * dialect uses in its system prompt, which names it. A caller of Gemini or Ollama asks for JSON
 * by a field alone.
 */
function withJsonNamed(request: ChatRequest, warnings: Warning[]): ChatRequest {
  const format = request.responseFormat;
  if (format?.type !== 'json' || format.schema !== undefined || mentionsJson(request.system, request.messages)) return request;
  warnings.push({
    type: 'compatibility',
    feature: 'response_format.json_object',
    message: 'This upstream takes JSON mode only when the messages name JSON; the system prompt now asks for a single JSON object.',
  });
  return { ...request, system: [...request.system, { type: 'text', text: jsonInstruction(undefined) }] };
}

/** The stop sequences the upstream takes (OpenAI: at most 4, see quirks.ts); the rest are left out with a warning. */
function fitStopSequences(stopSequences: readonly string[], limit: number, warnings: Warning[]): string[] {
  if (stopSequences.length <= limit) return [...stopSequences];
  const leftOut = stopSequences.slice(limit);
  warnings.push({
    type: 'unsupported',
    feature: 'stop_sequences',
    message: `This upstream takes at most ${limit} stop sequences; ${leftOut.length} were left out: ${leftOut.map((sequence) => JSON.stringify(sequence)).join(', ')}.`,
  });
  return stopSequences.slice(0, limit);
}

/**
 * A list of allowed tools is Chat's `allowed_tools` choice (openai-family/allowed-tools.ts), with a
 * Chat caller's own entries that are not functions (custom tools) added back.
 */
function emitToolChoice(choice: ToolChoice, otherAllowed: unknown): WireToolChoice | WireChatAllowedTools {
  switch (choice.type) {
    case 'auto':
    case 'required': {
      if (choice.allowed === undefined) return choice.type;
      const functions = choice.allowed.map((name) => ({ type: 'function', function: { name } }));
      const others = Array.isArray(otherAllowed) ? otherAllowed.filter(isRecord) : [];
      return { type: 'allowed_tools', allowed_tools: { mode: choice.type, tools: [...functions, ...others] } };
    }
    case 'none':
      return choice.type;
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
    default: {
      const unhandled: never = choice;
      throw new Error(`unhandled tool choice ${JSON.stringify(unhandled)}`);
    }
  }
}

function emitResponseFormat(format: ResponseFormat, warnings: Warning[]): WireResponseFormat {
  if (format.type === 'text') return { type: 'text' };
  if (format.schema === undefined) return { type: 'json_object' };
  // `name` is required by OpenAI (https://platform.openai.com/docs/api-reference/chat/create#chat-create-response_format).
  const spec: Extract<WireResponseFormat, { type: 'json_schema' }>['json_schema'] = {
    name: format.name ?? 'response',
    schema: format.schema,
  };
  if (format.description !== undefined) spec.description = format.description;
  const strict = fittedStrict(format.strict, format.schema, `response format ${spec.name}`, 'response_format.strict', warnings);
  if (strict !== undefined && strict === format.strict) spec.strict = strict;
  return { type: 'json_schema', json_schema: spec };
}

/**
 * `effort` as is; a token budget (Anthropic, Gemini) becomes the nearest effort, with a warning.
 * Reasoning turned off is `none` where the catalog says the model takes it to stop (`reasoningOff`),
 * else left out with a warning: `none` is taken only by gpt-5.1 and later, and models without
 * reasoning reject the field, so a reasoning model falls back to its default effort.
 * A caller's own `none` comes back verbatim from vendor data.
 */
function emitReasoningEffort(reasoning: ReasoningSettings | undefined, ownEffort: unknown, off: EmitRequestOptions['reasoningOff'], warnings: Warning[]): string | undefined {
  if (reasoning === undefined) return undefined;
  if (isReasoningOff(reasoning)) {
    // A model the catalog knows to reason unless told not to (xAI's Grok 4.3) is told so.
    if (off === 'disabled') return 'none';
    if (ownEffort === undefined) {
      warnings.push({
        type: 'unsupported',
        feature: 'reasoning.disabled',
        message: 'Chat Completions cannot switch reasoning off on every model; no reasoning_effort was sent, so a reasoning model uses its default effort.',
      });
    }
    return undefined;
  }
  if (reasoning.effort !== undefined) return reasoning.effort;
  if (reasoning.budgetTokens === undefined) return undefined;
  const budget = reasoning.budgetTokens;
  const effort = effortForBudget(budget);
  warnings.push({
    type: 'compatibility',
    feature: 'reasoning.budget_tokens',
    message: `A reasoning budget of ${budget} tokens was sent as reasoning_effort "${effort}"; OpenAI takes no token budget.`,
  });
  return effort;
}

/**
 * Vendors that switch thinking on and off rather than by effort alone. GLM has no budget at all;
 * Qwen takes a token budget, so an effort becomes the budget the shared scale gives it; DeepSeek
 * takes an effort beside the switch (the caller's own word, which it maps itself, or the budget's).
 */
function emitReasoningSwitch(
  reasoning: ReasoningSettings,
  kind: 'zhipu-thinking' | 'qwen-enable-thinking' | 'deepseek-thinking',
  spelled: string | undefined,
  warnings: Warning[],
): Record<string, unknown> {
  const off = isReasoningOff(reasoning);
  if (kind === 'deepseek-thinking') {
    if (off) return { thinking: { type: 'disabled' } };
    const budget = reasoning.budgetTokens;
    const effort = spelled ?? reasoning.effort ?? (budget === undefined ? undefined : effortForBudget(budget));
    if (spelled === undefined && reasoning.effort === undefined && budget !== undefined) {
      warnings.push({ type: 'compatibility', feature: 'reasoning.budget_tokens', message: `DeepSeek takes no token budget; a reasoning budget of ${budget} tokens was sent as reasoning_effort "${String(effort)}".` });
    }
    return { thinking: { type: 'enabled' }, ...(effort === undefined ? {} : { reasoning_effort: effort }) };
  }
  if (kind === 'zhipu-thinking') {
    if (!off && (reasoning.effort !== undefined || reasoning.budgetTokens !== undefined)) {
      warnings.push({ type: 'compatibility', feature: 'reasoning.effort', message: 'GLM switches thinking on or off and takes no effort or budget; thinking was switched on.' });
    }
    return { thinking: { type: off ? 'disabled' : 'enabled' } };
  }
  if (off) return { enable_thinking: false };
  const switched: Record<string, unknown> = { enable_thinking: true };
  if (reasoning.budgetTokens !== undefined) switched['thinking_budget'] = reasoning.budgetTokens;
  else if (reasoning.effort !== undefined) {
    switched['thinking_budget'] = budgetByEffort[reasoning.effort];
    warnings.push({ type: 'compatibility', feature: 'reasoning.effort', message: `Qwen takes a thinking budget, not an effort; "${reasoning.effort}" was sent as ${budgetByEffort[reasoning.effort]} tokens.` });
  }
  return switched;
}

/**
 * An upstream that takes `cache_control` takes it on content parts only (OpenRouter's
 * "individual content block", core/cache-control.ts): one on a tool or a tool call is left out.
 */
function uncarriedBreakpoints(request: ChatRequest): Warning[] {
  const warnings: Warning[] = [];
  if (request.tools?.some((tool) => tool.cache !== undefined)) {
    warnings.push({ type: 'unsupported', feature: 'tools.cache', message: 'A cache breakpoint on a tool has no place in OpenAI tools; it was left out.' });
  }
  const onCalls = request.messages.some((message) => message.role === 'assistant' && message.content.some((part) => part.type === 'tool-call' && part.cache !== undefined));
  if (onCalls) {
    warnings.push({ type: 'unsupported', feature: 'tool_calls.cache', message: 'A cache breakpoint on a tool call has no place in OpenAI tool_calls; it was left out.' });
  }
  return warnings;
}

/**
 * `metadata` without `store: true`, which OpenAI refuses: "The 'metadata' parameter is only allowed
 * when 'store' is enabled." (a 400 its callers recorded, not in the API reference:
 * https://github.com/QwenLM/qwen-code/issues/243, https://github.com/looplj/axonhub/issues/1380).
 * Metadata tags a stored completion, so without one it has nothing to tag: it is left out, with a
 * warning, whoever sent it. A Responses caller's `store` keeps the response for the caller to read
 * back, not a Chat completion in the operator's account, so it is never carried as one.
 */
function leaveOutUnstoredMetadata(body: Record<string, unknown>, warnings: Warning[]): void {
  if (body['metadata'] == null || body['store'] === true) return;
  delete body['metadata'];
  warnings.push({ type: 'unsupported', feature: 'metadata', message: 'Chat Completions takes metadata only with store: true, which this request is not sent with; the metadata was left out.' });
}
