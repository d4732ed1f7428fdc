/**
 * `ChatRequest` → a legacy Completions body for a completions upstream (`POST {baseUrl}/completions`:
 * OpenAI's gpt-3.5-turbo-instruct, or vLLM, llama.cpp, TGI serving a model prompt-only).
 * The prompt comes from, in order:
 * 1. a completions caller's own prompt (`@prompt` marker, see vendor.ts), sent verbatim with its
 *    own stop sequences: the caller chose the text, a template would change what it meant;
 * 2. the deployment's chat template (the model's own format; its stop tokens are merged into `stop`;
 *    its leading `bos_token` is left to the server's tokenizer, see `promptForTokenizer`);
 * 3. otherwise the plain layout of prompt-layout.ts, with a `compatibility` warning.
 * Reference: https://platform.openai.com/docs/api-reference/completions/create
 */
import type { EmitRequestOptions, EmittedRequest } from '../../interlingua/dialect.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { foreignVendorWarnings } from '../../core/vendor-fields.js';
import { promptCacheKeyWarnings } from '../../core/prompt-cache-key.js';
import { promptForTokenizer, renderChatPrompt, type ChatTemplate } from '../../templates/chat-template.js';
import { plainLayoutStop, plainPrompt } from './prompt-layout.js';
import { dialectName, isRawPromptRequest, mergeVendorFields, ownVendor, promptShapeKey, stopShapeKey } from './vendor.js';
import { isRecord } from './wire-parse.js';
import { pushAll } from '../../core/push-all.js';
import { fitTopLogprobs } from '../../core/token-logprobs-fit.js';
import { fitTemperature, openaiTemperatureMax } from '../openai-family/temperature-fit.js';
import { fitPenalty } from '../openai-family/penalty-fit.js';

/** How one completions upstream is driven; see `createOpenaiCompletionsDialect`. */
export interface OpenaiCompletionsSettings {
  chatTemplate?: ChatTemplate;
  /** Tokens that end the model's turn (Qwen `<|im_end|>`, Llama 3 `<|eot_id|>`), merged into `stop`. */
  stopTokens?: readonly string[];
  /**
   * The most stop sequences the upstream takes: `maxOpenaiStops` for OpenAI's own API, undefined
   * for a self-hosted server (vLLM and llama.cpp take any number). Beyond it the rest are left
   * out with a warning, since OpenAI refuses the whole request.
   */
  maxStops?: number;
  /**
   * Ask for usage in streams (`stream_options.include_usage`), so every stream can be accounted.
   * OpenAI, vLLM and llama.cpp take it; turn it off for a server that rejects the field.
   */
  streamOptions: boolean;
  /** The most alternatives per token `logprobs` may ask for: `maxOpenaiLogprobs` for OpenAI's own API, undefined for a self-hosted server. */
  maxLogprobs?: number;
  /**
   * Bring temperature and the penalties within OpenAI's ranges (0 to 2; -2 to 2), which its own API
   * refuses to go beyond (openai-family/temperature-fit.ts, penalty-fit.ts). Off for a self-hosted
   * server, which has ranges of its own (llama.cpp takes any temperature).
   */
  openaiRanges?: boolean;
}

/**
 * OpenAI documents "Up to 4 sequences" for `stop` (completions/create); the plain layout's own stop
 * is only added within that.
 */
export const maxOpenaiStops = 4;

/** "The maximum value for logprobs is 5" (https://platform.openai.com/docs/api-reference/completions/create#completions-create-logprobs). */
export const maxOpenaiLogprobs = 5;

/** Fields the emitter owns outright; a vendor field of the same name never replaces them. */
const ownedFields = new Set(['model', 'prompt', 'stream', 'stream_options']);

export function emitRequest(request: ChatRequest, options: EmitRequestOptions, settings: OpenaiCompletionsSettings): EmittedRequest {
  const warnings: Warning[] = [...foreignVendorWarnings(request.vendor, dialectName), ...promptCacheKeyWarnings(request, 'A completions upstream')];
  const vendor = ownVendor(request.vendor);
  const rawPrompt = rawPromptOf(request);
  const sampling = request.sampling;
  let prompt: string;
  let stop = sampling.stopSequences;
  if (rawPrompt !== undefined) {
    prompt = rawPrompt;
  } else if (settings.chatTemplate !== undefined) {
    const rendered = renderChatPrompt(request, settings.chatTemplate);
    // The server adds its own BOS when it tokenizes a prompt; the template's would be a second one.
    prompt = promptForTokenizer(rendered.prompt, settings.chatTemplate);
    pushAll(warnings, rendered.warnings);
    stop = mergeStops(stop, settings.stopTokens ?? []);
    // When the template has no place for tools, renderChatPrompt has already said so.
    const toolsReported = rendered.warnings.some((warning) => warning.feature === 'tools');
    warnUnusedRequestFeatures(request, warnings, toolsReported ? 'reported' : 'in-prompt');
  } else {
    prompt = plainPrompt(request, warnings);
    warnings.push({
      type: 'compatibility',
      feature: 'chat_template',
      message:
        'No chat template is configured for this completions upstream; the conversation was laid out as plain text ' +
        '(system, then "User:"/"Assistant:" turns, ending with "Assistant:") rather than in the model\'s own format.',
    });
    const withTokens = mergeStops(stop, settings.stopTokens ?? []);
    const room = settings.maxStops === undefined || (withTokens?.length ?? 0) < settings.maxStops;
    stop = room ? mergeStops(withTokens, [plainLayoutStop]) : withTokens;
    warnUnusedRequestFeatures(request, warnings, 'left-out');
  }
  if (stop !== undefined && settings.maxStops !== undefined && stop.length > settings.maxStops) {
    const left = stop.slice(settings.maxStops);
    stop = stop.slice(0, settings.maxStops);
    warnings.push({
      type: 'unsupported',
      feature: 'stop',
      message: `OpenAI Completions takes up to ${settings.maxStops} stop sequences; ${left.map((s) => JSON.stringify(s)).join(', ')} ${left.length === 1 ? 'was' : 'were'} left out.`,
    });
  }

  const body: Record<string, unknown> = {
    model: options.model,
    prompt: rawPrompt !== undefined && vendor?.[promptShapeKey] === 'array' ? [prompt] : prompt,
  };
  // A chat caller that set no limit expects a whole answer, and OpenAI's completions default is
  // 16 tokens; a completions caller that set none gets the upstream's default, as it asked.
  const maxTokens = sampling.maxOutputTokens ?? (rawPrompt === undefined ? options.defaultMaxOutputTokens : undefined);
  if (maxTokens !== undefined) body['max_tokens'] = maxTokens;
  const inRange = settings.openaiRanges === true;
  if (sampling.temperature !== undefined) body['temperature'] = inRange ? fitTemperature(sampling.temperature, openaiTemperatureMax, warnings) : sampling.temperature;
  if (sampling.topP !== undefined) body['top_p'] = sampling.topP;
  if (sampling.topK !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'top_k', message: 'OpenAI Completions has no top_k; it was left out.' });
  }
  if (sampling.candidateCount !== undefined) body['n'] = sampling.candidateCount;
  if (stop !== undefined) body['stop'] = stop.length === 1 && vendor?.[stopShapeKey] === 'string' ? stop[0] : stop;
  if (sampling.presencePenalty !== undefined) body['presence_penalty'] = inRange ? fitPenalty('presence_penalty', sampling.presencePenalty, warnings) : sampling.presencePenalty;
  if (sampling.frequencyPenalty !== undefined) body['frequency_penalty'] = inRange ? fitPenalty('frequency_penalty', sampling.frequencyPenalty, warnings) : sampling.frequencyPenalty;
  if (sampling.seed !== undefined) body['seed'] = sampling.seed;
  if (request.stream) {
    body['stream'] = true;
    const otherOptions = vendor?.['stream_options'];
    if (settings.streamOptions) body['stream_options'] = { ...(isRecord(otherOptions) ? otherOptions : {}), include_usage: true };
  }
  if (request.user !== undefined) body['user'] = request.user;
  // The ask for token log probabilities: `logprobs` is the count of alternatives, 0 for the chosen tokens alone.
  if (request.logprobs !== undefined) {
    body['logprobs'] = fitTopLogprobs(request.logprobs.topLogprobs ?? 0, settings.maxLogprobs ?? Number.MAX_SAFE_INTEGER, 'logprobs', 'OpenAI Completions', warnings);
  }
  mergeVendorFields(body, vendor, ownedFields);
  return { body, warnings };
}

/**
 * The caller's raw prompt, when the request still is exactly what a completions caller sent: one
 * user message of text and nothing else. If something (a plugin, a guardrail) has added to the
 * conversation since, it is laid out like any other conversation.
 */
function rawPromptOf(request: ChatRequest): string | undefined {
  if (!isRawPromptRequest(request) || request.system.length > 0 || request.messages.length !== 1) return undefined;
  const [message] = request.messages;
  if (message?.role !== 'user') return undefined;
  let text = '';
  for (const part of message.content) {
    if (part.type !== 'text') return undefined;
    text += part.text;
  }
  return text;
}

/** The request's stops, then each extra one not already there. */
function mergeStops(stops: readonly string[] | undefined, extra: readonly string[]): string[] | undefined {
  if (extra.length === 0) return stops === undefined ? undefined : [...stops];
  const merged = [...(stops ?? [])];
  for (const stop of extra) if (!merged.includes(stop)) merged.push(stop);
  return merged;
}

/**
 * A completions upstream answers with text only: tools it can at best see in the prompt (when the
 * template prints them), and the rest of these controls it cannot take at all.
 */
function warnUnusedRequestFeatures(request: ChatRequest, warnings: Warning[], tools: 'in-prompt' | 'left-out' | 'reported'): void {
  if (request.tools !== undefined && request.tools.length > 0 && tools !== 'reported') {
    warnings.push(
      tools === 'in-prompt'
        ? {
            type: 'compatibility',
            feature: 'tools',
            message: 'The tools were written into the prompt by the chat template; calls the model makes come back as text.',
          }
        : { type: 'unsupported', feature: 'tools', message: 'A completions upstream takes no tool definitions; the tools were left out.' },
    );
  }
  if (request.toolChoice !== undefined) {
    warnings.push({ type: 'unsupported', feature: `tool_choice.${request.toolChoice.type}`, message: 'OpenAI Completions has no tool_choice; it was left out.' });
  }
  if (request.parallelToolCalls !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'parallel_tool_calls', message: 'OpenAI Completions has no parallel_tool_calls; it was left out.' });
  }
  if (request.responseFormat !== undefined && request.responseFormat.type !== 'text') {
    warnings.push({ type: 'unsupported', feature: 'response_format', message: 'OpenAI Completions has no response_format; JSON output was not enforced.' });
  }
  if (request.reasoning !== undefined && request.reasoning.enabled !== false) {
    warnings.push({ type: 'unsupported', feature: 'reasoning', message: 'OpenAI Completions has no reasoning controls; they were left out.' });
  }
}
