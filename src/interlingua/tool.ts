import type { CacheBreakpoint } from './cache.js';

/** A function the model may call. `parameters` is JSON Schema (draft 2020-12 subset, as OpenAI takes it). */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: JsonSchema;
  /** OpenAI `strict` function calling: arguments sampled to match the schema exactly. */
  strict?: boolean;
  /** A prompt-cache breakpoint after this tool: the tools up to it are a cacheable prefix (Anthropic). */
  cache?: CacheBreakpoint;
}

export type JsonSchema = Record<string, unknown>;

/**
 * `auto`: the model decides; `none`: no calls; `required`: at least one call (Anthropic `any`,
 * Gemini `ANY`); `tool`: exactly this one.
 */
export type ToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; name: string };
