/**
 * The namespaced escape hatch: values only one vendor knows (Anthropic `cache_control`,
 * Gemini `thoughtSignature` on a call, OpenAI `logprobs`) travel here, keyed by dialect name,
 * instead of widening the core types. A same-dialect pass-through reads them back.
 */
export type VendorData = Record<string, Record<string, unknown>>;
