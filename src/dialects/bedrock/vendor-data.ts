import type { VendorData } from '../../interlingua/vendor.js';

/** The dialect's name in configuration, in `vendor` data and as a signature's origin. */
export const dialectName = 'bedrock';

/** This dialect's own vendor fields of a part, message or request. */
export function bedrockFields(vendor: VendorData | undefined): Record<string, unknown> {
  return vendor?.[dialectName] ?? {};
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Converse request fields the interlingua has no place for: kept from a Bedrock caller, sent back as they came. */
export const passThroughFields = ['guardrailConfig', 'additionalModelResponseFieldPaths', 'performanceConfig', 'requestMetadata', 'promptVariables', 'serviceTier'] as const;
