/**
 * The vendor a Bedrock model id names: `anthropic.claude-…`, `us.meta.llama4-…` (a cross-region
 * inference profile), or an ARN ending in either (`…:foundation-model/amazon.nova-pro-v1:0`,
 * `…:inference-profile/eu.mistral.pixtral-large-2502-v1:0`). Model ids are `vendor.model`
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html). An application
 * inference profile or an imported model names none: what Bedrock refuses per vendor is then
 * not known, and nothing is fitted for it.
 */
const vendorOfId = /(?:^|[./])(ai21|amazon|anthropic|cohere|deepseek|meta|mistral|openai|qwen|writer)\.([a-z0-9][^/:]*)/;

export interface BedrockModelName {
  vendor: string;
  /** The rest of the id after the vendor, version included (`llama4-maverick-17b-instruct-v1:0` without its `:0`). */
  model: string;
}

export function bedrockModelName(modelId: string): BedrockModelName | undefined {
  const found = vendorOfId.exec(modelId);
  return found === null ? undefined : { vendor: found[1]!, model: found[2]! };
}
