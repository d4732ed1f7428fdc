import { isRecord, pathOf, type JudgedRequest, type VendorJudge, type VendorRule } from './rule.js';
import { anthropicJudge } from './anthropic.js';
import { geminiJudge } from './gemini.js';
import { snakeCase } from './gemini/wire.js';
import { authorizationRule } from './vertex.js';
import { geminiApiFieldRuleIds, vertexFieldRules, vertexToolRule } from './vertex-gemini-fields.js';

/**
 * Vertex AI's token counters. Gemini: `/{v1|v1beta1}/projects/{p}/locations/{l}/publishers/google/models/{model}:countTokens`,
 * whose CountTokensRequest holds `model`, `instances`, `contents`, `systemInstruction`, `tools` and
 * `generationConfig` (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/projects.locations.publishers.models/countTokens).
 * Claude: one fixed model name, `…/publishers/anthropic/models/count-tokens:rawPredict`, taking
 * Anthropic's count_tokens body with the model in it ("The request body must contain the model ID":
 * https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/count-tokens). Both
 * take Vertex's OAuth token (vertex.ts). Errors: Google's body for Google's front end, Anthropic's
 * for Claude's own refusals, as on rawPredict.
 */
const countPath = /^\/(?:v1|v1beta1)\/projects\/[^/]+\/locations\/[^/]+\/publishers\/(?:google\/models\/([^/:]+):countTokens|anthropic\/models\/count-tokens:rawPredict)$/;

type Counter = { publisher: 'google'; model: string } | { publisher: 'anthropic' };

function counterOf(request: JudgedRequest): Counter | undefined {
  const match = countPath.exec(pathOf(request));
  if (match === null) return undefined;
  return match[1] === undefined ? { publisher: 'anthropic' } : { publisher: 'google', model: match[1] };
}

/** The CountTokensRequest fields of the page above, in their JSON and proto spellings. */
const geminiCountFields = ['model', 'instances', 'contents', 'systemInstruction', 'tools', 'generationConfig'].flatMap((name) => [name, snakeCase(name)]);

const geminiFieldsRule: VendorRule = {
  id: 'vertex.count-tokens.gemini.unknown-field',
  // Proto JSON refuses a name the message does not have (the Gemini API's `generateContentRequest` wrapper,
  // for one), in the words of gemini/request-fields.ts (github.com/nashsu/llm_wiki/issues/49).
  source: 'cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/projects.locations.publishers.models/countTokens (the request fields); wording: github.com/nashsu/llm_wiki/issues/49',
  check: (request) => {
    if (counterOf(request)?.publisher !== 'google' || !isRecord(request.body)) return undefined;
    const unknown = Object.keys(request.body).find((name) => !geminiCountFields.includes(name));
    return unknown === undefined ? undefined : `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`;
  },
};

/** Gemini's rules on the contents, tools and settings, read as the generateContent body the same fields make. */
const geminiContentRules: VendorRule[] = [
  ...geminiJudge.rules.filter((rule) => rule.id !== 'gemini.api-key.required' && !geminiApiFieldRuleIds.has(rule.id)),
  // The generation config's and tools' names are Vertex's (vertex-gemini-fields.ts).
  ...vertexFieldRules.filter((rule) => rule.id === 'vertex.gemini.generation-config.unknown-field'),
  vertexToolRule,
].map((rule) => ({
    ...rule,
    check: (request: JudgedRequest) => {
      const counter = counterOf(request);
      if (counter?.publisher !== 'google' || !isRecord(request.body)) return undefined;
      const { model: _model, instances: _instances, ...generateBody } = request.body;
      return rule.check({ ...request, url: `/v1beta/models/${counter.model}:generateContent`, body: generateBody });
    },
  }));

const claudeModelRule: VendorRule = {
  id: 'vertex.count-tokens.claude.model-in-body',
  // "The request body must contain the model ID" (the Claude page above). Vertex's wording of the refusal is
  // not recorded, so the message says the rule.
  source: 'cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/count-tokens ("The request body must contain the model ID")',
  check: (request) => {
    if (counterOf(request)?.publisher !== 'anthropic' || !isRecord(request.body)) return undefined;
    const model = request.body['model'];
    return typeof model === 'string' && model !== '' ? undefined : 'model: the model ID to count tokens against is required in the request body';
  },
};

const claudeDefaultVersionRule: VendorRule = {
  id: 'vertex.count-tokens.claude.default-version',
  // The `@default` version Vertex names some Claude models by for rawPredict is refused by the counter, in
  // Anthropic's error body: "claude-sonnet-4-6@default is not supported for token counting", while the
  // bare name is served (github.com/BerriAI/litellm/issues/25798; a model with a date tag is served and
  // `claude-opus-4-6@default` is not: github.com/anthropics/claude-code/issues/24530).
  source: 'github.com/BerriAI/litellm/issues/25798; github.com/anthropics/claude-code/issues/24530',
  check: (request) => {
    if (counterOf(request)?.publisher !== 'anthropic' || !isRecord(request.body)) return undefined;
    const model = request.body['model'];
    return typeof model === 'string' && model.endsWith('@default') ? `${model} is not supported for token counting` : undefined;
  },
};

/** Anthropic's count_tokens rules, on the body as Anthropic's own counter reads it (no `anthropic-version` header on Vertex). */
const claudeRules: VendorRule[] = anthropicJudge.rules
  .filter((rule) => rule.id !== 'anthropic.version.header')
  .map((rule) => ({
    ...rule,
    check: (request: JudgedRequest) => (counterOf(request)?.publisher === 'anthropic' ? rule.check({ ...request, url: '/v1/messages/count_tokens' }) : undefined),
  }));

const anthropicRuleIds = new Set([claudeModelRule.id, claudeDefaultVersionRule.id, ...claudeRules.map((rule) => rule.id)]);
const googleStatusByCode: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND' };

export const vertexCountTokensJudge: VendorJudge = {
  name: 'vertex-count-tokens',
  judges: (request) => request.method === 'POST' && counterOf(request) !== undefined,
  rules: [authorizationRule, geminiFieldsRule, ...geminiContentRules, claudeModelRule, claudeDefaultVersionRule, ...claudeRules],
  errorBody: (status, message, rule, request) =>
    anthropicRuleIds.has(rule.id) ? anthropicJudge.errorBody(status, message, rule, request) : { error: { code: status, message, status: googleStatusByCode[status] ?? 'INVALID_ARGUMENT' } },
};
