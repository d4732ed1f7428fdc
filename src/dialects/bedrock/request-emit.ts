/**
 * Interlingua → Bedrock Converse request body
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html): `messages`,
 * `system`, `inferenceConfig` (`maxTokens`, `temperature`, `topP`, `stopSequences`), `toolConfig`
 * (`tools`, `toolChoice`), `outputConfig` (structured-output.ts) and `additionalModelRequestFields`, the model's own parameters. The
 * model id is in the URL, not the body. What Converse cannot take is approximated or left out,
 * and reported.
 */
import type { EmitRequestOptions, EmittedRequest } from '../../interlingua/dialect.js';
import type { ChatRequest, Sampling } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { foreignVendorWarnings } from '../../core/vendor-fields.js';
import { emitConversation, type EmittedTurn } from './messages-emit.js';
import { withUserOpening } from './conversation-start.js';
import { withoutClaudePrefillBesideTools } from './conversation-end.js';
import { withToolTurnsAlone } from './tool-turns-alone.js';
import { withPairedToolResults } from '../../core/tool-result-pairing.js';
import { withToolHistoryAsText } from '../../core/tool-history-as-text.js';
import { emitThinking, fitSamplingToThinking, fitThinking, isClaude, messagesForThinking, withStaleBlocksDropped, type Thinking } from './thinking.js';
import { withReasoningFirst } from './thinking-placement.js';
import { takenBetas } from '../claude-family/platform-betas.js';
import { emitToolConfig } from './tools-emit.js';
import { withSystemPromptInUserTurn } from './system-prompt-models.js';
import { withToolResultImagesBeside } from './tool-result-images.js';
import { withToolResultStatusFitted } from './tool-result-status.js';
import { bedrockFields, dialectName, isPlainObject, passThroughFields } from './vendor-data.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { fitCachePoints, keepCachePointsTheModelTakes } from './cache-points.js';
import { withRequestBreakpointOnLastPart } from '../../core/request-cache-breakpoint.js';
import { promptCacheKeyWarnings } from '../../core/prompt-cache-key.js';
import { jsonInstruction } from '../../core/json-instruction.js';
import { fitStopSequences } from './stop-sequences.js';
import { fitConverseMediaCount } from './media-count-fit.js';
import { emitOutputConfig } from './structured-output.js';
import { claudeVendorName } from '../../core/claude-effort.js';
import { logprobsLeftOut } from '../../core/token-logprobs-fit.js';

/** `sampling` is the request's, already fitted to thinking (fitSamplingToThinking). */
function emitInferenceConfig(sampling: Sampling, options: EmitRequestOptions, thinking: Thinking | undefined, warnings: Warning[]): Record<string, unknown> {
  const { temperature, topP, topK, stopSequences, maxOutputTokens, seed, presencePenalty, frequencyPenalty, candidateCount } = sampling;
  const config: Record<string, unknown> = {};
  const budget = thinking?.enabled === true ? thinking.budget : undefined;
  if (budget !== undefined) {
    // Claude counts thinking in its output limit, which must exceed the budget
    // (https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size).
    const requested = maxOutputTokens ?? options.defaultMaxOutputTokens;
    config['maxTokens'] = requested > budget ? requested : budget + requested;
    if (maxOutputTokens !== undefined && requested <= budget) {
      addWarningPerFeature(warnings, {
        type: 'compatibility',
        feature: 'max_tokens',
        message: `Claude counts thinking in maxTokens; ${maxOutputTokens} was raised to ${budget + maxOutputTokens} to leave room beside the ${budget}-token thinking budget.`,
      });
    }
  } else if (maxOutputTokens !== undefined) config['maxTokens'] = maxOutputTokens;
  // temperature and topP: "Valid Range: Minimum value of 0. Maximum value of 1." for every model
  // (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InferenceConfiguration.html;
  // refused above it: https://github.com/stdapi-ai/stdapi.ai/issues/224), where OpenAI and Gemini go to 2.
  if (temperature !== undefined && temperature > 1) {
    addWarningPerFeature(warnings, { type: 'compatibility', feature: 'temperature', message: `Bedrock Converse's temperature goes up to 1; ${temperature} was sent as 1.` });
    config['temperature'] = 1;
  } else if (temperature !== undefined) config['temperature'] = temperature;
  if (topP !== undefined) config['topP'] = topP;
  const stops = fitStopSequences(stopSequences, options.model, warnings);
  if (stops !== undefined) config['stopSequences'] = stops;
  const leftOut = (feature: string, what: string): void =>
    addWarningPerFeature(warnings, { type: 'unsupported', feature, message: `Bedrock Converse has no ${what} in inferenceConfig; it was left out.` });
  if (topK !== undefined) leftOut('top_k', 'top_k (a model parameter for additionalModelRequestFields)');
  if (seed !== undefined) leftOut('seed', 'seed');
  if (presencePenalty !== undefined) leftOut('presence_penalty', 'presence penalty');
  if (frequencyPenalty !== undefined) leftOut('frequency_penalty', 'frequency penalty');
  if (candidateCount !== undefined && candidateCount > 1) leftOut('candidate_count', 'way to ask for several candidates; one was asked for');
  return config;
}

/**
 * Converse has no JSON mode that every model takes: a model without `outputConfig`
 * (structured-output.ts), or a format without a schema, gets the instruction in the system prompt.
 */
function responseFormatInstruction(format: ChatRequest['responseFormat'], warnings: Warning[]): string | undefined {
  if (format?.type !== 'json') return undefined;
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'response_format',
    message: 'Bedrock Converse has no JSON mode for every model; the system prompt asks for JSON instead.',
  });
  return jsonInstruction(format.schema);
}

export function emitRequest(asked: ChatRequest, options: EmitRequestOptions): EmittedRequest {
  const warnings: Warning[] = [];
  // Converse caches at `cachePoint` blocks only: an Anthropic caller's request-level breakpoint becomes one.
  const request = withRequestBreakpointOnLastPart(asked, 'Bedrock Converse', warnings);
  const vendor = bedrockFields(request.vendor);
  // Without tool declarations Converse refuses tool blocks in the history, so they go as text; with
  // them, each call needs its results in the next turn, which pairing sees to.
  const toolsDeclared = (request.tools ?? []).length > 0;
  const messages = toolsDeclared ? withPairedToolResults(request.messages, 'Bedrock Converse', warnings) : withToolHistoryAsText(request.messages, 'Bedrock Converse', warnings);
  const conversed = emitConversation(request.system, messages, warnings);
  fitConverseMediaCount(conversed.messages, options.model, warnings);
  // Claude takes its reasoning first in a message (thinking-placement.ts); a merged or Responses-ordered turn has it later.
  const emitted = isClaude(options.model) ? withReasoningFirst(conversed) : conversed;
  const outputConfig = emitOutputConfig(request.responseFormat, options.model, warnings);
  const instruction = outputConfig === undefined ? responseFormatInstruction(request.responseFormat, warnings) : undefined;
  if (instruction !== undefined) emitted.system.push({ text: instruction });
  const started = withSystemPromptInUserTurn(withUserOpening(emitted, warnings), options.model, warnings);
  const results = withToolResultStatusFitted(withToolResultImagesBeside(started, options.model, warnings), options.model, warnings);
  const opened = withToolTurnsAlone(results, options.model, warnings);
  // Beside tools a prefill gets a user turn after it, so the prefill rules of thinking (fitThinking, messagesForThinking) see none.
  const conversation = withoutClaudePrefillBesideTools(opened, options.model, toolsDeclared, warnings);
  // The tool choice first: with thinking on, Claude refuses a forced one, and thinking gives way (fitThinking).
  const toolConfig = emitToolConfig(request, options.model, hasToolBlocks(conversation.messages), warnings);
  const fitted = fitThinking(emitThinking(request.reasoning, options.model, warnings, options.reasoningByEffort, options.reasoningOff, claudeWords(request.vendor)), conversation.messages, toolConfig?.['toolChoice'], warnings);
  const sent = messagesForThinking(conversation.messages, fitted, options.model, warnings);
  const thinking = options.dropStaleThinking === true ? withStaleBlocksDropped(fitted, sent, options.model) : fitted;
  const body: Record<string, unknown> = { messages: sent };
  if (conversation.system.length > 0) body['system'] = conversation.system;
  const own = isPlainObject(vendor['additionalModelRequestFields']) ? vendor['additionalModelRequestFields'] : {};
  const { sampling, modelFields } = fitSamplingToThinking(request.sampling, own, thinking, warnings);
  const inferenceConfig = emitInferenceConfig(sampling, options, thinking, warnings);
  if (Object.keys(inferenceConfig).length > 0) body['inferenceConfig'] = inferenceConfig;
  if (toolConfig !== undefined) body['toolConfig'] = toolConfig;
  if (outputConfig !== undefined) body['outputConfig'] = outputConfig;
  const additional = withBetasJoined(withBetasJoined(modelFields, thinking?.fields ?? {}), callerBetaFields(options, warnings));
  if (Object.keys(additional).length > 0) body['additionalModelRequestFields'] = additional;
  for (const field of passThroughFields) if (vendor[field] !== undefined) body[field] = vendor[field];
  if (request.user !== undefined) {
    addWarningPerFeature(warnings, { type: 'unsupported', feature: 'user', message: 'Bedrock Converse has no end-user id; it was left out.' });
  }
  keepCachePointsTheModelTakes(body, options.model, warnings);
  fitCachePoints(body, warnings);
  for (const warning of promptCacheKeyWarnings(request, 'Bedrock Converse')) addWarningPerFeature(warnings, warning);
  // Converse has no request field for token log probabilities (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html).
  if (request.logprobs !== undefined) addWarningPerFeature(warnings, logprobsLeftOut('Bedrock Converse'));
  for (const warning of foreignVendorWarnings(request.vendor, dialectName)) addWarningPerFeature(warnings, warning);
  return { body, warnings };
}

/**
 * A Claude caller's own betas (`callerBetas`) that Converse takes, where it takes Claude's betas
 * (dialects/claude-family/platform-betas.ts); the rest are reported. Other models have no use for them.
 */
function callerBetaFields(options: EmitRequestOptions, warnings: Warning[]): Record<string, unknown> {
  if (options.callerBetas === undefined || !isClaude(options.model)) return {};
  const taken = takenBetas(options.callerBetas, 'Bedrock Converse', warnings);
  return taken.length === 0 ? {} : { anthropic_beta: taken };
}

/** Model fields with `over`'s over `base`'s, except that an `anthropic_beta` list in both keeps the entries of both, once each. */
function withBetasJoined(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const joined = { ...base, ...over };
  if (Array.isArray(base['anthropic_beta']) && Array.isArray(over['anthropic_beta'])) joined['anthropic_beta'] = [...new Set([...base['anthropic_beta'], ...over['anthropic_beta']])];
  return joined;
}

/** Bedrock wants `toolConfig` whenever the history holds tool calls or results. */
function hasToolBlocks(messages: readonly EmittedTurn[]): boolean {
  return messages.some((turn) => turn.content.some((block) => block['toolUse'] !== undefined || block['toolResult'] !== undefined));
}

/** Claude's `thinking` and effort as an Anthropic or a Converse caller wrote them (core/claude-effort.ts). */
function claudeWords(vendor: ChatRequest['vendor']): Record<string, unknown> | undefined {
  const words = vendor?.[claudeVendorName];
  return isPlainObject(words) ? words : undefined;
}
