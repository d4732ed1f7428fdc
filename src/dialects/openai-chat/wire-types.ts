/**
 * The OpenAI Chat Completions bodies this dialect writes. Reading goes through the zod schemas
 * in `request-schema.ts` / `response-schema.ts`; these interfaces only describe output.
 * Reference: https://platform.openai.com/docs/api-reference/chat
 */
import type { WireReasoningDetail } from './reasoning-details.js';

import type { WireFilePart } from './file-part.js';
import type { WireAudioPart } from './audio-part.js';
import type { WireUrlCitationAnnotation } from './url-citations.js';

export interface WireTextPart {
  type: 'text';
  text: string;
  [extra: string]: unknown;
}

export interface WireRefusalPart {
  type: 'refusal';
  refusal: string;
  [extra: string]: unknown;
}

export interface WireImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
  [extra: string]: unknown;
}

export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
  [extra: string]: unknown;
}

export type WireMessage =
  | { role: 'system' | 'developer'; content: string | WireTextPart[]; [extra: string]: unknown }
  | { role: 'user'; content: string | Array<WireTextPart | WireImagePart | WireFilePart | WireAudioPart>; [extra: string]: unknown }
  | {
      role: 'assistant';
      content: string | Array<WireTextPart | WireRefusalPart> | null;
      tool_calls?: WireToolCall[];
      reasoning_content?: string;
      [extra: string]: unknown;
    }
  | { role: 'tool'; tool_call_id: string; content: string | WireTextPart[]; [extra: string]: unknown };

export interface WireFunctionTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown>; strict?: boolean };
}

export type WireToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

export type WireResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: { name: string; schema?: Record<string, unknown>; strict?: boolean; description?: string };
    };

export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; [extra: string]: unknown };
  completion_tokens_details: { reasoning_tokens: number; [extra: string]: unknown };
  [extra: string]: unknown;
}

export interface WireChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: {
      role: 'assistant';
      content: string | null;
      refusal: string | null;
      tool_calls?: WireToolCall[];
      reasoning_content?: string;
      [extra: string]: unknown;
    };
    logprobs: unknown;
    finish_reason: string;
  }>;
  usage: WireUsage;
  [extra: string]: unknown;
}

export interface WireChunkDelta {
  role?: 'assistant';
  content?: string;
  /** `ChatCompletionChunk.Choice.Delta.refusal` (node_modules/openai/resources/chat/completions/completions.d.ts). */
  refusal?: string;
  reasoning_content?: string;
  /** OpenRouter's field for reasoning state (reasoning-details.ts). */
  reasoning_details?: WireReasoningDetail[];
  /** URL citations of the text so far (url-citations.ts). */
  annotations?: WireUrlCitationAnnotation[];
  tool_calls?: Array<{
    index: number;
    id?: string;
    type?: 'function';
    function: { name?: string; arguments: string };
  }>;
}

export interface WireChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{ index: number; delta: WireChunkDelta; logprobs: null; finish_reason: string | null }>;
  usage?: WireUsage;
}

