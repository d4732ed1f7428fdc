import { isRecord, pathOf, type JudgedRequest, type VendorRule } from '../rule.js';

/** The model a Bedrock path names, its id as written (`us.amazon.nova-pro-v1:0`). */
function pathModelId(request: JudgedRequest): string | undefined {
  const match = /^\/model\/([^/]+)\/(?:converse|converse-stream)$/.exec(pathOf(request));
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** Amazon Nova on Bedrock, with or without a cross-region inference profile's geography (`us.`, `eu.`, …). */
const novaModel = /^(?:[a-z-]+\.)?amazon\.nova-/;

export const bedrockModelRules: VendorRule[] = [
  {
    id: 'bedrock.model.nova-no-tool-cache-point',
    // Bedrock's prompt caching models table gives Nova Micro, Lite and Pro "system, messages" as the fields that
    // take cache checkpoints (Claude: "system, messages, tools"): "Tools caching is not supported for Amazon Nova
    // models". The refusal's wording is not recorded; Bedrock's validation style is followed.
    source: 'docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html#prompt-caching-models (quoted in portkey.ai/docs/integrations/llms/bedrock/prompt-caching)',
    check: (request) => {
      const model = pathModelId(request);
      if (model === undefined || !novaModel.test(model) || !isRecord(request.body)) return undefined;
      const config = request.body['toolConfig'];
      const tools = isRecord(config) && Array.isArray(config['tools']) ? config['tools'] : [];
      const index = tools.findIndex((tool) => isRecord(tool) && tool['cachePoint'] !== undefined);
      return index === -1 ? undefined : `Malformed input request: toolConfig.tools.${index + 1}: cachePoint is not supported for tools with model ${model}, please reformat your input and try again.`;
    },
  },
];
