import { bedrockCountTokens } from '../dialects/bedrock/count-tokens.js';
import { bedrockInvokeCountTokens } from '../dialects/anthropic/bedrock-platform.js';
import { readCountTokensInput } from '../dialects/bedrock-family/count-tokens.js';
import type { CountTokensReader } from './count-tokens-pipeline.js';

/**
 * Bedrock's CountTokens path takes either API's body, `input.converse` or `input.invokeModel`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokensInput.html), so the
 * body picks the reader: Converse's codec, or Claude's InvokeModel codec (the InvokeModel body the
 * gateway serves is Claude's, as on `/model/{modelId}/invoke`). Both answer `{"inputTokens": N}`.
 */
export const bedrockCountTokensReader: CountTokensReader = {
  parseRequest(body, context) {
    const codec = readCountTokensInput(body).api === 'invokeModel' ? bedrockInvokeCountTokens : bedrockCountTokens;
    return codec.parseRequest(body, context);
  },
  emitResponse: bedrockCountTokens.emitResponse,
};
