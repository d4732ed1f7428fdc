/**
 * CountTokens for Claude's InvokeModel body on Bedrock: the `input.invokeModel` member, whose `body`
 * is the InvokeModel body in base64 (bedrock-family/count-tokens.ts). The body must be one InvokeModel
 * itself would take, `anthropic_version` and `max_tokens` included
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html:
 * both "(Required)"), since "the input format must be compatible with the model specified in the
 * modelId parameter" (API_runtime_CountTokens.html, `input`).
 */
import type { CountTokensCodec } from '../../interlingua/count-tokens.js';
import type { EmitRequestOptions, EmittedRequest, ParsedRequest, ParseRequestContext } from '../../interlingua/dialect.js';
import type { ChatRequest } from '../../interlingua/request.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { emitCountTokensResponse, invokeModelCountTokensBody, parseCountTokensResponse, readCountTokensInput } from '../bedrock-family/count-tokens.js';
import { isPlainObject } from './vendor-data.js';

/** The `max_tokens` a count sends and reads when the caller named none: counting generates nothing, but InvokeModel's body requires the field. */
const countingMaxTokens = 1;

export function invokeModelCountTokens(
  parseInvoke: (body: unknown, context: ParseRequestContext) => ParsedRequest,
  emitInvoke: (request: ChatRequest, options: EmitRequestOptions) => EmittedRequest,
): CountTokensCodec {
  return {
    parseRequest(body, context) {
      const input = readCountTokensInput(body);
      if (input.api !== 'invokeModel') throw new InterlinguaError('invalid_request', 'This count takes an InvokeModel body, input.invokeModel.', { param: 'input' });
      // The Messages parser requires max_tokens, which a count asked by a caller may leave out.
      const withLimit = isPlainObject(input.body) && !('max_tokens' in input.body) ? { ...input.body, max_tokens: countingMaxTokens } : input.body;
      return parseInvoke(withLimit, { ...context, stream: false });
    },
    emitResponse: emitCountTokensResponse,
    emitRequest(request, options) {
      const { body } = emitInvoke({ ...request, stream: false }, { ...options, defaultMaxOutputTokens: countingMaxTokens });
      return invokeModelCountTokensBody(body);
    },
    parseResponse: parseCountTokensResponse,
  };
}
