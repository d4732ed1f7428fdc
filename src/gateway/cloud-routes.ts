import { dialects } from '../dialects/registry.js';
import type { InboundRoute } from './chat-pipeline.js';
import type { BearerMeaning } from '../keys/presented-key.js';
import type { CountTokensRoute } from './count-tokens-pipeline.js';
import type { EmbeddingsRoute } from './embeddings-pipeline.js';
import { bedrockCountTokensReader } from './bedrock-count-tokens.js';

export type { BearerMeaning };

export interface CloudChatRoute {
  inbound: InboundRoute;
  bearer: BearerMeaning;
}

/**
 * Bedrock runtime operations, model id URL-encoded in the path (`anthropic.claude-…-v1:0` arrives as
 * `…-v1%3A0`), as the AWS SDK's HTTP bindings name them (@aws-sdk/client-bedrock-runtime
 * dist-cjs/index.js: `["POST", "/model/{modelId}/converse", 200]`, `…/converse-stream`, `…/invoke`,
 * `…/invoke-with-response-stream`).
 */
const bedrockPath = /^\/model\/([^/]+)\/(converse|converse-stream|invoke|invoke-with-response-stream)$/;

/** Bedrock's CountTokens (@aws-sdk/client-bedrock-runtime dist-cjs/index.js: `["POST", "/model/{modelId}/count-tokens", 200]`). */
const bedrockCountTokensPath = /^\/model\/([^/]+)\/count-tokens$/;

/**
 * Azure OpenAI's deployments path, `?api-version=` in the query; the body's `model` is ignored, the
 * deployment in the path decides (recorded: DataDog/dd-trace-py tests/contrib/openai/cassettes/v1/azure_chat_completion.yaml @ 5258b5596a0e,
 * "POST …/openai/deployments/test-openai/chat/completions?api-version=2023-07-01-preview; header api-key").
 */
const azureDeploymentPath = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;

/**
 * Azure OpenAI's legacy text completions on the deployments path, `?api-version=` in the query
 * (https://learn.microsoft.com/en-us/azure/ai-services/openai/reference#completions: "POST
 * https://{endpoint}/openai/deployments/{deployment-id}/completions?api-version=2024-10-21";
 * Azure/azure-rest-api-specs specification/cognitiveservices/data-plane/AzureOpenAI/inference/stable/2024-10-21/inference.yaml,
 * `Completions_Create`);
 * openai-node's `AzureOpenAI` moves `/completions` there (node_modules/openai/azure.js,
 * `_deployments_endpoints`). The deployment in the path decides the model, as on chat.
 */
const azureCompletionsPath = /^\/openai\/deployments\/([^/]+)\/completions$/;

/**
 * Azure OpenAI's embeddings on the deployments path: openai-node's `AzureOpenAI` moves `/embeddings`
 * under `/deployments/{deployment}` as it does `/chat/completions` (node_modules/openai/azure.js,
 * `_deployments_endpoints`), and the deployment in the path decides the model.
 */
const azureEmbeddingsPath = /^\/openai\/deployments\/([^/]+)\/embeddings$/;

/**
 * Vertex AI publisher models: Gemini at `…/publishers/google/models/{m}:generateContent` and
 * `:streamGenerateContent` (v1 and v1beta1), Claude at `…/publishers/anthropic/models/{m}:rawPredict`
 * and `:streamRawPredict` (recorded: test/fixtures/recorded/vertex/fantasy-*, from charmbracelet/fantasy,
 * "POST https://us-east5-aiplatform.googleapis.com/v1/projects/…/locations/us-east5/publishers/anthropic/models/claude-3-7-sonnet@20250219:rawPredict").
 * Express mode (an API key, no project) drops the `projects/{p}/locations/{l}/` prefix
 * (@google/genai `shouldPrependVertexProjectPath`).
 */
const vertexPath = /^\/(?:v1|v1beta1)\/(?:projects\/[^/]+\/locations\/[^/]+\/)?publishers\/(google|anthropic)\/models\/([^/:]+):(generateContent|streamGenerateContent|rawPredict|streamRawPredict)$/;

function decodePiece(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/**
 * Claude's token counting on Vertex: a fixed model name in the path, the model asked about in the
 * body (@anthropic-ai/vertex-sdk client.js: "/projects/${this.projectId}/locations/${this.region}/publishers/anthropic/models/count-tokens:rawPredict").
 */
const vertexCountTokensPath = /^\/(?:v1|v1beta1)\/projects\/[^/]+\/locations\/[^/]+\/publishers\/anthropic\/models\/count-tokens:rawPredict$/;

/** Whether a path is Vertex's token counting for Claude, which takes Anthropic's count_tokens body. */
export function isVertexCountTokens(pathname: string): boolean {
  return vertexCountTokensPath.test(pathname);
}

/**
 * Gemini's token counting on Vertex, `…/publishers/google/models/{m}:countTokens`
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1beta1/projects.locations.publishers.models/countTokens):
 * `@google/genai` with `vertexai: true` sends it under its API version (`v1beta1` unless
 * `httpOptions.apiVersion` says `v1`), and in express mode without the project and location
 * (`Models.countTokens`: path `{model}:countTokens`, the model as `publishers/google/models/{m}`).
 */
const vertexGeminiCountTokensPath = /^\/(?:v1|v1beta1)\/(?:projects\/[^/]+\/locations\/[^/]+\/)?publishers\/google\/models\/([^/:]+):countTokens$/;

/** A token-counting route and what a caller's `Authorization: Bearer` carries on it. */
export interface CloudCountTokensRoute {
  inbound: CountTokensRoute;
  bearer: BearerMeaning;
}

/**
 * The token counting of the cloud platforms' own APIs: Vertex's for Claude (Anthropic's
 * count_tokens body) and for Gemini (Gemini's countTokens body), keyed like the other Vertex
 * paths, and Bedrock's CountTokens.
 */
export function cloudCountTokensRoute(pathname: string): CloudCountTokensRoute | undefined {
  if (isVertexCountTokens(pathname)) return { inbound: { dialect: dialects.anthropic, context: {} }, bearer: 'platform-token' };
  const gemini = vertexGeminiCountTokensPath.exec(pathname);
  if (gemini?.[1] !== undefined) return { inbound: { dialect: dialects.gemini, context: { model: decodePiece(gemini[1]) } }, bearer: 'platform-token' };
  const bedrock = bedrockCountTokensRoute(pathname);
  return bedrock === undefined ? undefined : { inbound: bedrock, bearer: 'gateway-key' };
}

/**
 * Azure OpenAI's embeddings: the deployments path (the deployment names the model, whatever the
 * body says, as on chat) and the v1 path (the deployment's name in `model`). Azure's key arrives
 * in `api-key`, which every route takes (presented-key.ts), so these are keyed as the chat paths are.
 */
export function azureEmbeddingsRoute(pathname: string): EmbeddingsRoute | undefined {
  if (pathname === '/openai/v1/embeddings') return { dialect: dialects['openai-chat'], context: {} };
  const deployment = azureEmbeddingsPath.exec(pathname);
  if (deployment?.[1] === undefined) return undefined;
  return { dialect: dialects['openai-chat'], context: { model: decodePiece(deployment[1]) } };
}

/** Bedrock's CountTokens: the model in the path, the body Converse's or InvokeModel's (bedrock-count-tokens.ts). */
function bedrockCountTokensRoute(pathname: string): CountTokensRoute | undefined {
  const match = bedrockCountTokensPath.exec(pathname);
  if (match?.[1] === undefined) return undefined;
  return { dialect: dialects.bedrock, context: { model: decodePiece(match[1]) }, reader: bedrockCountTokensReader };
}

/** The chat routes of the cloud platforms' own APIs, so each cloud SDK reaches any model through the gateway. */
export function cloudChatRoute(pathname: string, query: string): CloudChatRoute | undefined {
  const bedrock = bedrockPath.exec(pathname);
  if (bedrock?.[1] !== undefined) {
    const model = decodePiece(bedrock[1]);
    const operation = bedrock[2];
    const converse = operation === 'converse' || operation === 'converse-stream';
    const stream = operation === 'converse-stream' || operation === 'invoke-with-response-stream';
    // InvokeModel's body is the model's own: Claude's Messages body on Bedrock.
    return { inbound: { dialect: converse ? dialects.bedrock : dialects['bedrock-anthropic'], context: { model, stream } }, bearer: 'gateway-key' };
  }
  const azure = azureDeploymentPath.exec(pathname);
  if (azure?.[1] !== undefined) return { inbound: { dialect: dialects['openai-chat'], context: { model: decodePiece(azure[1]) } }, bearer: 'gateway-key' };
  const azureCompletions = azureCompletionsPath.exec(pathname);
  if (azureCompletions?.[1] !== undefined) return { inbound: { dialect: dialects['openai-completions'], context: { model: decodePiece(azureCompletions[1]) } }, bearer: 'gateway-key' };
  // The v1 API: no deployments segment and no api-version, the deployment's name in `model`
  // (recorded: Mirascope/mirascope python/tests/e2e/output/cassettes/test_refusal/azure_openai_gpt_5_mini/sync.yaml @ b0b87b03bbea).
  if (pathname === '/openai/v1/chat/completions') return { inbound: { dialect: dialects['openai-chat'], context: {} }, bearer: 'gateway-key' };
  if (pathname === '/openai/v1/responses') return { inbound: { dialect: dialects['openai-responses'], context: {} }, bearer: 'gateway-key' };
  // The Responses API on the dated path: no deployments segment, the deployment's name in `model`,
  // `?api-version=` in the query; openai-node's `AzureOpenAI.responses.create()` calls it (recorded:
  // test/fixtures/recorded/azure-openai/mirascope-responses-stream-content-filter-incomplete.response.sse and its MANIFEST line,
  // "POST https://dummy.openai.azure.com/openai/responses?api-version=2025-03-01-preview").
  if (pathname === '/openai/responses') return { inbound: { dialect: dialects['openai-responses'], context: {} }, bearer: 'gateway-key' };
  const vertex = vertexPath.exec(pathname);
  if (vertex?.[2] === undefined || isVertexCountTokens(pathname)) return undefined;
  const [, publisher, encodedModel, method] = vertex;
  const model = decodePiece(encodedModel);
  if (publisher === 'google') {
    if (method !== 'generateContent' && method !== 'streamGenerateContent') return undefined;
    const stream = method === 'streamGenerateContent';
    // Without `alt=sse` the stream is a JSON array, as on the Gemini API.
    const sse = new URLSearchParams(query).get('alt') === 'sse';
    return { inbound: { dialect: dialects.gemini, context: { model, stream, ...(stream && !sse ? { streamFraming: 'json-array' as const } : {}) } }, bearer: 'platform-token' };
  }
  if (method !== 'rawPredict' && method !== 'streamRawPredict') return undefined;
  return { inbound: { dialect: dialects.anthropic, context: { model, stream: method === 'streamRawPredict' } }, bearer: 'platform-token' };
}
