import type { Dialect } from '../interlingua/dialect.js';
import { dialects } from '../dialects/registry.js';
import type { InboundRoute } from './chat-pipeline.js';
import type { EmbeddingsRoute } from './embeddings-pipeline.js';
import type { CountTokensRoute } from './count-tokens-pipeline.js';
import { azureEmbeddingsRoute, cloudChatRoute, cloudCountTokensRoute, type CloudCountTokensRoute, type BearerMeaning } from './cloud-routes.js';
import { ollamaServerRoute, type OllamaModelsRoute, type OllamaServerRoute } from './ollama-server-routes.js';

export type Route =
  /** `bearer`: what the caller's `Authorization: Bearer` carries on this path (src/gateway/cloud-routes.ts). */
  | { kind: 'chat'; inbound: InboundRoute; bearer: BearerMeaning }
  | { kind: 'embeddings'; inbound: EmbeddingsRoute }
  | { kind: 'count-tokens'; inbound: CountTokensRoute; bearer: BearerMeaning }
  /** `model`: one model (Gemini `models.get`), else the list. */
  | { kind: 'models'; format: 'openai' | 'anthropic' | 'gemini' | 'ollama'; model?: string }
  | { kind: 'stored-response'; id: string; action: 'get' | 'delete' | 'input-items' }
  /** `strict` (`/ready`, `/health?strict=1`): a store away makes it a 503. */
  | { kind: 'health'; strict: boolean }
  | { kind: 'metrics' }
  | OllamaServerRoute
  | OllamaModelsRoute
  | { kind: 'admin'; path: string; method: string }
  /** The web console's page and assets; `path` is what follows `/console`. */
  | { kind: 'console'; path: string }
  | { kind: 'not-found'; dialect: Dialect; message: string }
  | { kind: 'method-not-allowed'; dialect: Dialect; allow: string };

/** `/v1beta/models/{model}:{method}`; Gemini model names may hold dots and dashes, and arrive URL-encoded. */
const geminiPath = /^\/(?:v1beta|v1)\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;
const geminiEmbeddingsPath = /^\/(?:v1beta|v1)\/models\/([^/:]+):(embedContent|batchEmbedContents)$/;

function decodeModel(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** `GET` / `DELETE /v1/responses/{id}`: a response the gateway stored. */
const storedResponsePath = /^\/(?:v1\/)?responses\/([^/]+)$/;
/** `GET /v1/responses/{id}/input_items`: what a stored response was asked. */
const storedInputItemsPath = /^\/(?:v1\/)?responses\/([^/]+)\/input_items$/;

const geminiCountTokensPath = /^\/(?:v1beta|v1)\/models\/([^/:]+):countTokens$/;

/** `GET /v1beta/models/{model}`, Gemini's `models.get`. */
const geminiModelPath = /^\/(?:v1beta|v1)\/models\/([^/:]+)$/;

/**
 * A caller of Google's API, known by what @google/genai sends on every request (`x-goog-api-client`,
 * `x-goog-api-key`: node_modules/@google/genai/dist/node/index.mjs) or by a `?key=`: on `/v1/models`,
 * which OpenAI's API shares, it gets Gemini's answer.
 */
function isGoogleCaller(headers: Record<string, string | string[] | undefined>, query: string): boolean {
  return headers['x-goog-api-client'] !== undefined || headers['x-goog-api-key'] !== undefined || new URLSearchParams(query).has('key');
}

/**
 * `/v1/messages/count_tokens` (Anthropic), `:countTokens` (Gemini), and the cloud platforms'
 * (Vertex's for Claude and Gemini, Bedrock's `/model/{modelId}/count-tokens`: cloud-routes.ts).
 */
function countTokensRoute(pathname: string): CloudCountTokensRoute | undefined {
  if (pathname === '/v1/messages/count_tokens' || pathname === '/messages/count_tokens') return { inbound: { dialect: dialects.anthropic, context: {} }, bearer: 'gateway-key' };
  const gemini = geminiCountTokensPath.exec(pathname);
  if (gemini?.[1] !== undefined) return { inbound: { dialect: dialects.gemini, context: { model: decodeModel(gemini[1]) } }, bearer: 'gateway-key' };
  return cloudCountTokensRoute(pathname);
}

/** `/v1/embeddings` (OpenAI, and Azure OpenAI's paths), `:embedContent` / `:batchEmbedContents` (Gemini), `/api/embed` (Ollama). */
function embeddingsRoute(pathname: string): EmbeddingsRoute | undefined {
  if (pathname === '/v1/embeddings' || pathname === '/embeddings') return { dialect: dialects['openai-chat'], context: {} };
  if (pathname === '/api/embed') return { dialect: dialects.ollama, context: {} };
  // Ollama's older embeddings API: one `prompt`, one `embedding` (docs/api.md "Generate Embedding").
  if (pathname === '/api/embeddings') return { dialect: dialects.ollama, context: { single: true } };
  const azure = azureEmbeddingsRoute(pathname);
  if (azure !== undefined) return azure;
  const gemini = geminiEmbeddingsPath.exec(pathname);
  if (gemini?.[1] === undefined) return undefined;
  return { dialect: dialects.gemini, context: { model: decodeModel(gemini[1]), single: gemini[2] === 'embedContent' } };
}

/**
 * The inbound routes. Each chat route names the dialect it speaks; `/messages` and
 * `/chat/completions` without `/v1` are served too, because some clients drop it.
 */
export function matchRoute(method: string, pathname: string, query: string, headers: Record<string, string | string[] | undefined>): Route {
  const chat = chatRoute(pathname, query);
  const chatMatch = chat === undefined ? cloudChatRoute(pathname, query) : { inbound: chat, bearer: 'gateway-key' as const };
  if (chatMatch !== undefined) {
    if (method !== 'POST') return { kind: 'method-not-allowed', dialect: chatMatch.inbound.dialect, allow: 'POST' };
    return { kind: 'chat', inbound: chatMatch.inbound, bearer: chatMatch.bearer };
  }
  const counting = countTokensRoute(pathname);
  if (counting !== undefined) {
    if (method !== 'POST') return { kind: 'method-not-allowed', dialect: counting.inbound.dialect, allow: 'POST' };
    return { kind: 'count-tokens', inbound: counting.inbound, bearer: counting.bearer };
  }
  const embeddings = embeddingsRoute(pathname);
  if (embeddings !== undefined) {
    if (method !== 'POST') return { kind: 'method-not-allowed', dialect: embeddings.dialect, allow: 'POST' };
    return { kind: 'embeddings', inbound: embeddings };
  }
  const inputItems = storedInputItemsPath.exec(pathname);
  if (inputItems?.[1] !== undefined) {
    if (method === 'GET') return { kind: 'stored-response', id: decodeModel(inputItems[1]), action: 'input-items' };
    return { kind: 'method-not-allowed', dialect: dialects['openai-responses'], allow: 'GET, HEAD' };
  }
  const stored = storedResponsePath.exec(pathname);
  if (stored?.[1] !== undefined) {
    const id = decodeModel(stored[1]);
    if (method === 'GET') return { kind: 'stored-response', id, action: 'get' };
    if (method === 'DELETE') return { kind: 'stored-response', id, action: 'delete' };
    return { kind: 'method-not-allowed', dialect: dialects['openai-responses'], allow: 'GET, HEAD, DELETE' };
  }
  if (pathname === '/health') return { kind: 'health', strict: new URLSearchParams(query).get('strict') === '1' };
  if (pathname === '/ready') return { kind: 'health', strict: true };
  if (pathname === '/metrics') return { kind: 'metrics' };
  if (pathname === '/console' || pathname.startsWith('/console/')) return { kind: 'console', path: pathname.slice('/console'.length) };
  if (pathname.startsWith('/admin/')) return { kind: 'admin', path: pathname.slice('/admin'.length), method };
  if (pathname === '/v1/models' || pathname === '/models') {
    return { kind: 'models', format: headers['anthropic-version'] !== undefined ? 'anthropic' : pathname === '/v1/models' && isGoogleCaller(headers, query) ? 'gemini' : 'openai' };
  }
  if (pathname === '/v1beta/models') return { kind: 'models', format: 'gemini' };
  const geminiModel = geminiModelPath.exec(pathname);
  if (geminiModel?.[1] !== undefined && (pathname.startsWith('/v1beta/') || isGoogleCaller(headers, query))) {
    if (method !== 'GET') return { kind: 'method-not-allowed', dialect: dialects.gemini, allow: 'GET, HEAD' };
    return { kind: 'models', format: 'gemini', model: decodeModel(geminiModel[1]) };
  }
  if (pathname === '/api/tags') return { kind: 'models', format: 'ollama' };
  const ollamaServer = ollamaServerRoute(method, pathname);
  if (ollamaServer?.kind === 'method-not-allowed') return { ...ollamaServer, dialect: dialects.ollama };
  if (ollamaServer !== undefined) return ollamaServer;
  const dialect = notFoundDialect(pathname, headers);
  return { kind: 'not-found', dialect, message: `No route for ${method} ${pathname}.` };
}

/** The dialect a path looks like it speaks, so an unknown route is answered in it. */
function notFoundDialect(pathname: string, headers: Record<string, string | string[] | undefined>): Dialect {
  if (pathname.startsWith('/v1beta')) return dialects.gemini;
  if (pathname.startsWith('/model/')) return dialects.bedrock;
  if (pathname.startsWith('/api/')) return dialects.ollama;
  return headers['anthropic-version'] !== undefined ? dialects.anthropic : dialects['openai-chat'];
}

function chatRoute(pathname: string, query: string): InboundRoute | undefined {
  switch (pathname) {
    case '/v1/chat/completions':
    case '/chat/completions':
      return { dialect: dialects['openai-chat'], context: {} };
    case '/v1/messages':
    case '/messages':
      return { dialect: dialects.anthropic, context: {} };
    case '/api/chat':
      return { dialect: dialects.ollama, context: {} };
    case '/api/generate':
      return { dialect: dialects['ollama-generate'], context: {} };
    case '/v1/responses':
    case '/responses':
      return { dialect: dialects['openai-responses'], context: {} };
    case '/v1/completions':
    case '/completions':
      return { dialect: dialects['openai-completions'], context: {} };
    default: {
      const gemini = geminiPath.exec(pathname);
      if (gemini?.[1] === undefined) return undefined;
      const model = decodeModel(gemini[1]);
      const stream = gemini[2] === 'streamGenerateContent';
      // Without `alt=sse`, Gemini streams a JSON array instead of SSE.
      const sse = new URLSearchParams(query).get('alt') === 'sse';
      return { dialect: dialects.gemini, context: { model, stream, ...(stream && !sse ? { streamFraming: 'json-array' as const } : {}) } };
    }
  }
}
