/**
 * OpenAI's legacy Completions dialect (`POST /v1/completions`: a prompt in, text out), both as an
 * API the gateway serves and as an upstream it calls. As an upstream it is how a chat request
 * reaches a prompt-only backend (vLLM, llama.cpp, TGI serving `/v1/completions`, or
 * gpt-3.5-turbo-instruct): `createOpenaiCompletionsDialect` takes that model's chat template and
 * stop tokens, so the conversation is written in the format the model was trained on.
 * Reference: https://platform.openai.com/docs/api-reference/completions
 */
import type { Dialect } from '../../interlingua/dialect.js';
import type { ChatTemplate } from '../../templates/chat-template.js';
import { checkChatTemplate } from '../../templates/chat-template.js';
import { emitError, parseError } from './errors.js';
import { emitRequest, maxOpenaiLogprobs, maxOpenaiStops, type OpenaiCompletionsSettings } from './request-emit.js';
import { parseRequest } from './request-parse.js';
import { emitResponse } from './response-emit.js';
import { parseResponse } from './response-parse.js';
import { OpenaiCompletionsStreamDecoder } from './stream-decode.js';
import { OpenaiCompletionsStreamEncoder } from './stream-encode.js';
import { dialectName } from './vendor.js';
import { finishReasonLoss } from './finish-reason.js';

export type { ChatTemplate } from '../../templates/chat-template.js';
export { isRawPromptRequest, rawPromptMarker } from './vendor.js';

export interface OpenaiCompletionsOptions {
  /**
   * The upstream model's chat template (its tokenizer_config.json `chat_template`, with its
   * `bos_token` / `eos_token`), used to write a conversation into the prompt. Without one, a plain
   * "User:/Assistant:" layout is used and a `compatibility` warning says so.
   */
  chatTemplate?: ChatTemplate;
  /** Tokens that end the model's turn (Qwen `<|im_end|>`, `<|endoftext|>`; Llama 3 `<|eot_id|>`), merged into `stop`. */
  stopTokens?: readonly string[];
  /** Ask for usage in streams (`stream_options.include_usage`); default true. */
  streamOptions?: boolean;
  /**
   * Whose server this is: `openai` (api.openai.com, at most 4 stop sequences) or `self-hosted`
   * (vLLM, llama.cpp, TGI: any number). Default: `self-hosted` when a chat template or stop tokens
   * are given, since only a self-hosted model needs its own template; otherwise `openai`.
   */
  upstream?: CompletionsUpstream;
}

export type CompletionsUpstream = 'openai' | 'self-hosted';

/** OpenAI's own completions host; any other base URL is a self-hosted server. */
export function completionsUpstreamOf(baseUrl: string): CompletionsUpstream {
  try {
    return new URL(baseUrl).hostname === 'api.openai.com' ? 'openai' : 'self-hosted';
  } catch {
    return 'self-hosted';
  }
}

/**
 * The dialect for one completions upstream. A configured template is parsed here, so a broken
 * template fails when the gateway starts, not on the first request.
 */
export function createOpenaiCompletionsDialect(options: OpenaiCompletionsOptions = {}): Dialect {
  const settings: OpenaiCompletionsSettings = { streamOptions: options.streamOptions ?? true };
  if (options.chatTemplate !== undefined) {
    checkChatTemplate(options.chatTemplate);
    settings.chatTemplate = options.chatTemplate;
  }
  if (options.stopTokens !== undefined) settings.stopTokens = [...options.stopTokens];
  const upstream = options.upstream ?? (options.chatTemplate !== undefined || options.stopTokens !== undefined ? 'self-hosted' : 'openai');
  if (upstream === 'openai') {
    settings.maxStops = maxOpenaiStops;
    settings.maxLogprobs = maxOpenaiLogprobs;
    settings.openaiRanges = true;
  }
  return {
    name: dialectName,
    streamFraming: 'sse',
    // A prompt takes no images at all: there is nothing to inline (images are reported as left out).
    capabilities: { imageUrls: true },
    parseRequest,
    emitRequest: (request, emitOptions) => emitRequest(request, emitOptions, settings),
    parseResponse,
    emitResponse,
    finishReasonLoss,
    createStreamDecoder: () => new OpenaiCompletionsStreamDecoder(),
    createStreamEncoder: (context) => new OpenaiCompletionsStreamEncoder(context),
    parseError,
    emitError,
  };
}

/** The dialect as api.openai.com speaks it, and as completions callers are served. */
export const openaiCompletionsDialect: Dialect = createOpenaiCompletionsDialect();
