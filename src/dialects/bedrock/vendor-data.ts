import type { VendorData } from '../../interlingua/vendor.js';
export { isRecord as isPlainObject } from '../../core/is-record.js';

/** The dialect's name in configuration, in `vendor` data and as a signature's origin. */
export const dialectName = 'bedrock';

/** This dialect's own vendor fields of a part, message or request. */
export function bedrockFields(vendor: VendorData | undefined): Record<string, unknown> {
  return vendor?.[dialectName] ?? {};
}

/**
 * Answer fields the interlingua has no place for, the same in a whole answer (ConverseResponse) and
 * in a stream's `metadata` event (ConverseStreamMetadataEvent): the guardrail and prompt-router
 * `trace` (sent when the caller's `guardrailConfig.trace` asks), the `performanceConfig` and the
 * `serviceTier` that served it (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax,
 * API_runtime_ConverseStreamMetadataEvent.html). Kept from a Bedrock upstream in `vendor.bedrock`
 * under the same names, written back as they came for a Bedrock caller.
 */
export const answerPassThroughFields = ['trace', 'performanceConfig', 'serviceTier'] as const;

/** Copies each of `answerPassThroughFields` that `from` has into `to`. */
export function copyAnswerPassThrough(from: Record<string, unknown>, to: Record<string, unknown>): void {
  for (const field of answerPassThroughFields) if (from[field] !== undefined) to[field] = from[field];
}

/** Converse request fields the interlingua has no place for: kept from a Bedrock caller, sent back as they came. */
export const passThroughFields = ['guardrailConfig', 'additionalModelResponseFieldPaths', 'performanceConfig', 'requestMetadata', 'promptVariables', 'serviceTier'] as const;
