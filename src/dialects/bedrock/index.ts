/**
 * The Amazon Bedrock Converse dialect (https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference.html):
 * one request shape for every Bedrock model, streamed as AWS event-stream messages.
 */
import { bedrockToolNames } from './tools-emit.js';
import type { Dialect } from '../../interlingua/dialect.js';
import { emitBedrockError, parseBedrockError } from '../bedrock-family/errors.js';
import { emitRequest } from './request-emit.js';
import { parseRequest } from './request-parse.js';
import { emitResponse } from './response-emit.js';
import { parseResponse } from './response-parse.js';
import { promptCacheLimits } from './prompt-cache-limits.js';
import { createStreamDecoder } from './stream-decode.js';
import { createStreamEncoder } from './stream-encode.js';
import { dialectName } from './vendor-data.js';
import { stopReasonLoss } from './finish-reason.js';
import { bedrockCountTokens } from './count-tokens.js';
import { streamsRequest } from './streamed-tool-use.js';
import { isClaude } from './thinking.js';
import { claudeImageLimits } from '../claude-family/image-limits.js';

export const bedrockDialect: Dialect = {
  name: dialectName,
  streamFraming: 'aws-event-stream',
  // Images are bytes or S3 locations (API_runtime_ImageSource), never http(s) URLs.
  // Claude's own limits on each image hold on Converse too: "Claude has specific content requirements, such as a
  // maximum image size of 8000x8000 pixels" (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-api-restrictions.html).
  // How many images a request holds is Bedrock's own limit, lower than Claude's: the emitter replaces the earliest
  // images past it with a note (media-count-fit.ts) rather than the request being refused.
  capabilities: { imageUrls: false, toolNames: bedrockToolNames, streams: streamsRequest, imageLimits: (model) => (isClaude(model) ? claudeImageLimits : undefined) },
  parseRequest,
  emitRequest,
  parseResponse,
  emitResponse,
  finishReasonLoss: stopReasonLoss,
  createStreamDecoder,
  createStreamEncoder,
  promptCacheLimits,
  countTokens: bedrockCountTokens,
  parseError: (status, body, headers) => parseBedrockError(status, body, headers, dialectName),
  emitError: (error) => emitBedrockError(error, dialectName),
};
