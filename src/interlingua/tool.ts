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
 * Gemini `ANY`); `tool`: exactly this one. `auto` and `required` may limit the calls to some of
 * the declared tools (`allowed`).
 */
export type ToolChoice =
  | ({ type: 'auto' } & AllowedTools)
  | { type: 'none' }
  | ({ type: 'required' } & AllowedTools)
  | { type: 'tool'; name: string };

export interface AllowedTools {
  /**
   * The names of the declared tools the model may call (OpenAI `allowed_tools`, Gemini
   * `allowedFunctionNames`); absent means every declared tool. The whole tool list stays declared,
   * so a prompt-cache prefix over the tools survives from turn to turn while this turn's calls are
   * limited; an upstream without such a list gets only these tools (or a forced call of the one).
   */
  allowed?: string[];
}
