/**
 * `vertex-anthropic`: Claude on Google Vertex AI through `rawPredict` / `streamRawPredict`. The
 * body is Anthropic's Messages body except that "In Vertex, model is not passed in the request
 * body. Instead, it is specified in the Google Cloud endpoint URL" and "anthropic_version is
 * passed in the request body (rather than as a header), and must be set to the value
 * vertex-2023-10-16" (https://docs.anthropic.com/en/api/claude-on-vertex-ai). `stream: true`
 * stays in the body of a streamed request (recorded:
 * test/fixtures/recorded/vertex/fantasy-anthropic-streamRawPredict-claude37-tool.i0.request.json).
 * Answers and streams are Anthropic's own, as SSE. Errors are Anthropic's when the model refuses,
 * and Google's `{"error":{"code","message","status"}}` when Vertex's front end does (a 429
 * `RESOURCE_EXHAUSTED`: test/fixtures/recorded/vertex/error-429-resource-exhausted.as-pasted.json).
 *
 * Thinking signatures are bound to the platform that issued them: reasoning Claude signed on
 * Vertex is marked with this dialect's name as its origin, and only such reasoning is sent back
 * here; reasoning signed by Anthropic's own API, Bedrock or anyone else is left out with the
 * Anthropic codec's warning — the mechanism of `bedrock-anthropic` (bedrock-platform.ts).
 */
import { z } from 'zod';
import type { Dialect } from '../../interlingua/dialect.js';
import { InterlinguaError, errorCodeForStatus, errorOptions, isRetryableStatus, unlistedClientStatus } from '../../interlingua/error.js';
import { retryAfterMsFromHeaders } from '../../core/retry-after.js';
import { anthropicDialect } from './index.js';
import { platformOrigins } from './platform-origins.js';
import { isPlainObject } from './vendor-data.js';
import { betasForPlatform } from '../claude-family/platform-betas.js';
import { withEffortTheModelTakes } from './cloud-effort.js';
import { vertexServerTools } from './vertex-server-tools.js';
import { withOutputFormatForVertex } from './vertex-structured-output.js';
import { withRequestBreakpointOnLastPart } from '../../core/request-cache-breakpoint.js';
import type { Warning } from '../../interlingua/warning.js';

export const vertexAnthropicDialectName = 'vertex-anthropic';
export const vertexAnthropicVersion = 'vertex-2023-10-16';

const origins = platformOrigins(vertexAnthropicDialectName);

/**
 * Google's error body, `{"error":{"code":429,"message":…,"status":"RESOURCE_EXHAUSTED"}}` — told
 * from Anthropic's `{"type":"error","error":{"type","message"}}` by its numeric `code` and its
 * `status` word; a non-SSE stream wraps it in an array.
 */
const googleErrorObject = z.looseObject({ error: z.looseObject({ code: z.number(), message: z.string(), status: z.string() }) });
const googleErrorSchema = z.union([googleErrorObject, z.tuple([googleErrorObject]).transform(([only]) => only)]);

function parseVertexError(status: number, body: string, headers: Record<string, string>): InterlinguaError {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const google = googleErrorSchema.safeParse(json);
  if (!google.success) {
    const error = anthropicDialect.parseError(status, body, headers);
    return error.upstream === undefined ? error : new InterlinguaError(error.code, error.message, { ...errorOptions(error), upstream: { ...error.upstream, dialect: vertexAnthropicDialectName } });
  }
  const lowerCase = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const retryAfterMs = retryAfterMsFromHeaders(lowerCase);
  const code = errorCodeForStatus(status);
  // Google's 409 ABORTED or 413 stays what it was, as Anthropic's own parser keeps it.
  const kept = unlistedClientStatus(code, status);
  return new InterlinguaError(code, google.data.error.message, {
    ...(kept === undefined ? {} : { status: kept }),
    retryable: isRetryableStatus(status),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    vendorType: google.data.error.status,
    upstream: { url: '', status, headers, body, dialect: vertexAnthropicDialectName },
  });
}

export const vertexAnthropicDialect: Dialect = {
  ...anthropicDialect,
  name: vertexAnthropicDialectName,
  // Claude on Vertex takes images and PDFs as base64 only, unlike Anthropic's API: an image URL is refused with
  // "messages.0.content.1.image.source.base64.data: URL sources are not supported" (github.com/BerriAI/litellm/issues/18430,
  // github.com/langchain-ai/langchain-google/issues/1088), and a document URL in the same words
  // (github.com/anthropics/anthropic-sdk-typescript/issues/1038). So image URLs are inlined, as for Bedrock
  // (bedrock-platform.ts), and document URLs are replaced by a note (core/document-url-fit.ts).
  capabilities: { ...anthropicDialect.capabilities, imageUrls: false, documentUrls: false },
  parseRequest(body, context) {
    const { anthropic_version: _version, ...anthropicBody } = isPlainObject(body) ? body : { body };
    const parsed = anthropicDialect.parseRequest(isPlainObject(body) ? anthropicBody : body, context);
    return { ...parsed, request: origins.requestFromCodec(parsed.request) };
  },
  // Vertex takes betas as the Messages API does, in the `anthropic-beta` header, but only those it has enabled (claude-family/platform-betas.ts),
  // and no `output_config.effort` for a model that has none (cloud-effort.ts);
  // of Anthropic's server tools it serves some, web search behind a beta of its own (vertex-server-tools.ts).
  // Vertex refuses Anthropic's top-level `cache_control` (core/request-cache-breakpoint.ts): it goes on the last block;
  // and structured output for the models it does not serve it for (vertex-structured-output.ts).
  emitRequest(request, options) {
    const placing: Warning[] = [];
    const fitted = withOutputFormatForVertex(withRequestBreakpointOnLastPart(request, 'Claude on Vertex AI', placing), options.model, placing);
    const serverTools = vertexServerTools(origins.requestForCodec(fitted));
    const emitted = anthropicDialect.emitRequest(serverTools.request, options);
    const { model: _model, ...body } = emitted.body as Record<string, unknown>;
    const warnings = [...placing, ...serverTools.warnings, ...emitted.warnings];
    const asked = [emitted.headers?.['anthropic-beta'], ...serverTools.betas].filter((beta) => beta !== undefined && beta !== '').join(',');
    const betas = [...new Set(betasForPlatform({ 'anthropic-beta': asked }, 'Vertex AI', warnings))];
    withEffortTheModelTakes(body, options.model, 'Vertex AI', warnings);
    return { body: { anthropic_version: vertexAnthropicVersion, ...body }, warnings, ...(betas.length === 0 ? {} : { headers: { 'anthropic-beta': betas.join(',') } }) };
  },
  parseResponse(body) {
    return origins.responseFromCodec(anthropicDialect.parseResponse(body));
  },
  emitResponse(response, context) {
    return anthropicDialect.emitResponse(origins.responseForCodec(response), context);
  },
  createStreamDecoder() {
    const inner = anthropicDialect.createStreamDecoder();
    return {
      push: (frame) => origins.eventsFromCodec(inner.push(frame)),
      end: () => origins.eventsFromCodec(inner.end()),
    };
  },
  createStreamEncoder(context) {
    const inner = anthropicDialect.createStreamEncoder(context);
    return { encode: (event) => inner.encode(origins.eventForCodec(event)) };
  },
  parseError: parseVertexError,
};
