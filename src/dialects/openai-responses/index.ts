/**
 * The OpenAI Responses dialect (`POST /v1/responses`), both as an API the gateway serves and as
 * an upstream it calls. The conversation store (`store`, `previous_response_id`,
 * `GET /v1/responses/{id}`) is not the dialect's: those fields travel in
 * `vendor['openai-responses']` for the gateway to act on.
 * Reference: https://platform.openai.com/docs/api-reference/responses
 */
import type { Dialect } from '../../interlingua/dialect.js';
import { openaiToolNames } from '../openai-family/tool-names.js';
import { emitError, parseError } from './errors.js';
import { emitRequest } from './request-emit.js';
import { parseRequest } from './request-parse.js';
import { emitResponse } from './response-emit.js';
import { parseResponse } from './response-parse.js';
import { OpenaiResponsesStreamDecoder } from './stream-decode.js';
import { OpenaiResponsesStreamEncoder } from './stream-encode.js';
import { dialectName } from './vendor.js';
import { finishReasonLoss } from './finish-reason.js';

export const openaiResponsesDialect: Dialect = {
  name: dialectName,
  streamFraming: 'sse',
  capabilities: { imageUrls: true, toolNames: openaiToolNames, objectSchemaRoot: true },
  parseRequest,
  emitRequest,
  parseResponse,
  emitResponse,
  finishReasonLoss,
  writesGeneratedImages: true,
  writesUrlCitations: true,
  createStreamDecoder: () => new OpenaiResponsesStreamDecoder(),
  createStreamEncoder: (context) => new OpenaiResponsesStreamEncoder(context),
  parseError,
  emitError,
};
