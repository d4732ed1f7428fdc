/**
 * The legacy Completions bodies this dialect writes. Reading goes through the zod schemas in
 * `request-schema.ts` / `response-schema.ts`; these interfaces only describe output, following
 * node_modules/openai/resources/completions.d.ts (`Completion`, `CompletionChoice`, `CompletionUsage`).
 */

export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; [extra: string]: unknown };
  completion_tokens_details?: { reasoning_tokens?: number; [extra: string]: unknown };
  [extra: string]: unknown;
}

export interface WireChoice {
  text: string;
  index: number;
  logprobs: unknown;
  finish_reason: string | null;
  [extra: string]: unknown;
}

/** A whole answer, and (with partial `text`) every stream chunk. */
export interface WireCompletion {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  choices: WireChoice[];
  usage?: WireUsage;
  [extra: string]: unknown;
}

