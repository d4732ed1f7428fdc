/**
 * The Gemini dialect: Google Gemini API v1beta `models/{model}:generateContent` and
 * `:streamGenerateContent?alt=sse` (https://ai.google.dev/api/generate-content), both as an API
 * the gateway serves and as an upstream it calls.
 */
import { geminiToolNames } from './function-names.js';
import type { Dialect } from '../../interlingua/dialect.js';
import { geminiEmbeddings } from './embeddings.js';
import { geminiCountTokens } from './count-tokens.js';
import { emitGeminiError, parseGeminiError } from './errors.js';
import { emitGeminiRequest } from './request-emit.js';
import { withCachedContentOf } from './cached-content-name.js';
import { withPlatformFields } from './platform-fields.js';
import { parseGeminiRequest } from './request-parse.js';
import { emitGeminiResponse } from './response-emit.js';
import { parseGeminiResponse } from './response-parse.js';
import { GeminiStreamDecoder } from './stream-decode.js';
import { GeminiStreamEncoder } from './stream-encode.js';

/**
 * "Gemini supports the following image format MIME types: PNG - image/png, JPEG - image/jpeg, WEBP -
 * image/webp, HEIC - image/heic, HEIF - image/heif" (https://ai.google.dev/gemini-api/docs/image-understanding#supported-formats);
 * a GIF is refused, "Unsupported MIME type: image/gif" (https://github.com/Mai-with-u/MaiBot/issues/1435,
 * https://github.com/microsoft/vscode/issues/286628).
 */
const geminiImageMediaTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'];

export const geminiDialect: Dialect = {
  name: 'gemini',
  streamFraming: 'sse',
  // python-genai hands a comment line to json.loads (google/genai/_api_client.py, _iter_response_stream);
  // @google/generative-ai and @google-cloud/vertexai match each event against `^data: ` from the start
  // of their buffer, so one comment stops every event after it. Only @google/genai for JavaScript skips them.
  clientsSkipSseComments: false,
  // Gemini reads images inline or from its own Files API / gs:// URIs, never from an http(s) URL.
  capabilities: { imageUrls: false, toolNames: geminiToolNames, imageMediaTypes: geminiImageMediaTypes },
  parseRequest: parseGeminiRequest,
  emitRequest: (request, options) => withCachedContentOf('gemini-api', withPlatformFields('gemini-api', emitGeminiRequest(request, options))),
  parseResponse: parseGeminiResponse,
  emitResponse: emitGeminiResponse,
  createStreamDecoder: () => new GeminiStreamDecoder(),
  createStreamEncoder: (context) => new GeminiStreamEncoder(context),
  parseError: parseGeminiError,
  emitError: emitGeminiError,
  embeddings: geminiEmbeddings,
  countTokens: geminiCountTokens,
};
