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

/**
 * The geographic prefixes of Bedrock's cross-Region (system-defined) inference profiles, whose ids
 * are `<geography>.<model id>` (https://docs.aws.amazon.com/bedrock/latest/userguide/geographic-cross-region-inference.html:
 * "geographic prefixes such as us, eu, apac"; the whole list, global included, in AWS CDK's
 * `CrossRegionInferenceProfileRegion`, packages/@aws-cdk/aws-bedrock-alpha/bedrock/inference-profiles/cross-region-inference-profile.ts),
 * as a bare id or the last part of the profile's ARN (`…:inference-profile/us.anthropic.…`).
 */
const crossRegionProfile = /^(?:arn:[^:]+:bedrock:[^:]*:[^:]*:inference-profile\/)?(?:us|us-gov|eu|apac|jp|au|global)\.(?=[a-z0-9-]+\.)/;

/**
 * The model id Bedrock's CountTokens is asked about for a deployment's model. CountTokens takes
 * "the unique identifier or ARN of the foundation model"
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html), and a
 * cross-Region inference profile's id, which chat takes, is refused there (Portkey-AI/gateway#1437),
 * so the profile's foundation model is named instead: the same model, so the same tokenizer. An
 * application inference profile names no model, and is sent as configured.
 */
export function bedrockCountTokensModelId(model: string): string {
  return model.replace(crossRegionProfile, '');
}
