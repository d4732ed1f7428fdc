import { isRecord, pathOf, type JudgedRequest, type VendorJudge, type VendorRule } from './rule.js';
import { openaiErrorBody, type OpenAIRule } from './openai-family/openai-rule.js';
import { openaiChatJudge } from './openai-chat.js';
import { openaiResponsesJudge } from './openai-responses.js';
import { openaiChatModelRules, openaiResponsesModelRules } from './models/openai-models.js';

/**
 * Azure OpenAI / Foundry: Chat Completions and Responses under `/openai/`, either on the
 * deployments path with a dated `api-version` — "POST
 * https://{endpoint}/openai/deployments/{deployment-id}/chat/completions?api-version=2024-10-21"
 * (https://learn.microsoft.com/azure/ai-services/openai/reference), the Responses API at
 * `/openai/responses?api-version=` (test/fixtures/recorded/azure-openai MANIFEST entry
 * mirascope-responses-stream-content-filter-incomplete) — or on the v1 API at `/openai/v1/…`
 * without one (https://learn.microsoft.com/azure/foundry/openai/api-version-lifecycle;
 * fantasy-gpt5mini-responses-v1). The bodies are OpenAI's, judged by the OpenAI rule sets.
 */
const deploymentsPath = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;
const datedResponsesPath = /^\/openai\/responses$/;
const v1Path = /^\/openai\/v1\/(chat\/completions|responses)$/;

type AzureOperation = 'chat' | 'responses';

function operation(request: JudgedRequest): AzureOperation | undefined {
  const path = pathOf(request);
  if (deploymentsPath.test(path)) return 'chat';
  if (datedResponsesPath.test(path)) return 'responses';
  const v1 = v1Path.exec(path);
  if (v1 === null) return undefined;
  return v1[1] === 'responses' ? 'responses' : 'chat';
}

function apiVersion(request: JudgedRequest): string | null {
  const index = request.url.indexOf('?');
  return index === -1 ? null : new URLSearchParams(request.url.slice(index + 1)).get('api-version');
}

function header(request: JudgedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Azure's own error bodies carry a `code` string and a message only (test/fixtures/recorded/azure-openai/error-404-deployment-not-found.json). */
interface AzureRule extends VendorRule {
  azureCode?: string;
  /** OpenAI's `param` and `code` for a refusal in OpenAI's body, where they depend on what was refused. */
  openaiFields?(message: string, request: JudgedRequest): { param: string; code: string } | undefined;
}

const pathRule: AzureRule = {
  id: 'azure-openai.path.api-version',
  // github.com/MicrosoftDocs/azure-docs/issues/114602: "Azure OpenAI Chat completions API returns 404
  // if api-version is not present as query param"; the body, github.com/ThinkInAIXYZ/deepchat/issues/262:
  // {"error":{"code":"404","message":"Resource not found"}}. The v1 API takes none
  // (learn.microsoft.com/azure/foundry/openai/api-version-lifecycle: "removes the need for dated api-version parameters").
  source: 'github.com/MicrosoftDocs/azure-docs/issues/114602; learn.microsoft.com/azure/foundry/openai/api-version-lifecycle',
  status: 404,
  azureCode: '404',
  check: (request) => {
    const v1 = pathOf(request).startsWith('/openai/v1/');
    if (operation(request) === undefined) return 'Resource not found';
    if (!v1 && apiVersion(request) === null) return 'Resource not found';
    return undefined;
  },
};

const authorizationRule: AzureRule = {
  id: 'azure-openai.authorization',
  // The key goes in `api-key` (node_modules/openai/azure.js: `buildHeaders([{ 'api-key': this.apiKey }])`),
  // an Entra ID token in `Authorization: Bearer` (node_modules/openai/README.md, "Microsoft Azure OpenAI").
  // Without either, 401 with {"error":{"code":"401","message":"Access denied due to invalid subscription key
  // or wrong API endpoint. …"}} (github.com/SciSharp/BotSharp/issues/386, the body quoted whole).
  source: 'node_modules/openai/azure.js; github.com/SciSharp/BotSharp/issues/386',
  status: 401,
  azureCode: '401',
  check: (request) => {
    const key = header(request, 'api-key');
    const bearer = /^Bearer \S+$/.test(header(request, 'authorization') ?? '');
    return (key !== undefined && key !== '') || bearer
      ? undefined
      : 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.';
  },
};

const deploymentModelRule: AzureRule = {
  id: 'azure-openai.v1.model-is-deployment',
  // On the v1 API "the model parameter is your Azure deployment name" (node_modules/openai docs/azure.md, "v1 API").
  source: 'openai-node docs/azure.md ("With the v1 API, the model parameter is your Azure deployment name")',
  check: (request) => {
    if (!pathOf(request).startsWith('/openai/v1/')) return undefined;
    const model = isRecord(request.body) ? request.body['model'] : undefined;
    return typeof model === 'string' && model !== '' ? undefined : "Missing required parameter: 'model'.";
  },
};

/**
 * What a dated api-version predates. "Changes between 2024-09-01-preview and 2024-08-01-preview:
 * max_completion_tokens added … parallel_tool_calls added … stream_options & include_usage added"
 * (learn.microsoft.com/azure/ai-services/openai/api-version-deprecation); the GA version with them
 * is 2024-10-21 (Azure.AI.OpenAI 2.1.0's notes: "The 2024-10-21 API version brings GA AOAI support
 * for streaming token usage", parallel tool calls and structured outputs). Older versions answer
 * {"error":{"message":"Unrecognized request argument supplied: max_completion_tokens",
 * "type":"invalid_request_error","param":null,"code":null}} (openai/openai-python#1724, with
 * 2024-08-01-preview; the same words for stream_options, Azure/azure-sdk-for-java#40198, and for
 * parallel_tool_calls, Azure/azure-rest-api-specs#29545). JSON Schema output came a version earlier:
 * {"error":{"code":"BadRequest","message":"response_format value as json_schema is enabled only for
 * api versions 2024-08-01-preview and later"}} (langgenius/dify#8994, evalstate/fast-agent#310).
 * No GA version falls between the dates, so comparing an api-version's date is enough.
 * `reasoning_effort` came with 2024-12-01-preview, the API version of o1 (2024-12-17), the first model
 * the reasoning-models page marks with "Reasoning effort" (learn.microsoft.com/azure/ai-services/openai/how-to/reasoning,
 * "API & feature support"); an older version answers {"error":{"message":"Unknown parameter: 'reasoning_effort'.",
 * "type":"invalid_request_error","param":"reasoning_effort","code":"unknown_parameter"}} (run-llama/llama_index#17731,
 * with 2024-08-01-preview).
 */
const reasoningEffortRefusal = "Unknown parameter: 'reasoning_effort'.";

const developerRefusal = "Invalid value: 'developer'. Supported values are: 'system', 'assistant', 'user', 'function', and 'tool'.";

function developerIndex(messages: readonly unknown[]): number {
  return messages.findIndex((message) => isRecord(message) && message['role'] === 'developer');
}

const apiVersionRules: AzureRule[] = [
  {
    id: 'azure-openai.api-version.fields',
    source: 'learn.microsoft.com/azure/ai-services/openai/api-version-deprecation; github.com/openai/openai-python/issues/1724; learn.microsoft.com/azure/ai-services/openai/how-to/reasoning; github.com/run-llama/llama_index/issues/17731',
    check: (request) => {
      const version = apiVersion(request);
      const body = request.body;
      if (operation(request) !== 'chat' || version === null || !isRecord(body)) return undefined;
      const field = version < '2024-09-01' ? ['max_completion_tokens', 'stream_options', 'parallel_tool_calls'].find((name) => body[name] !== undefined) : undefined;
      if (field !== undefined) return `Unrecognized request argument supplied: ${field}`;
      return version < '2024-12-01' && body['reasoning_effort'] !== undefined ? reasoningEffortRefusal : undefined;
    },
    openaiFields: (message) => (message === reasoningEffortRefusal ? { param: 'reasoning_effort', code: 'unknown_parameter' } : undefined),
  },
  {
    id: 'azure-openai.api-version.developer-role',
    // Microsoft's reasoning-models table marks "Developer Messages" from 2024-12-01-preview on
    // (learn.microsoft.com/azure/ai-services/openai/how-to/reasoning); the refusal as Azure answers it, with its
    // param and code (github.com/run-llama/llama_index/issues/17544).
    source: 'learn.microsoft.com/azure/ai-services/openai/how-to/reasoning; github.com/run-llama/llama_index/issues/17544',
    check: (request) => {
      const version = apiVersion(request);
      const body = request.body;
      if (operation(request) !== 'chat' || version === null || version >= '2024-12-01' || !isRecord(body) || !Array.isArray(body['messages'])) return undefined;
      return developerIndex(body['messages']) === -1 ? undefined : developerRefusal;
    },
    openaiFields: (message, request) => {
      const messages = isRecord(request.body) ? request.body['messages'] : undefined;
      return message === developerRefusal && Array.isArray(messages) ? { param: `messages[${developerIndex(messages)}].role`, code: 'invalid_value' } : undefined;
    },
  },
  {
    id: 'azure-openai.api-version.json-schema',
    source: 'github.com/langgenius/dify/issues/8994: "response_format value as json_schema is enabled only for api versions 2024-08-01-preview and later"',
    azureCode: 'BadRequest',
    check: (request) => {
      const version = apiVersion(request);
      if (operation(request) !== 'chat' || version === null || version >= '2024-08-01' || !isRecord(request.body)) return undefined;
      const format = request.body['response_format'];
      return isRecord(format) && format['type'] === 'json_schema' ? 'response_format value as json_schema is enabled only for api versions 2024-08-01-preview and later' : undefined;
    },
  },
  {
    id: 'azure-openai.api-version.responses',
    // The dated Responses path came with 2025-03-01-preview; an earlier api-version is refused with a 400 in these words
    // (github.com/Aider-AI/aider/issues/4029, as litellm relayed it; "400 API version not supported" for
    // 2024-12-01-preview: github.com/openclaw/openclaw/issues/82025). The body's envelope is not recorded; the judge
    // gives the BadRequest one Azure's json_schema refusal above has.
    source: 'github.com/Aider-AI/aider/issues/4029; github.com/openclaw/openclaw/issues/82025',
    azureCode: 'BadRequest',
    check: (request) => {
      const version = apiVersion(request);
      if (operation(request) !== 'responses' || version === null || version >= '2025-03-01') return undefined;
      return 'Azure OpenAI Responses API is enabled only for api-version 2025-03-01-preview and later';
    },
  },
];

/** The OpenAI rules for one operation, applied only to requests of that operation. */
function bodyRules(kind: AzureOperation, rules: readonly VendorRule[]): VendorRule[] {
  return rules.map((rule) => ({ ...rule, check: (request: JudgedRequest) => (operation(request) === kind ? rule.check(request) : undefined) }));
}

export const azureOpenaiJudge: VendorJudge = {
  name: 'azure-openai',
  judges: (request) => request.method === 'POST' && pathOf(request).startsWith('/openai/'),
  rules: [pathRule, authorizationRule, deploymentModelRule, ...apiVersionRules, ...bodyRules('chat', openaiChatJudge.rules), ...bodyRules('responses', openaiResponsesJudge.rules)],
  errorBody: (status, message, rule, request) => {
    const { azureCode, openaiFields } = rule as AzureRule;
    if (azureCode !== undefined) return { error: { code: azureCode, message } };
    const fields = openaiFields?.(message, request);
    return fields === undefined ? openaiErrorBody(status, message, rule) : { error: { message, type: 'invalid_request_error', ...fields } };
  },
};

/** The model a chat request reaches: the deployment in a dated path, the body's `model` on the v1 API. */
function chatModel(request: JudgedRequest): string | undefined {
  const deployment = deploymentsPath.exec(pathOf(request))?.[1];
  if (deployment !== undefined) return decodeURIComponent(deployment);
  const model = isRecord(request.body) ? request.body['model'] : undefined;
  return typeof model === 'string' ? model : undefined;
}

/**
 * OpenAI's per-model Chat rules, for a deployment named after its model (as the recorded ones are:
 * `deployments/gpt-5-mini`, fantasy-gpt5mini-chat-tool.i0.request.json). Azure refuses what OpenAI
 * refuses for a reasoning model in OpenAI's words, e.g. an o-series deployment's
 * {"error":{"code":"unsupported_parameter","type":"invalid_request_error","param":"max_tokens","message":"Unsupported
 * parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."}}
 * (github.com/lobehub/lobehub/issues/5909, the body quoted whole).
 */
/**
 * Azure's reasoning-models page lists what its reasoning deployments refuse: "The following are currently unsupported
 * with reasoning models: `temperature`, `top_p`, `presence_penalty`, `frequency_penalty`, `logprobs`, `top_logprobs`,
 * `logit_bias`, `max_tokens`" (github.com/MicrosoftDocs/azure-ai-docs, articles/foundry/openai/how-to/reasoning.md,
 * "Not Supported"; learn.microsoft.com/azure/foundry/openai/how-to/reasoning#not-supported). OpenAI's model rules
 * (openai-models.ts) judge all but `logit_bias`, which OpenAI's reasoning models refuse too ("logit_bias … No" for o1,
 * o1-mini and o3-mini: community.openai.com/t/developer-role-not-accepted-for-o1-o1-mini-o3-mini/1110750/7). The
 * refusal is worded as OpenAI words an unsupported parameter, as Azure answers for these deployments
 * ("Unsupported parameter: 'max_tokens' is not supported with this model. …", github.com/lobehub/lobehub/issues/5909).
 * The page's reasoning models: the o-series and the gpt-5 family (not gpt-5-chat, which does not reason).
 */
const azureReasoningDeployments = /^(?:o1|o1-mini|o3|o3-mini|o3-pro|o4-mini|codex-mini|gpt-5(?:-mini|-nano|-pro|-codex[a-z-]*)?|gpt-5\.\d+(?:-mini|-nano|-pro|-codex[a-z-]*)?)(?:-\d{4}-\d{2}-\d{2})?$/;

const logitBiasRule: OpenAIRule = {
  id: 'azure-openai.model.reasoning-logit-bias',
  source: 'github.com/MicrosoftDocs/azure-ai-docs articles/foundry/openai/how-to/reasoning.md ("Not Supported"); community.openai.com/t/developer-role-not-accepted-for-o1-o1-mini-o3-mini/1110750/7',
  param: 'logit_bias',
  code: 'unsupported_parameter',
  check: (request) => {
    const model = operation(request) === 'chat' ? chatModel(request) : undefined;
    if (model === undefined || !azureReasoningDeployments.test(model) || !isRecord(request.body) || request.body['logit_bias'] == null) return undefined;
    return "Unsupported parameter: 'logit_bias' is not supported with this model.";
  },
};

export const azureOpenaiModelRules: VendorRule[] = [
  logitBiasRule,
  ...openaiChatModelRules.map((rule) => ({
    ...rule,
    id: `azure-openai.${rule.id}`,
    check: (request: JudgedRequest) => {
      if (operation(request) !== 'chat') return undefined;
      const model = chatModel(request);
      if (model === undefined || !isRecord(request.body)) return undefined;
      return rule.check({ ...request, body: { ...request.body, model } });
    },
  })),
  // The Responses API names the deployment in the body's `model`, on the dated path as on the v1 API
  // (mirascope-responses-stream-content-filter-incomplete.request.json, fantasy-gpt5mini-responses-v1.request.json).
  ...openaiResponsesModelRules.map((rule) => ({
    ...rule,
    id: `azure-openai.${rule.id}`,
    check: (request: JudgedRequest) => (operation(request) === 'responses' ? rule.check(request) : undefined),
  })),
];
