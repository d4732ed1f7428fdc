import { isRecord, pathOf, type JudgedRequest, type VendorJudge, type VendorRule } from './rule.js';
import { anthropicJudge } from './anthropic.js';
import { geminiJudge } from './gemini.js';
import { geminiApiCacheNameRule, vertexCacheNameRule } from './gemini/cached-content.js';
import { geminiModelRules } from './models/gemini-models.js';
import { anthropicModelRules } from './models/anthropic-models.js';
import { requestLevelCacheRefused } from './anthropic/cache-rules.js';
import { betasEnabledOn, blockBindingSource, blockBindingWithoutBeta, enabledBetasSource, headerBetas } from './anthropic/beta-rules.js';
import { deferredToolWithoutBeta, toolSearchSource } from './anthropic/tool-search-rules.js';
import { cloudEffortSource, effortOnModelWithout } from './anthropic/effort-rules.js';
import { geminiApiFieldRuleIds, vertexFieldRules, vertexToolRule } from './vertex-gemini-fields.js';
import { fileSourceRefusal, filesApiSource, sourcePaths } from './anthropic/source-paths.js';
import { contentsOf, declarationsOf, field, functionResponsesOf, generateRequestOf, generationConfigOf, recordsOf } from './gemini/wire.js';

/**
 * Google Vertex AI: Gemini at
 * `/v1/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent` or
 * `:streamGenerateContent` (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest-rpc,
 * "projects.locations.publishers.models.generateContent"; the SDKs also use `v1beta1`), and Claude at
 * `…/publishers/anthropic/models/{model}:rawPredict` or `:streamRawPredict`
 * (https://docs.anthropic.com/en/api/claude-on-vertex-ai). Google's front end answers with Google's
 * error body, `{"error":{"code","message","status"}}`; Claude's own refusals are Anthropic's.
 */
const vertexPath = /^\/(v1|v1beta1)\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/(google|anthropic)\/models\/([^/:]+):(generateContent|streamGenerateContent|rawPredict|streamRawPredict)$/;

function route(request: JudgedRequest): { publisher: string; method: string; model: string } | undefined {
  const match = vertexPath.exec(pathOf(request));
  return match === null ? undefined : { publisher: match[4]!, method: match[6]!, model: decodeURIComponent(match[5]!) };
}

function header(request: JudgedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Rules whose refusals Google's front end words, in Google's error body. */
interface VertexRule extends VendorRule {
  googleStatus?: string;
}

export const authorizationRule: VertexRule = {
  id: 'vertex.authorization.oauth',
  // Vertex takes OAuth access tokens only; a key, or nothing, gets 401 UNAUTHENTICATED: "API keys are not
  // supported by this API. Expected OAuth2 access token or other authentication credentials that assert a
  // principal. See https://cloud.google.com/docs/authentication" (github.com/QwenLM/qwen-code/issues/9016,
  // the body quoted whole); without credentials: "Request had invalid authentication credentials. Expected
  // OAuth 2 access token, login cookie or other valid authentication credential. …"
  // (github.com/googleapis/java-aiplatform/issues/1056).
  source: 'github.com/QwenLM/qwen-code/issues/9016; github.com/googleapis/java-aiplatform/issues/1056',
  status: 401,
  googleStatus: 'UNAUTHENTICATED',
  check: (request) => {
    if (/^Bearer \S+$/.test(header(request, 'authorization') ?? '')) return undefined;
    if (header(request, 'x-goog-api-key') !== undefined) {
      return 'API keys are not supported by this API. Expected OAuth2 access token or other authentication credentials that assert a principal. See https://cloud.google.com/docs/authentication';
    }
    return 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
  },
};

const methodRule: VertexRule = {
  id: 'vertex.publisher.method',
  // Gemini is served by generateContent / streamGenerateContent, Claude by rawPredict / streamRawPredict
  // (the two pages above); the judge refuses the other pairings with a 404 NOT_FOUND in its own words
  // (Vertex's wording for them is not recorded).
  source: 'cloud.google.com/vertex-ai/generative-ai/docs/reference/rest-rpc; docs.anthropic.com/en/api/claude-on-vertex-ai',
  status: 404,
  googleStatus: 'NOT_FOUND',
  check: (request) => {
    const found = route(request)!;
    const gemini = found.method === 'generateContent' || found.method === 'streamGenerateContent';
    return gemini === (found.publisher === 'google') ? undefined : `Method ${found.method} is not served for publisher ${found.publisher}.`;
  },
};

const anthropicVersionRule: VertexRule = {
  id: 'vertex.anthropic.version-in-body',
  // "In Vertex, model is not passed in the request body. Instead, it is specified in the Google Cloud endpoint
  // URL." "In Vertex, anthropic_version is passed in the request body (rather than as a header), and must be set
  // to the value vertex-2023-10-16." (docs.anthropic.com/en/api/claude-on-vertex-ai). @anthropic-ai/vertex-sdk
  // sends the same value (client.js: `parsedBody['anthropic_version'] = version` with DEFAULT_VERSION).
  source: 'docs.anthropic.com/en/api/claude-on-vertex-ai (anthropic_version: vertex-2023-10-16; model in the URL)',
  check: (request) => {
    if (route(request)?.publisher !== 'anthropic' || !isRecord(request.body)) return undefined;
    // The rule is the documentation's; Vertex's own wording of these refusals is not recorded, so the
    // message says the rule.
    if (request.body['anthropic_version'] !== 'vertex-2023-10-16') return 'anthropic_version: must be vertex-2023-10-16 in the request body on Vertex AI';
    return request.body['model'] === undefined ? undefined : 'model: not passed in the request body on Vertex AI; it is specified in the endpoint URL';
  },
};

const betaHeaderRule: VertexRule = {
  id: 'vertex.anthropic.beta-header',
  // Vertex takes Claude's betas in the `anthropic-beta` header and refuses any it has not enabled, in Anthropic's error
  // body: "Unexpected value(s) `web-search-2025-03-05` for the `anthropic-beta` header. Please consult our
  // documentation at docs.anthropic.com or try again without the header." (github.com/anthropics/claude-code/issues/12429;
  // two at once are listed as "`a`, `b`": github.com/anthropics/claude-code/issues/34802).
  source: `github.com/anthropics/claude-code/issues/12429; ${enabledBetasSource}`,
  check: (request) => {
    if (route(request)?.publisher !== 'anthropic') return undefined;
    const refused = headerBetas(request).filter((beta) => !betasEnabledOn.vertex.has(beta));
    if (refused.length === 0) return undefined;
    return `Unexpected value(s) ${refused.map((beta) => `\`${beta}\``).join(', ')} for the \`anthropic-beta\` header. Please consult our documentation at docs.anthropic.com or try again without the header.`;
  },
};

const blockBindingRule: VertexRule = {
  id: 'vertex.anthropic.block-binding-beta',
  // The block binding's beta, in the header as on Anthropic's API; enabled on Vertex (beta-rules.ts).
  source: blockBindingSource,
  check: (request) => (route(request)?.publisher === 'anthropic' ? blockBindingWithoutBeta(request, headerBetas(request)) : undefined),
};

const toolSearchRule: VertexRule = {
  id: 'vertex.anthropic.tool-search-beta',
  // Deferred tools need Vertex's own tool search beta in the header (tool-search-rules.ts).
  source: toolSearchSource,
  check: (request) => (route(request)?.publisher === 'anthropic' ? deferredToolWithoutBeta(request, headerBetas(request)) : undefined),
};

const effortRule: VertexRule = {
  id: 'vertex.anthropic.effort-models',
  // `output_config.effort` is generally available on Google Cloud for the models that have it, and an extra input for
  // the others (effort-rules.ts). The model is Vertex's id without its `@version` or a snapshot's date.
  source: cloudEffortSource,
  check: (request) => {
    const at = route(request);
    return at?.publisher === 'anthropic' ? effortOnModelWithout(request, at.model.replace(/@.*$/, '').replace(/-\d{8}$/, '')) : undefined;
  },
};

const structuredOutputRule: VertexRule = {
  id: 'vertex.anthropic.structured-output-models',
  // Vertex serves structured output (`output_config.format`) for Claude Opus 4.7, Sonnet 4.6 and Opus 4.6; for Opus 4.5,
  // Sonnet 4.5 and Haiku 4.5 it is "(Coming soon)", and earlier models are not listed
  // (docs.cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/structured_outputs). Vertex's wording of the
  // refusal is not recorded, so the message says the rule.
  source: 'docs.cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/structured_outputs',
  check: (request) => {
    const at = route(request);
    if (at?.publisher !== 'anthropic' || !isRecord(request.body) || !isRecord(request.body['output_config']) || request.body['output_config']['format'] === undefined) return undefined;
    const model = at.model.replace(/@.*$/, '');
    // Models after the page's are not judged: what Vertex serves them is not on record.
    if (/^claude-(?:opus-4-7|sonnet-4-6|opus-4-6)(?:$|-)/.test(model) || !/^claude-(?:opus-4|sonnet-4|haiku-4-5|3)/.test(model)) return undefined;
    return `output_config.format: structured outputs are not supported on Vertex AI for ${model}`;
  },
};

const urlSourceRule: VertexRule = {
  id: 'vertex.anthropic.no-url-sources',
  // Claude on Vertex takes images and PDFs as base64 only. An image URL: 400 invalid_request_error
  // "messages.0.content.1.image.source.base64.data: URL sources are not supported" (github.com/BerriAI/litellm/issues/18430,
  // the body quoted whole; github.com/langchain-ai/langchain-google/issues/1088); a document URL in the same words, its
  // path naming `image` though the block is a document (github.com/anthropics/anthropic-sdk-typescript/issues/1038).
  // A URL inside a tool result is worded alike (not recorded).
  source: 'github.com/BerriAI/litellm/issues/18430; github.com/langchain-ai/langchain-google/issues/1088; github.com/anthropics/anthropic-sdk-typescript/issues/1038',
  check: (request) => {
    if (route(request)?.publisher !== 'anthropic') return undefined;
    const path = sourcePaths(request.body, 'url')[0];
    return path === undefined ? undefined : `${path}.image.source.base64.data: URL sources are not supported`;
  },
};

const fileSourceRule: VertexRule = {
  id: 'vertex.anthropic.no-file-sources',
  source: filesApiSource,
  check: (request) => (route(request)?.publisher === 'anthropic' ? fileSourceRefusal(request.body, 'Vertex AI') : undefined),
};

// --- Claude on Vertex: Anthropic's server tools -------------------------------------------------

/** The beta web search needs on Vertex. */
const webSearchBeta = 'web-search-2025-03-05';

/** Vertex's refusal of a tool type it does not take, as recorded: the tags it expects without any beta. */
function unexpectedToolTag(index: number, type: string): string {
  return `tools.${index}: Input tag '${type}' found using 'type' does not match any of the expected tags: 'bash_20250124', 'custom', 'text_editor_20250124', 'text_editor_20250429', 'text_editor_20250728'`;
}

const serverToolsRule: VertexRule = {
  id: 'vertex.anthropic.server-tools',
  // Web search goes "with a beta header: "anthropic-beta": "web-search-2025-03-05""
  // (cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/web-search); without it Vertex refuses the
  // tool in these words (github.com/ax-llm/ax/pull/457; github.com/danny-avila/LibreChat/pull/9798). Web fetch and
  // code execution are among no tags Vertex lists: not in that refusal, nor among the tools the Vercel AI SDK keeps
  // as "only these are recognized by the Vertex API" (vercel/ai packages/google-vertex/src/anthropic/google-vertex-anthropic-provider.ts);
  // their refusal is worded as the recorded one (the list Vertex gives when a beta is sent is not recorded).
  source: 'cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/web-search; github.com/ax-llm/ax/pull/457; github.com/danny-avila/LibreChat/pull/9798',
  check: (request) => {
    if (route(request)?.publisher !== 'anthropic' || !isRecord(request.body) || !Array.isArray(request.body['tools'])) return undefined;
    const webSearchEnabled = headerBetas(request).includes(webSearchBeta);
    for (const [index, tool] of request.body['tools'].entries()) {
      const type = isRecord(tool) && typeof tool['type'] === 'string' ? tool['type'] : '';
      if ((type.startsWith('web_search_') && !webSearchEnabled) || type.startsWith('web_fetch_') || type.startsWith('code_execution_')) return unexpectedToolTag(index, type);
    }
    return undefined;
  },
};

// --- end of Claude server tools on Vertex -----------------------------------------------------------

const includeThoughtsRule: VertexRule = {
  id: 'vertex.gemini.include-thoughts-without-thinking',
  // Thoughts asked for with thinking turned off (a budget of 0) are refused on Vertex, 400 INVALID_ARGUMENT, in these words
  // (github.com/lofcz/LLMTornado/pull/66; "Vertex AI rejects `includeThoughts: true` when `thinkingBudget` is 0" for
  // gemini-2.5-flash and -flash-lite, github.com/dust-tt/dust/pull/26335). The Gemini API's answer is not recorded.
  source: 'github.com/lofcz/LLMTornado/pull/66; github.com/dust-tt/dust/pull/26335',
  check: (request) => {
    const body = route(request)?.publisher === 'google' ? generateRequestOf(request) : undefined;
    const thinking = body === undefined ? undefined : field(generationConfigOf(body), 'thinkingConfig');
    if (!isRecord(thinking) || field(thinking, 'includeThoughts') !== true || field(thinking, 'thinkingBudget') !== 0) return undefined;
    return 'Unable to submit request because Thinking_config.include_thoughts is only enabled when thinking is enabled.. Learn more: https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/gemini';
  },
};

/**
 * The dotted path of the first schema node holding `anyOf` beside another field, as Vertex names a
 * property (`parameters.base_branch`); `items` and `anyOf[i]` within it are the judge's own wording.
 */
function anyOfWithSiblings(schema: unknown, path: string): string | undefined {
  if (!isRecord(schema)) return undefined;
  const anyOf = schema['anyOf'] ?? schema['any_of'];
  if (Array.isArray(anyOf) && Object.keys(schema).length > 1) return path;
  const properties = schema['properties'];
  const children: Array<[unknown, string]> = [
    ...(isRecord(properties) ? Object.entries(properties).map(([name, property]): [unknown, string] => [property, `${path}.${name}`]) : []),
    [schema['items'], `${path}.items`],
    ...(Array.isArray(anyOf) ? anyOf.map((branch, index): [unknown, string] => [branch, `${path}.anyOf[${index}]`]) : []),
  ];
  for (const [child, at] of children) {
    const found = anyOfWithSiblings(child, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

const anyOfAloneRule: VertexRule = {
  id: 'vertex.gemini.any-of-alone',
  // Vertex refuses a function's schema node that holds `anyOf` beside any other field (description, nullable,
  // default, title, type), 400 INVALID_ARGUMENT, in these words (the official Git MCP server's `git_create_branch`,
  // github.com/BerriAI/litellm/issues/11164; the same in github.com/anomalyco/opencode/issues/15795). The Gemini API's
  // answer to it is not recorded, so the Gemini judge does not apply it.
  source: 'github.com/BerriAI/litellm/issues/11164; github.com/anomalyco/opencode/issues/15795',
  check: (request) => {
    const body = route(request)?.publisher === 'google' ? generateRequestOf(request) : undefined;
    if (body === undefined) return undefined;
    for (const { declaration } of declarationsOf(body)) {
      const path = anyOfWithSiblings(field(declaration, 'parameters'), 'parameters');
      if (path === undefined) continue;
      return `Unable to submit request because \`${String(field(declaration, 'name'))}\` functionDeclaration \`${path}\` schema specified other fields alongside any_of. When using any_of, it must be the only field set. Learn more: https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/function-calling`;
    }
    return undefined;
  },
};

const parametersObjectRule: VertexRule = {
  id: 'vertex.gemini.parameters-object',
  // Vertex refuses a function whose `parameters` root is not an OBJECT (untyped, a bare `anyOf`, another type),
  // 400 INVALID_ARGUMENT, in these words: "Unable to submit request because terminal_last_command functionDeclaration
  // parameters schema should be of type OBJECT" (github.com/diegosouzapw/OmniRoute/pull/3360; the same in
  // github.com/spring-projects/spring-ai/issues/1373). The Gemini API's answer to it is not recorded, so the Gemini
  // judge does not apply it.
  source: 'github.com/diegosouzapw/OmniRoute/pull/3360; github.com/spring-projects/spring-ai/issues/1373',
  check: (request) => {
    const body = route(request)?.publisher === 'google' ? generateRequestOf(request) : undefined;
    if (body === undefined) return undefined;
    for (const { declaration } of declarationsOf(body)) {
      const parameters = field(declaration, 'parameters');
      if (parameters === undefined || (isRecord(parameters) && String(parameters['type']).toUpperCase() === 'OBJECT')) continue;
      return `Unable to submit request because ${String(field(declaration, 'name'))} functionDeclaration parameters schema should be of type OBJECT`;
    }
    return undefined;
  },
};

const serviceTierRule: VertexRule = {
  id: 'vertex.gemini.service-tier',
  // Vertex reads the tier from the X-Vertex-AI-LLM-Shared-Request-Type header, not the body; the Gemini API's values
  // there are refused, 400 INVALID_ARGUMENT: "Invalid value at 'service_tier'
  // (type.googleapis.com/google.cloud.aiplatform.v1beta1.ServiceTier), \"priority\"" (github.com/googleapis/python-genai/issues/2433,
  // "flex" in github.com/googleapis/java-genai/issues/972; on v1 "STANDARD" too, github.com/BerriAI/litellm/issues/34914). Only
  // the proto enum's own names (`SERVICE_TIER_FLEX`) are taken, and ignored (github.com/googleapis/python-genai/issues/2847).
  source: 'github.com/googleapis/python-genai/issues/2433; github.com/BerriAI/litellm/issues/34914; github.com/googleapis/python-genai/issues/2847',
  check: (request) => {
    const body = route(request)?.publisher === 'google' ? generateRequestOf(request) : undefined;
    const tier = body === undefined ? undefined : field(body, 'serviceTier');
    if (tier === undefined || (typeof tier === 'string' && /^SERVICE_TIER_[A-Z]+$/.test(tier))) return undefined;
    const version = vertexPath.exec(pathOf(request))?.[1] ?? 'v1';
    return `Invalid value at 'service_tier' (type.googleapis.com/google.cloud.aiplatform.${version}.ServiceTier), ${JSON.stringify(tier)}`;
  },
};

/** Every `fileData` URI of a Gemini body: in contents' parts and in function responses' parts. */
function fileUrisOf(body: Record<string, unknown>): string[] {
  const uriOf = (part: Record<string, unknown>): unknown => {
    const data = field(part, 'fileData');
    return isRecord(data) ? field(data, 'fileUri') : undefined;
  };
  return contentsOf(body)
    .flatMap((content) => [...content.parts, ...functionResponsesOf(content).flatMap((part) => {
      const response = field(part, 'functionResponse');
      return isRecord(response) ? recordsOf(field(response, 'parts')) : [];
    })])
    .map(uriOf)
    .filter((uri): uri is string => typeof uri === 'string');
}

const filesApiUriRule: VertexRule = {
  id: 'vertex.gemini.files-api-uri',
  // A file uploaded to the Gemini Developer API's Files API (https://generativelanguage.googleapis.com/v1beta/files/…)
  // cannot be read on Vertex: "the file upload is not supported on Vertex, the alternative way is to use Google Cloud
  // Storage" (github.com/googleapis/js-genai/issues/581). Vertex words a fileData URI it cannot read, 400 INVALID_ARGUMENT,
  // "Unsupported file uri: …" (github.com/BerriAI/litellm/issues/11529).
  source: 'github.com/googleapis/js-genai/issues/581; github.com/BerriAI/litellm/issues/11529',
  check: (request) => {
    const body = route(request)?.publisher === 'google' ? generateRequestOf(request) : undefined;
    const uri = body === undefined ? undefined : fileUrisOf(body).find((found) => /^https:\/\/generativelanguage\.googleapis\.com\/v1(?:alpha|beta)?\/files\//.test(found));
    return uri === undefined ? undefined : `Unsupported file uri: ${uri}`;
  },
};

/** Rules of another judge, applied only to requests for one publisher. */
function forPublisher(publisher: string, rules: readonly VendorRule[]): VendorRule[] {
  return rules.map((rule) => ({ ...rule, check: (request: JudgedRequest) => (route(request)?.publisher === publisher ? rule.check(request) : undefined) }));
}

/**
 * The model a Claude path names as Anthropic names it: `claude-sonnet-4@20250514` → `claude-sonnet-4`
 * (Vertex puts the snapshot after an `@`: docs.anthropic.com/en/api/claude-on-vertex-ai, "API model IDs").
 */
function claudePathModel(request: JudgedRequest): string | undefined {
  const match = vertexPath.exec(pathOf(request));
  return match === null || match[4] !== 'anthropic' ? undefined : decodeURIComponent(match[5]!).replace(/@.*$/, '');
}

/**
 * Per-model rules on Vertex: Gemini's, whose model the path names as the Gemini API's does
 * (`…/models/gemini-2.5-pro:generateContent`), and Claude's, run on the body with the model of the
 * path: the models are Anthropic's, served on Vertex as the Anthropic documentation describes
 * (docs.cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/prompt-caching, "Data
 * processing": "behaves as described in the Anthropic documentation"). The block binding's beta
 * has its own rule above.
 */
export const vertexModelRules: VendorRule[] = [
  // Except Gemini 3's single candidate: Vertex served gemini-3.1-pro-preview `candidate_count: 4` (a comment of
  // 2026-04-10 on github.com/googleapis/python-genai/issues/1723), and no Vertex refusal is recorded.
  ...forPublisher('google', geminiModelRules.filter((rule) => rule.id !== 'gemini.model.multiple-candidates')),
  ...anthropicModelRules
    .filter((rule) => rule.id !== 'anthropic.model.block-binding-beta')
    .map((rule) => ({
      ...rule,
      check: (request: JudgedRequest) => {
        const model = claudePathModel(request);
        return model === undefined || !isRecord(request.body) ? undefined : rule.check({ ...request, body: { ...request.body, model } });
      },
    })),
];

const googleStatusByCode: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 404: 'NOT_FOUND' };
const anthropicRuleIds = new Set([requestLevelCacheRefused.id, anthropicVersionRule.id, betaHeaderRule.id, blockBindingRule.id, toolSearchRule.id, effortRule.id, structuredOutputRule.id, urlSourceRule.id, fileSourceRule.id, serverToolsRule.id, ...anthropicJudge.rules.map((rule) => rule.id), ...anthropicModelRules.map((rule) => rule.id)]);

export const vertexJudge: VendorJudge = {
  name: 'vertex',
  judges: (request) => request.method === 'POST' && route(request) !== undefined,
  // On Vertex the version travels in the body (anthropicVersionRule), so the API's header rule does not apply.
  rules: [
    authorizationRule,
    methodRule,
    anthropicVersionRule,
    betaHeaderRule,
    blockBindingRule,
    toolSearchRule,
    effortRule,
    structuredOutputRule,
    urlSourceRule,
    fileSourceRule,
    serverToolsRule,
    // The Gemini API's rules, with Vertex's field names in place of its own (vertex-gemini-fields.ts).
    ...forPublisher('google', geminiJudge.rules.filter((rule) => rule.id !== geminiApiCacheNameRule.id && !geminiApiFieldRuleIds.has(rule.id))),
    ...forPublisher('google', [...vertexFieldRules, vertexToolRule]),
    ...forPublisher('google', [vertexCacheNameRule]),
    includeThoughtsRule,
    anyOfAloneRule,
    parametersObjectRule,
    serviceTierRule,
    filesApiUriRule,
    ...forPublisher('anthropic', anthropicJudge.rules.filter((rule) => rule.id !== 'anthropic.version.header')),
    ...forPublisher('anthropic', [requestLevelCacheRefused]),
  ],
  errorBody: (status, message, rule, request) =>
    anthropicRuleIds.has(rule.id)
      ? anthropicJudge.errorBody(status, message, rule, request)
      : { error: { code: status, message, status: (rule as VertexRule).googleStatus ?? googleStatusByCode[status] ?? 'INVALID_ARGUMENT' } },
};
