/**
 * Claude's token counting on Vertex AI, `…/publishers/anthropic/models/count-tokens:rawPredict`: the
 * count_tokens body of Anthropic's API with the model in it, unlike rawPredict's ("To count tokens,
 * send a rawPredict request to the count-tokens endpoint. The request body must contain the model
 * ID", sample body `{"model": "MODEL", "messages": […]}`:
 * https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/count-tokens;
 * @anthropic-ai/vertex-sdk keeps `model` in the body on this path, client.js). No `anthropic_version`:
 * the documented body has none.
 *
 * The model is the Vertex id, a date tag kept (`claude-sonnet-4-5@20250929`), but not the `@default`
 * some newer models are named by for rawPredict: the counter refuses it, "claude-sonnet-4-6@default is
 * not supported for token counting", and serves the bare name (github.com/BerriAI/litellm/issues/25798;
 * github.com/anthropics/claude-code/issues/24530, where a date-tagged model is served).
 *
 * Thinking Claude signed on Vertex is this platform's own here as it is in chat (vertex-platform.ts),
 * so a count sees the history rawPredict would be sent, signed blocks included; without the renaming
 * the Anthropic codec would leave them out as foreign.
 */
import type { CountTokensCodec } from '../../interlingua/count-tokens.js';
import { anthropicCountTokens } from './count-tokens.js';
import { platformOrigins } from './platform-origins.js';
import { vertexAnthropicDialectName } from './vertex-platform.js';

const origins = platformOrigins(vertexAnthropicDialectName);

export const vertexAnthropicCountTokens: CountTokensCodec = {
  ...anthropicCountTokens,
  emitRequest: (request, options) => anthropicCountTokens.emitRequest(origins.requestForCodec(request), { ...options, model: options.model.replace(/@default$/, '') }),
};
