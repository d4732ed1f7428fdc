import type { ReasoningEffort } from '../core/reasoning-budget.js';
import type { EffortBeyondScale, EmitRequestOptions } from '../interlingua/dialect.js';
import type { ModelPrice } from '../usage/prices.js';

/**
 * What one upstream model accepts and costs, as the gateway needs it to fit a request to the
 * model before a dialect writes it: limits, how reasoning is controlled, which sampling controls
 * it refuses, what it can take, and its price. Every field may be unknown (absent): an unknown
 * fact changes nothing about the request.
 */
export interface ModelFacts {
  /** The id the facts were found under (the catalog's, or the configured entry's). */
  id: string;
  /** Input and output together, in tokens. */
  contextTokens?: number;
  /** The most output tokens one answer may have; a larger request is clamped to it. */
  maxOutputTokens?: number;
  reasoning?: ReasoningControl;
  /** Sampling controls the model refuses outright: left out, with a warning. */
  refusedSampling?: readonly SamplingControl[];
  /**
   * Sampling controls the model refuses at any value but 0, which it takes as the no-op it is
   * (Gemini 2.5 and 3 penalties): another value is left out, with a warning; 0 goes as it is.
   */
  refusedUnlessZero?: readonly SamplingControl[];
  /**
   * Sampling controls the model takes only with reasoning off and refuses while it reasons (OpenAI's
   * gpt-5.1, 5.2 and 5.4: `temperature` and `top_p` at effort `none` only): left out, with a warning,
   * unless the request turns reasoning off, or says nothing of it to a model that does not reason by
   * default (`reasoningOffByDefault`). fit-reasoning-off-sampling.ts applies it.
   */
  reasoningOffOnlySampling?: readonly SamplingControl[];
  /**
   * The model does not reason unless asked (gpt-5.1, 5.2 and 5.4 default to effort `none`): a request
   * without reasoning settings has reasoning off, for what the model takes only then.
   */
  reasoningOffByDefault?: boolean;
  /**
   * The most alternative answers one request may ask of the model (OpenAI `n`, Gemini
   * `candidateCount`); more are lowered to it, with a warning.
   */
  maxCandidates?: number;
  /** The largest top-k the model takes (Gemini `topK`); a larger one is lowered to it, with a warning. */
  maxTopK?: number;
  /** The model takes `temperature` or `topP` but refuses both together: `topP` is left out. */
  temperatureOrTopP?: boolean;
  /** Whether it calls tools. */
  tools?: boolean;
  /**
   * false: the model refuses the caller's say over parallel tool calls (OpenAI `parallel_tool_calls`,
   * Anthropic `disable_parallel_tool_use`); it is left out, with a warning.
   */
  parallelToolCalls?: boolean;
  /**
   * Whether it can be held to a JSON Schema (Anthropic `output_config.format`); when it cannot, the
   * schema goes to it as an instruction instead (fit-request.ts).
   */
  structuredOutput?: boolean;
  /**
   * false: the model refuses a tool choice that forces a call (`required`, or one named tool); it
   * goes as `auto`, with a warning.
   */
  forcedToolChoice?: boolean;
  /**
   * The model refuses a tool choice that forces a call while it reasons (DeepSeek's thinking mode,
   * DashScope's, Kimi K2.5 and K2.6): `when-asked`, when the request asks it to reason (it does not
   * by default); `unless-off`, unless the request turns reasoning off (it reasons by default). Such a
   * request goes with reasoning off, the forced call being the caller's contract for the answer's
   * shape (fit-forced-tool-reasoning.ts); where reasoning cannot be turned off, the choice goes as `auto`.
   */
  forcedToolChoiceRefusedWhileReasoning?: 'when-asked' | 'unless-off';
  /**
   * Which forced choices that refusal covers: unset, both `required` and a named tool; `named`, a
   * named tool only (Kimi K3 takes `required` while it thinks, model-rules-compatible.ts).
   */
  forcedToolChoiceRefusedOnly?: 'named';
  /**
   * OpenAI Chat Completions refuses function tools while this model reasons ("Function tools with
   * reasoning_effort are not supported for gpt-5.4 in /v1/chat/completions"): `when-asked`, when the
   * request asks it to reason (it does not by default); `unless-off`, unless the request turns
   * reasoning off (it reasons by default). Such a request goes to the provider's Responses
   * endpoint, which takes both (responses-bridge.ts).
   */
  chatRefusesToolsWhileReasoning?: 'when-asked' | 'unless-off';
  /**
   * false: OpenAI serves the model by the Responses API only, and Chat Completions answers 404 "This
   * model is only supported in v1/responses and not in v1/chat/completions." (o3-pro, gpt-5-codex);
   * every request for it goes to the provider's Responses endpoint (responses-bridge.ts).
   */
  chatCompletions?: boolean;
  /**
   * The model replays a thinking block only if nothing before it changed (Anthropic's preserved
   * thinking: the system prompt, the tools and every earlier message), and refuses the request
   * otherwise unless asked to drop such blocks.
   */
  preservedThinking?: boolean;
  /**
   * The effort words beyond low–high that Claude's `output_config.effort` takes on this model, when
   * not all of them (Opus 4.5 none, Opus 4.6 `max` only). Apart from `reasoning`, since the field is
   * there whether thinking is sized by a budget or adaptively, and rules lay `reasoning` over whole.
   * A caller's own word the model lacks goes as the nearest lower one it takes (fit-effort-words.ts).
   */
  outputEffortBeyondScale?: readonly EffortBeyondScale[];
  /**
   * false: the model refuses a conversation that ends on an assistant turn (a prefill, which older
   * Claude models continue from); a user turn asking it to continue is added after that turn.
   */
  assistantPrefill?: boolean;
  /**
   * Whether it reads images. false: images, and files that carry them (image files, PDFs), are
   * replaced by a short note saying so, with a warning (fit-images.ts).
   */
  vision?: boolean;
  /**
   * The longest end-user id (`user`) its API takes; a longer one goes as its SHA-256 digest, the
   * same for every request with that id (fit-user.ts).
   */
  maxUserLength?: number;
  /** Whether it has a prompt cache (a cached-input price). */
  promptCaching?: boolean;
  /**
   * Where the model takes prompt-cache breakpoints, when fewer places than its API offers (Amazon
   * Nova on Bedrock: system and messages, not tools); a breakpoint elsewhere is left out with a warning.
   */
  promptCacheFields?: readonly PromptCacheField[];
  price?: ModelPrice;
  /**
   * Whether the model refuses to be asked for log probabilities (OpenAI's `logprobs` /
   * `top_logprobs` on Chat Completions, `top_logprobs` and the `message.output_text.logprobs`
   * includable on Responses; the interlingua's `ChatRequest.logprobs`): `refused`, never taken;
   * `reasoning-off-only`, taken only with reasoning off (effort `none`). fit-logprobs.ts applies it.
   */
  logprobs?: 'refused' | 'reasoning-off-only';
  /**
   * false: the model refuses a token bias (OpenAI Chat Completions' `logit_bias`, carried in that
   * dialect's vendor data); it is left out, with a warning (fit-logit-bias.ts).
   */
  logitBias?: boolean;
}

/**
 * How a model's reasoning is controlled: it does not reason (reasoning settings are left out),
 * by an effort word (OpenAI `reasoning_effort`, Gemini 3 `thinkingLevel`), by a token budget
 * within a range (Anthropic `budget_tokens`, Gemini 2.5 `thinkingBudget`), or it reasons and
 * the catalog does not say how (`reasons`).
 */
export type ReasoningControl =
  | { type: 'none' }
  | {
      type: 'effort';
      /** The effort words it takes, when not every one (o3 and gpt-5.1 refuse `minimal`); another is sent as the nearest. */
      efforts?: readonly ReasoningEffort[];
      /**
       * The words beyond low–high it takes, when known (xAI's Grok 4.6 takes `xhigh`, Grok 4.5 none of
       * them): a caller's own other such word is sent as its meaning on the scale (`xhigh` as `high`).
       */
      beyondScale?: readonly EffortBeyondScale[];
      /**
       * How it is asked not to reason: by leaving the reasoning field out (the default: it then does
       * not reason), by an explicit setting where it reasons unless told not to (`disabled`; Claude
       * Sonnet 5.5's `between-tools`), or not at all (`never`: it always reasons, and the wish is reported).
       */
      turnOff?: ReasoningOff | 'never';
    }
  | {
      type: 'budget';
      minTokens?: number;
      maxTokens?: number;
      canTurnOff?: boolean;
      /** The output limit counts thinking and answer together (Anthropic's `max_tokens`), so the budget must leave room within it. */
      thinkingInOutput?: boolean;
    }
  | { type: 'reasons' }
  /** It reasons by itself and takes no setting for it (xAI's Grok 4): any reasoning setting is left out. */
  | { type: 'automatic' }
  /**
   * It takes its effort field only as an on-off switch, in words of its own (Groq's Qwen 3: `default`
   * and `none`): reasoning on at any effort or budget is `on`, with a warning when a level was asked; off is `off`.
   */
  | { type: 'switch'; on: string; off: string };

/** The setting that turns a model's reasoning off, as emit options carry it (interlingua/dialect.ts). */
export type ReasoningOff = NonNullable<EmitRequestOptions['reasoningOff']> | 'leave-out';

/** The parts of a request a prompt-cache breakpoint can close: the tool list, the system prompt, the messages. */
export const promptCacheFields = ['tools', 'system', 'messages'] as const;
export type PromptCacheField = (typeof promptCacheFields)[number];

/** The interlingua's sampling controls a model may refuse (fields of `Sampling`). */
export const samplingControls = ['temperature', 'topP', 'topK', 'presencePenalty', 'frequencyPenalty', 'seed', 'stopSequences'] as const;
export type SamplingControl = (typeof samplingControls)[number];
