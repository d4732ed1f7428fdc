/**
 * Structured output on Vertex AI. Vertex serves `output_config.format` for Claude Opus 4.7,
 * Sonnet 4.6 and Opus 4.6 only; for Opus 4.5, Sonnet 4.5 and Haiku 4.5 it is "coming soon"
 * (https://docs.cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/structured_outputs),
 * though Anthropic's own API takes it for them (the catalog's facts, catalog/model-rules.ts), and
 * for Opus 4.1. So for these models the schema is asked for in the system prompt, as for a model
 * without structured output (core/json-instruction.ts), with a warning. The same page says the
 * feature is off until an organization policy (constraints/vertexai.allowedPartnerModelFeatures)
 * allows it: that is the project's setting, which a request cannot tell.
 */
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { withSchemaInPromptOn } from './schema-in-prompt.js';

/** By Anthropic's name of the model, without Vertex's `@version` or a snapshot's date. */
const refusingModels = /^claude-(?:opus-4-1|opus-4-5|sonnet-4-5|haiku-4-5)$/;

/** Whether Vertex refuses `output_config.format` for this model id (`claude-sonnet-4-5@20250929`). */
export function refusesOutputFormatOnVertex(modelId: string): boolean {
  return refusingModels.test(modelId.replace(/@.*$/, '').replace(/-\d{8}$/, ''));
}

/** The request as Vertex takes it for `modelId`: a JSON Schema in the system prompt where Vertex refuses the field. */
export function withOutputFormatForVertex(request: ChatRequest, modelId: string, warnings: Warning[]): ChatRequest {
  return refusesOutputFormatOnVertex(modelId) ? withSchemaInPromptOn(request, modelId, 'Vertex AI', warnings) : request;
}
