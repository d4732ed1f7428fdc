/** A function the model may call. `parameters` is JSON Schema (draft 2020-12 subset, as OpenAI takes it). */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: JsonSchema;
  /** OpenAI `strict` function calling; Anthropic and Gemini have no equivalent. */
  strict?: boolean;
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
