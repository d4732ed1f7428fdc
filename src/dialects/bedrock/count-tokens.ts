/**
 * CountTokens for the Converse API: the `input.converse` member (bedrock-family/count-tokens.ts).
 * A body holding `input.invokeModel` is the model's own InvokeModel body, which this dialect does
 * not read; the gateway hands such bodies to the InvokeModel dialect (`bedrock-anthropic`).
 */
import type { CountTokensCodec } from '../../interlingua/count-tokens.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { converseCountTokensBody, emitCountTokensResponse, parseCountTokensResponse, readCountTokensInput } from '../bedrock-family/count-tokens.js';
import { parseRequest } from './request-parse.js';
import { emitRequest } from './request-emit.js';

export const bedrockCountTokens: CountTokensCodec = {
  parseRequest(body, context) {
    const input = readCountTokensInput(body);
    if (input.api !== 'converse') throw new InterlinguaError('invalid_request', 'This count takes a Converse body, input.converse.', { param: 'input' });
    // Every member of ConverseTokensRequest is optional (API_runtime_ConverseTokensRequest.html); the Converse parser wants messages.
    return parseRequest({ messages: [], ...input.body }, { ...context, stream: false });
  },
  emitResponse: emitCountTokensResponse,
  emitRequest(request, options) {
    const { body } = emitRequest({ ...request, stream: false }, { model: options.model, defaultMaxOutputTokens: 1 });
    return converseCountTokensBody(body as Record<string, unknown>);
  },
  parseResponse: parseCountTokensResponse,
};
