/**
 * Interlingua → Anthropic Messages request body (https://docs.claude.com/en/api/messages).
 * What Anthropic cannot take is either approximated (`compatibility`) or left out
 * (`unsupported`), and always reported.
 */
import { withFormatDescription } from '../../core/format-description.js';
import type { EmitRequestOptions, EmittedRequest } from '../../interlingua/dialect.js';
import type { ChatRequest, ReasoningSettings } from '../../interlingua/request.js';
import type { TextPart } from '../../interlingua/content.js';
import type { JsonSchema, ToolChoice } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import { isReasoningOff } from '../../core/reasoning-budget.js';
import { isBlank } from '../../core/blank-text.js';
import { claudeThinkingBudget, claudeThinkingEffort } from '../../core/claude-thinking-budget.js';
import { foreignVendorWarnings } from '../../core/vendor-fields.js';
import { promptCacheKeyWarnings } from '../../core/prompt-cache-key.js';
import { fitToolControls } from '../../core/tool-choice-fit.js';
import { withAllowedToolsDeclared } from '../../core/allowed-tools.js';
import { objectRootToolSchema } from '../../core/tool-schema-object-root.js';
import { withUniqueToolNames } from '../../core/unique-tool-names.js';
import { emitConversation, emitSystem, type EmittedTurn } from './request-emit-messages.js';
import { withoutPrefillBeside, withTrimmedPrefill } from './prefill.js';
import { withOneTurn } from './system-only.js';
import { withPairedToolResults } from './tool-pairing.js';
import { toolTurnLacksThinking } from './thinking-turns.js';
import { claudeThinkingSampling, thinkingOffForForcedToolWarning } from '../../core/claude-thinking-sampling.js';
import { thinkingOffForPrefillWarning } from '../../core/claude-thinking-placement.js';
import { prefillLacksThinking, withThinkingFirst, withoutFinalThinking } from './thinking-placement.js';
import { anthropicFields, dialectName, effortOnScale, effortSpellingKey, isPlainObject, serverToolsKey, thinkingSpellingKey, toolFieldsKey } from './vendor-data.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { cacheBetaHeaders, limitCacheBreakpoints, orderCacheTtls } from './cache-control.js';
import { cacheControlField } from '../../core/cache-control.js';
import { fitStructuredOutputSchema } from '../claude-family/structured-output-schema.js';
import { jsonInstruction } from '../../core/json-instruction.js';
import { referenceCycle } from '../../core/json-schema-recursion.js';
import { thinkingBindingBeta } from '../claude-family/platform-betas.js';
import { anthropicUserId } from './user-id.js';
import { endUserOf } from './end-user.js';
import { withUniqueToolCallIds } from './reused-tool-call-ids.js';
import { pushAll } from '../../core/push-all.js';
import { logprobsLeftOut } from '../../core/token-logprobs-fit.js';

interface Thinking {
  config: Record<string, unknown>;
  /** The token budget, when thinking is on with one. */
  budget?: number;
  enabled: boolean;
}

/**
 * A budget is sent as it is (raised to Anthropic's minimum); an effort, or reasoning asked for
 * without either (Ollama `think: true`, Gemini's dynamic -1, a wish to see the thoughts), becomes
 * the shared budget for that effort (`medium` when none), at least the minimum. A model that
 * thinks adaptively only is asked by effort instead (adaptiveThinking).
 */
function emitThinking(reasoning: ReasoningSettings | undefined, vendorThinking: unknown, options: EmitRequestOptions, outputConfig: Record<string, unknown>, warnings: Warning[]): Thinking | undefined {
  const byEffort = options.reasoningByEffort === true;
  const vendorType = isPlainObject(vendorThinking) ? vendorThinking['type'] : undefined;
  if (isPlainObject(vendorThinking) && !(byEffort && (vendorType === 'enabled' || vendorType === 'disabled'))) {
    const budget = vendorThinking['budget_tokens'];
    return { config: vendorThinking, enabled: vendorType !== 'disabled' && vendorType !== 'between_tools', ...(typeof budget === 'number' ? { budget } : {}) };
  }
  if (byEffort && (vendorType === 'disabled' || (reasoning !== undefined && isReasoningOff(reasoning)))) return thinkingOff(options.reasoningOff, outputConfig, warnings);
  if (reasoning === undefined) return undefined;
  if (isReasoningOff(reasoning)) return { config: { type: 'disabled' }, enabled: false };
  if (byEffort) return adaptiveThinking(reasoning, options.model, outputConfig, warnings);
  const budget = claudeThinkingBudget(reasoning, 'Anthropic', (warning) => addWarningPerFeature(warnings, warning));
  if (budget === undefined) return undefined;
  return { config: { type: 'enabled', budget_tokens: budget }, budget, enabled: true };
}

/**
 * Thinking off on a model that thinks adaptively only. Opus 4.7 and 4.8 refuse `disabled`
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html) and do
 * not think without a thinking field; Opus 5 and Sonnet 5 think unless sent `disabled`
 * (https://platform.claude.com/docs/en/models/opus-5/migration-guide, "Thinking on by default");
 * Sonnet 5.5 refuses `disabled` and turns thinking down with `between_tools`, its lowest setting
 * (https://platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5, "Turn off up-front thinking").
 */
function thinkingOff(setting: EmitRequestOptions['reasoningOff'], outputConfig: Record<string, unknown>, warnings: Warning[]): Thinking | undefined {
  if (setting === undefined) return undefined;
  // Both take effort up to `high` only: "Sending thinking: {type: \"disabled\"} together with xhigh or max effort
  // returns 400" (Opus 5 migration guide), and "At xhigh or max effort, requests with between_tools return a 400 error".
  const effort = outputConfig['effort'];
  if (effort === 'xhigh' || effort === 'max') {
    outputConfig['effort'] = 'high';
    addWarningPerFeature(warnings, {
      type: 'compatibility',
      feature: 'output_config.effort',
      message: `Claude takes effort up to "high" with thinking turned off; "${effort}" was sent as "high".`,
    });
  }
  return { config: { type: setting === 'disabled' ? 'disabled' : 'between_tools' }, enabled: false };
}

/**
 * Claude Opus 4.7 and later size their thinking themselves and refuse a budget: "\"thinking.type.enabled\"
 * is not supported for this model. Use \"thinking.type.adaptive\" and \"output_config.effort\" to control
 * thinking behavior." (https://github.com/earendil-works/pi/issues/3297), and `disabled` too
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html). The effort asked for, or the
 * one nearest the budget asked for, goes to `output_config.effort` (low, medium, high: efforts both
 * sides share); reasoning merely switched on leaves the model its default.
 */
function adaptiveThinking(reasoning: ReasoningSettings, model: string, outputConfig: Record<string, unknown>, warnings: Warning[]): Thinking {
  const effort = claudeThinkingEffort(reasoning, model, (warning) => addWarningPerFeature(warnings, warning));
  if (effort !== undefined && outputConfig['effort'] === undefined) outputConfig['effort'] = effort;
  // These models leave the thinking text out unless asked ("Starting with Claude Opus 4.7, thinking content is
  // omitted from the response by default … set `display` to "summarized"":
  // https://platform.claude.com/docs/en/about-claude/models/whats-new-claude-4-7#thinking-content-omitted-by-default);
  // a caller who asked to see the thoughts (Anthropic thinking, Gemini includeThoughts) is given them.
  return { config: reasoning.includeThoughts === true ? { type: 'adaptive', display: 'summarized' } : { type: 'adaptive' }, enabled: true };
}

/**
 * Thinking as asked, unless the request is one Anthropic refuses with thinking on: a conversation
 * answering a tool turn that opens with no signed thinking block (thinking-turns.ts), or, in manual
 * mode (`type: "enabled"`), a prefill that opens with no thinking block (thinking-placement.ts) or a tool choice that forces a call ("tool_choice options that force tool
 * use return an error with manual extended thinking …; adaptive thinking supports forced tool use",
 * https://platform.claude.com/docs/en/build-with-claude/thinking-tool-workflows; refused with
 * "Thinking may not be enabled when tool_choice forces tool use."). The forced call is the caller's
 * contract for the answer's shape, so thinking gives way, with a warning.
 */
function fitThinking(thinking: Thinking | undefined, messages: readonly EmittedTurn[], toolChoice: Record<string, unknown> | undefined, warnings: Warning[]): Thinking | undefined {
  if (thinking?.enabled !== true) return thinking;
  if (toolTurnLacksThinking(messages)) {
    addWarningPerFeature(warnings, {
      type: 'compatibility',
      feature: 'reasoning.tool_turn',
      message:
        'Anthropic needs the assistant turn being answered with tool results to open with its signed thinking block, and this history has none; thinking was turned off for this request.',
    });
    return undefined;
  }
  if (thinking.config['type'] === 'enabled' && prefillLacksThinking(messages)) {
    addWarningPerFeature(warnings, thinkingOffForPrefillWarning('Anthropic'));
    return undefined;
  }
  if (thinking.config['type'] === 'enabled' && (toolChoice?.['type'] === 'any' || toolChoice?.['type'] === 'tool')) {
    addWarningPerFeature(warnings, thinkingOffForForcedToolWarning('Anthropic'));
    return undefined;
  }
  return thinking;
}

function emitToolChoice(choice: ToolChoice | undefined, parallelToolCalls: boolean | undefined): Record<string, unknown> | undefined {
  let wire: Record<string, unknown> | undefined;
  switch (choice?.type) {
    case undefined:
      wire = parallelToolCalls === undefined ? undefined : { type: 'auto' };
      break;
    // A list of allowed tools is already the tools declared (emitTools).
    case 'auto':
      wire = { type: 'auto' };
      break;
    case 'required':
      wire = { type: 'any' };
      break;
    case 'tool':
      wire = { type: 'tool', name: choice.name };
      break;
    case 'none':
      return { type: 'none' };
    default: {
      const unhandled: never = choice;
      throw new Error(`unhandled tool choice ${JSON.stringify(unhandled)}`);
    }
  }
  if (wire !== undefined && parallelToolCalls !== undefined) wire['disable_parallel_tool_use'] = !parallelToolCalls;
  return wire;
}

/** What goes out as `tools` and `tool_choice`. */
interface EmittedTools {
  tools: unknown[];
  toolChoice: Record<string, unknown> | undefined;
}

function emitTools(asked: ChatRequest, vendor: Record<string, unknown>, warnings: Warning[]): EmittedTools {
  // Messages has no list of allowed tools, only `{type: "tool", name}` forcing "a particular tool"
  // and `any` forcing one of "the provided tools"
  // (https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use#forcing-tool-use):
  // a list is a forced tool or the tools declared (core/allowed-tools.ts).
  const allowedWarnings: Warning[] = [];
  const request = withAllowedToolsDeclared(asked, 'Anthropic', true, allowedWarnings);
  for (const warning of allowedWarnings) addWarningPerFeature(warnings, warning);
  const toolFields = isPlainObject(vendor[toolFieldsKey]) ? vendor[toolFieldsKey] : {};
  const tools: unknown[] = (request.tools ?? []).map((tool) => {
    const fields = toolFields[tool.name];
    // input_schema is an object schema without a root composition (core/tool-schema-object-root.ts).
    const inputSchema = objectRootToolSchema(tool.parameters, tool.name, 'merged', 'Anthropic', (warning) => addWarningPerFeature(warnings, warning));
    const wire: Record<string, unknown> = { ...(isPlainObject(fields) ? fields : {}), ...cacheControlField(tool.cache), name: tool.name, input_schema: inputSchema };
    if (tool.description !== undefined) wire['description'] = tool.description;
    return wire;
  });
  // Anthropic's strict tool use (https://platform.claude.com/docs/en/agents-and-tools/tool-use/strict-tool-use)
  // compiles every strict tool of a request into one grammar and refuses the whole request past a
  // size no document states ("The compiled grammar is too large" for 13 tools that OpenAI takes:
  // https://github.com/alphaXiv/agents/pull/49). Agent SDKs mark every tool strict, so carrying it
  // would turn working requests into refusals; the tools go as ordinary ones, which Claude follows.
  // A caller of this dialect who wrote `strict` itself (kept in its tool fields) gets it as written.
  const writtenStrict = (name: string): boolean => {
    const fields = toolFields[name];
    return isPlainObject(fields) && fields['strict'] === true;
  };
  if (request.tools?.some((tool) => tool.strict === true && !writtenStrict(tool.name))) {
    addWarningPerFeature(warnings, {
      type: 'unsupported',
      feature: 'tools.strict',
      message: 'Anthropic refuses requests whose strict tools compile into too large a grammar, so "strict" was left out and the tools were sent as ordinary ones.',
    });
  }
  const serverTools = Array.isArray(vendor[serverToolsKey]) ? vendor[serverToolsKey] : [];
  pushAll(tools, serverTools);
  // A `tool` choice forces one of the tools given
  // (https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use#forcing-tool-use);
  // naming any other is refused ("Tool '…' not found in provided tools"), and without tools there
  // is no choice to make, so none is sent (core/tool-choice-fit.ts).
  const names = new Set([...(request.tools ?? []).map((tool) => tool.name), ...serverTools.flatMap(serverToolName)]);
  const controls = fitToolControls(request, { names, any: tools.length > 0 });
  for (const warning of controls.warnings) addWarningPerFeature(warnings, warning);
  if (tools.length === 0) return { tools, toolChoice: undefined };
  return { tools, toolChoice: emitToolChoice(controls.toolChoice, controls.parallelToolCalls) };
}

/** A server tool's `name` (`web_search`), which a tool choice names it by. */
function serverToolName(tool: unknown): string[] {
  return isPlainObject(tool) && typeof tool['name'] === 'string' ? [tool['name']] : [];
}

function emitSampling(request: ChatRequest, thinking: Thinking | undefined, body: Record<string, unknown>, warnings: Warning[]): void {
  const { temperature, topP, topK, stopSequences } = request.sampling;
  if (thinking?.enabled === true) {
    // Thinking allows only temperature 1, no top_k and top_p >= 0.95 (core/claude-thinking-sampling.ts).
    const fitted = claudeThinkingSampling({ temperature, topP, topK }, 'Anthropic', (warning) => addWarningPerFeature(warnings, warning));
    if (fitted.temperature !== undefined) body['temperature'] = fitted.temperature;
    if (fitted.topP !== undefined) body['top_p'] = fitted.topP;
  } else {
    if (temperature !== undefined && temperature > 1) {
      addWarningPerFeature(warnings, { type: 'compatibility', feature: 'temperature', message: `Anthropic's temperature goes up to 1; ${temperature} was sent as 1.` });
      body['temperature'] = 1;
    } else if (temperature !== undefined) body['temperature'] = temperature;
    if (topP !== undefined) body['top_p'] = topP;
    if (topK !== undefined) body['top_k'] = topK;
  }
  if (stopSequences !== undefined) {
    const kept = stopSequences.filter((sequence) => !isBlank(sequence));
    if (kept.length < stopSequences.length) {
      const leftOut = stopSequences.filter(isBlank).map((sequence) => JSON.stringify(sequence));
      addWarningPerFeature(warnings, { type: 'unsupported', feature: 'stop_sequences', message: `Anthropic takes no stop sequence that is empty or only whitespace; ${leftOut.join(', ')} was left out.` });
    }
    if (kept.length > 0) body['stop_sequences'] = kept;
  }
}

function unsupportedSettings(request: ChatRequest, warnings: Warning[]): void {
  const { seed, presencePenalty, frequencyPenalty, candidateCount } = request.sampling;
  const leftOut = (feature: string, what: string): void =>
    addWarningPerFeature(warnings, { type: 'unsupported', feature, message: `Anthropic has no ${what}; it was left out.` });
  if (seed !== undefined) leftOut('seed', 'seed');
  if (presencePenalty !== undefined) leftOut('presence_penalty', 'presence penalty');
  if (frequencyPenalty !== undefined) leftOut('frequency_penalty', 'frequency penalty');
  if (candidateCount !== undefined && candidateCount > 1) leftOut('candidate_count', 'way to ask for several candidates; one was asked for');
}

/**
 * Structured output goes to `output_config.format` (GA, no beta header:
 * https://docs.claude.com/en/docs/build-with-claude/structured-outputs), its schema fitted to the
 * subset Anthropic takes (claude-family/structured-output-schema.ts). Anthropic has no
 * schema-less JSON mode, so "any JSON object" becomes an instruction in the system prompt.
 */
function emitResponseFormat(format: ChatRequest['responseFormat'], outputConfig: Record<string, unknown>, warnings: Warning[]): TextPart[] {
  if (format?.type !== 'json') return [];
  if (format.schema !== undefined) {
    const cycle = referenceCycle(format.schema);
    if (cycle !== undefined) return [recursiveSchemaAsInstruction(format.schema, cycle, warnings)];
    const fitted = fitStructuredOutputSchema(withFormatDescription(format.schema, format.description, 'Anthropic', warnings), 'the response schema');
    for (const warning of fitted.warnings) addWarningPerFeature(warnings, warning);
    outputConfig['format'] = { type: 'json_schema', schema: fitted.schema };
    return [];
  }
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'response_format.json_object',
    message: 'Anthropic has no schema-less JSON mode; the system prompt asks for a single JSON object instead.',
  });
  return [{ type: 'text', text: jsonInstruction(undefined) }];
}

/**
 * Anthropic compiles no recursive schema: its docs list "Recursive schemas" among what structured
 * output does not support (https://platform.claude.com/docs/en/build-with-claude/structured-outputs,
 * "JSON Schema limitations"), and it answers 400 "Circular reference detected in schema definitions:
 * __schema0 -> __schema0. Self-referencing or mutually-referencing definitions are not supported."
 * (https://github.com/egonSchiele/agency-lang/issues/487), where OpenAI and Gemini take the same
 * schema. Cutting the recursion at some depth would refuse deeper answers the caller allowed, so
 * the whole schema is asked for in the system prompt instead, as for a model without structured
 * output, and a warning says the answer is no longer held to it.
 */
function recursiveSchemaAsInstruction(schema: JsonSchema, cycle: readonly string[], warnings: Warning[]): TextPart {
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'response_format.json_schema',
    message: `Anthropic's structured output takes no recursive schema (${cycle.join(' -> ')}); the system prompt asks for JSON that matches the schema instead, and the answer is not held to it.`,
  });
  return { type: 'text', text: jsonInstruction(schema) };
}

/** `max_tokens` must exceed the thinking budget (it includes it); raised when it does not. */
function maxTokens(request: ChatRequest, options: EmitRequestOptions, thinking: Thinking | undefined, warnings: Warning[]): number {
  const requested = request.sampling.maxOutputTokens;
  const value = requested ?? options.defaultMaxOutputTokens;
  const budget = thinking?.enabled === true ? thinking.budget : undefined;
  if (budget === undefined || value > budget) return value;
  if (requested !== undefined) {
    addWarningPerFeature(warnings, {
      type: 'compatibility',
      feature: 'max_tokens',
      message: `Anthropic counts thinking in max_tokens; ${requested} was raised to ${budget + requested} to leave room beside the ${budget}-token thinking budget.`,
    });
  }
  return budget + value;
}

export function emitRequest(asked: ChatRequest, options: EmitRequestOptions): EmittedRequest {
  const warnings: Warning[] = [];
  const request = withUniqueToolCallIds(withUniqueToolNames(asked, warnings), warnings);
  const vendor = anthropicFields(request.vendor);
  const { metadata, output_config: vendorOutputConfig, ...rest } = vendor;
  const vendorThinking = vendor[thinkingSpellingKey];
  // Keys starting with `@`, `~` or `^` are this dialect's notes (vendor-data.ts, core/vendor-fields.ts), not wire fields.
  const passThrough = Object.fromEntries(Object.entries(rest).filter(([key]) => !/^[@~^]/.test(key)));
  const outputConfig: Record<string, unknown> = { ...writtenEffort(request, vendor), ...(isPlainObject(vendorOutputConfig) ? vendorOutputConfig : {}) };
  const system = [...request.system, ...emitResponseFormat(request.responseFormat, outputConfig, warnings)];
  const emitted = withThinkingFirst(emitConversation(system, request.messages, warnings));
  const paired = withTrimmedPrefill(withPairedToolResults(emitted, warnings), warnings);
  const emittedTools = emitTools(request, vendor, warnings);
  const formatAsked = outputConfig['format'] !== undefined || passThrough['output_format'] !== undefined;
  const conversation = withOneTurn(withoutPrefillBeside(paired, { format: formatAsked, tools: emittedTools.tools.length > 0 }, warnings), warnings);
  const thinking = fitThinking(emitThinking(request.reasoning, vendorThinking, options, outputConfig, warnings), conversation.messages, emittedTools.toolChoice, warnings);

  const body: Record<string, unknown> = { ...passThrough, model: options.model, max_tokens: maxTokens(request, options, thinking, warnings) };
  const systemField = emitSystem(conversation.system, warnings);
  if (systemField !== undefined) body['system'] = systemField;
  if (Object.keys(outputConfig).length > 0) body['output_config'] = outputConfig;
  const messages = thinking === undefined || thinking.config['type'] === 'disabled' ? withoutFinalThinking(conversation.messages, warnings) : conversation.messages;
  body['messages'] = messages;
  if (emittedTools.tools.length > 0) body['tools'] = emittedTools.tools;
  if (emittedTools.toolChoice !== undefined) body['tool_choice'] = emittedTools.toolChoice;
  emitSampling(request, thinking, body, warnings);
  const thinkingConfig = options.dropStaleThinking === true ? withStaleBlocksDropped(thinking, messages) : thinking?.config;
  if (thinkingConfig !== undefined) body['thinking'] = thinkingConfig;
  const metadataFields = isPlainObject(metadata) ? metadata : {};
  // The caller's `user`, or an OpenAI caller's `safety_identifier` in its stead (end-user.ts).
  const endUser = endUserOf(request);
  if (endUser.user !== undefined || Object.keys(metadataFields).length > 0) {
    body['metadata'] = { ...metadataFields, ...(endUser.user === undefined ? {} : { user_id: anthropicUserId(endUser.user, warnings) }) };
  }
  if (request.stream) body['stream'] = true;
  limitCacheBreakpoints(body, warnings);
  orderCacheTtls(body, warnings);
  unsupportedSettings(request, warnings);
  for (const warning of promptCacheKeyWarnings(request, 'Anthropic')) addWarningPerFeature(warnings, warning);
  // The Messages API has no request field for token log probabilities (https://docs.anthropic.com/en/api/messages).
  if (request.logprobs !== undefined) warnings.push(logprobsLeftOut('Anthropic'));
  pushAll(warnings, foreignVendorWarnings(endUser.vendor, dialectName));
  const headers = betaHeaders(body, options.callerBetas ?? []);
  return headers === undefined ? { body, warnings } : { body, warnings, headers };
}

/**
 * The caller's own `output_config.effort` word (`max`), unless the reasoning asked for has since
 * changed to another effort (a model fit), which then goes as any other caller's would.
 */
function writtenEffort(request: ChatRequest, vendor: Record<string, unknown>): Record<string, unknown> {
  const word = vendor[effortSpellingKey];
  if (typeof word !== 'string') return {};
  const effort = request.reasoning?.effort;
  return effort === undefined || effort === effortOnScale(word) ? { effort: word } : {};
}

/** The caller's betas and those the body's fields need, each once, joined into one `anthropic-beta` header. */
function betaHeaders(body: Record<string, unknown>, callerBetas: readonly string[]): Record<string, string> | undefined {
  const needed = [cacheBetaHeaders(body)?.['anthropic-beta'], isPlainObject(body['thinking']) && body['thinking']['block_binding'] !== undefined ? thinkingBindingBeta : undefined];
  const betas = new Set([...callerBetas, ...needed.filter((beta) => beta !== undefined)]);
  return betas.size === 0 ? undefined : { 'anthropic-beta': [...betas].join(',') };
}

/**
 * Models with preserved thinking replay a thinking block only if the system prompt, the tools and
 * every message before it are what they were when it was produced, and refuse the request
 * otherwise: "The block is bound to a different conversation"
 * (https://platform.claude.com/docs/en/build-with-claude/preserved-thinking). A conversation the
 * gateway writes from another dialect cannot promise the same bytes, so it asks for the documented
 * alternative, `block_binding: {prefix_mismatch_behavior: "drop_block"}`, which drops such blocks
 * instead; "if your request doesn't set thinking, adding it doesn't change anything else, since
 * preserved-thinking models think adaptively by default"
 * (https://platform.claude.com/docs/en/build-with-claude/preserved-thinking/fix-bound-to-a-different-conversation).
 * Thinking turned off (`disabled`, `between_tools`) and a history without thinking blocks are left as they are.
 */
function withStaleBlocksDropped(thinking: Thinking | undefined, messages: readonly EmittedTurn[]): Record<string, unknown> | undefined {
  const replaysThinking = messages.some((message) => message.role === 'assistant' && message.content.some((block) => block['type'] === 'thinking' || block['type'] === 'redacted_thinking'));
  const type = thinking?.config['type'];
  if (!replaysThinking || (thinking !== undefined && type !== 'adaptive')) return thinking?.config;
  return { ...(thinking?.config ?? { type: 'adaptive' }), block_binding: { prefix_mismatch_behavior: 'drop_block' } };
}
