/**
 * The Anthropic Messages API dialect (https://docs.claude.com/en/api/messages), both as an API
 * the gateway serves and as an upstream it calls.
 */
import type { Dialect } from '../../interlingua/dialect.js';
import { emitError, parseError } from './errors.js';
import { anthropicCountTokens } from './count-tokens.js';
import { emitRequest } from './request-emit.js';
import { parseRequest } from './request-parse.js';
import { emitResponse } from './response-emit.js';
import { parseResponse } from './response-parse.js';
import { createStreamDecoder } from './stream-decode.js';
import { createStreamEncoder } from './stream-encode.js';
import { dialectName } from './vendor-data.js';
import { promptCacheLimits } from './prompt-cache-limits.js';
import { anthropicToolNames } from './tool-names.js';
import { stopReasonLoss } from './finish-reason.js';
import { claudeImageLimitsFor, claudeImageMediaTypes } from '../claude-family/image-limits.js';

export const anthropicDialect: Dialect = {
  name: dialectName,
  streamFraming: 'sse',
  // Images may be given by URL: `source: {type: "url", url}`.
  capabilities: { imageUrls: true, toolNames: anthropicToolNames, imageMediaTypes: claudeImageMediaTypes, imageLimits: claudeImageLimitsFor },
  // Claude's document citations, and Bedrock Converse's in Claude's form (bedrock/citations.ts).
  writesDocumentCitations: true,
  finishReasonLoss: stopReasonLoss,
  parseRequest,
  emitRequest,
  parseResponse,
  emitResponse,
  createStreamDecoder,
  createStreamEncoder,
  parseError,
  emitError,
  countTokens: anthropicCountTokens,
  promptCacheLimits,
};
