import type { Message } from './message.js';
import type { TextPart } from './content.js';
import type { ToolChoice, ToolDefinition, JsonSchema } from './tool.js';
import type { VendorData } from './vendor.js';
import type { PromptCacheRetention } from './cache.js';

/** Sampling and length controls. Unset means "the target's default". */
export interface Sampling {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  /** How many alternative completions; only OpenAI (`n`) and Gemini (`candidateCount`) have it. */
  candidateCount?: number;
}

/** Structured output: free text, any JSON object, or JSON matching a schema. */
export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json'; schema?: JsonSchema; name?: string; description?: string; strict?: boolean };

/**
 * Reasoning controls. `effort` is OpenAI's scale; `budgetTokens` is Anthropic's and Gemini's.
 * Emitters map one onto the other when only one is given.
 */
export interface ReasoningSettings {
  enabled?: boolean;
  effort?: 'minimal' | 'low' | 'medium' | 'high';
  budgetTokens?: number;
  /** Whether the caller wants the reasoning text back (Gemini `includeThoughts`). */
  includeThoughts?: boolean;
}

/**
 * The caller's ask for the log probabilities of the answer's tokens (OpenAI Chat `logprobs: true`,
 * Responses' `message.output_text.logprobs` includable, Gemini `responseLogprobs`, Ollama
 * `logprobs`, Completions `logprobs: N`). Present means the caller wants each chosen token's
 * log probability; a request that asks for none has no `logprobs` at all.
 */
export interface TokenLogprobsAsk {
  /** How many likeliest alternatives to return at each position, beside the chosen token. */
  topLogprobs?: number;
}

/** A chat request, as the caller meant it, independent of any wire format. */
export interface ChatRequest {
  /** The model name as the caller wrote it; the router maps it to an upstream model. */
  model: string;
  /** System instructions that come before the conversation. */
  system: TextPart[];
  messages: Message[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  /** False when the caller forbids parallel tool calls (OpenAI `parallel_tool_calls`, Anthropic `disable_parallel_tool_use`). */
  parallelToolCalls?: boolean;
  sampling: Sampling;
  responseFormat?: ResponseFormat;
  reasoning?: ReasoningSettings;
  stream: boolean;
  /** Whether a streaming caller asked for usage (OpenAI `stream_options.include_usage`). */
  streamUsage?: boolean;
  /** An end-user id for abuse monitoring (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
  /**
   * A key that groups requests sharing a long prefix, so the upstream routes them to the same
   * prompt cache (OpenAI Chat and Responses `prompt_cache_key`). Breakpoints live on the parts.
   */
  promptCacheKey?: string;
  /** How long the upstream may keep the cached prefixes (OpenAI Chat and Responses `prompt_cache_retention`). */
  promptCacheRetention?: PromptCacheRetention;
  /** Token log probabilities asked for with the answer; targets without them report the ask as left out. */
  logprobs?: TokenLogprobsAsk;
  vendor?: VendorData;
}
