/**
 * Structured output on Bedrock InvokeModel. Bedrock checks Claude's body against its own copy of
 * the Messages schema, and for some of the newest Claude models that copy has no
 * `output_config.format`, which Anthropic's own API takes for them: Bedrock answers 400
 * "output_config.format: Extra inputs are not permitted". So answered to Claude Opus 4.7
 * (https://github.com/vercel/ai/issues/14773; https://github.com/anthropics/claude-code/issues/63620;
 * https://github.com/anomalyco/models.dev/pull/1765, after Bedrock's model card,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-opus-4-7.html),
 * to Opus 4.8 and Sonnet 5 through `AnthropicBedrock`
 * (https://github.com/anthropics/anthropic-sdk-python/issues/1759) and to Opus 5
 * (https://github.com/vercel/ai/pull/17919); the AI SDK's list of the models whose Bedrock schema
 * "rejects `output_config.format` and tool `strict`" adds Fable 5 (vercel/ai
 * packages/amazon-bedrock/src/amazon-bedrock-anthropic-model-support.ts, `MODELS_REJECTING_NEWER_SCHEMA_FIELDS`).
 *
 * The catalog's structured-output facts are Anthropic's (catalog/model-rules.ts) and hold on
 * Anthropic's API, so the platform's difference is fitted here: for these models the schema is
 * asked for in the system prompt, as for a model without structured output
 * (core/json-instruction.ts), with a warning. Strict tools, the other field Bedrock refuses
 * them, the Anthropic codec never sends (request-emit.ts). Their later versions (Opus 5.5,
 * Sonnet 5.5, Fable 5.1) have no such refusal on record and are sent as asked; an id that names
 * no model (an application inference profile) too.
 */
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { withSchemaInPromptOn } from './schema-in-prompt.js';
import { bedrockModelName } from '../../wire/bedrock-model-id.js';

/** By Anthropic's name of the model, without Bedrock's version (`-v1`) or a snapshot's date. */
const refusingModels = /^claude-(?:opus-4-[78]|opus-5|sonnet-5|fable-5)$/;

/** `us.anthropic.claude-opus-4-8-v1:0` → `claude-opus-4-8`; undefined for a model that is not Claude. */
function claudeModel(modelId: string): string | undefined {
  const name = bedrockModelName(modelId);
  return name?.vendor === 'anthropic' ? name.model.replace(/-v\d+$/, '').replace(/-\d{8}$/, '') : undefined;
}

/** Whether Bedrock refuses `output_config.format` for this model id on InvokeModel. */
export function refusesOutputFormatOnBedrock(modelId: string): boolean {
  const model = claudeModel(modelId);
  return model !== undefined && refusingModels.test(model);
}

/** The request as InvokeModel takes it for `modelId`: a JSON Schema in the system prompt where Bedrock refuses the field. */
export function withOutputFormatForBedrock(request: ChatRequest, modelId: string, warnings: Warning[]): ChatRequest {
  return refusesOutputFormatOnBedrock(modelId) ? withSchemaInPromptOn(request, modelId, 'Bedrock InvokeModel', warnings) : request;
}
