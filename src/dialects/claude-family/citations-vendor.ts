/**
 * Claude's citations of a text block, kept in the interlingua as Claude wrote them, for an
 * Anthropic caller to get back whole: a `text-end` event's (or a text part's)
 * `vendor.anthropic.citations`. Two wire formats carry Claude's citations in: the Anthropic
 * dialect gathers a streamed block's `citations_delta` events (anthropic/stream-decode.ts), and
 * the Converse dialect writes the document citations Converse relays from Claude in Claude's own
 * form (bedrock/citations.ts). The Anthropic encoder writes them back out
 * (anthropic/stream-citations.ts).
 */
import type { VendorData } from '../../interlingua/vendor.js';

/**
 * The vendor name Claude's citations travel under: the Anthropic dialect's own
 * (`dialectName` in anthropic/vendor-data.ts), since its caller is the one who gets them back.
 */
export const claudeCitationsVendorName = 'anthropic';

/** `text-end`'s vendor data for a block that Claude cited. */
export function wireCitationsVendor(citations: readonly unknown[]): VendorData {
  return { [claudeCitationsVendorName]: { citations: [...citations] } };
}
