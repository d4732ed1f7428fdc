/**
 * Claude's citations of a streamed text block, kept as it sent them for an Anthropic caller. The
 * decoder gathers a block's `citations_delta` events (stream-decode.ts) and puts the wire citations
 * in its `text-end` event's `vendor.anthropic.citations` (claude-family/citations-vendor.ts, where
 * Converse's Claude citations are put too), as a whole answer keeps them in its text
 * part's (response-parse.ts); the encoder writes each back as a `citations_delta`
 * (`CitationsDelta` in node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts:
 * `{type: "citations_delta", citation}`), one per citation, in Claude's order.
 *
 * Only Claude's own citations are written: a `web_search_result_location` needs the
 * `encrypted_index` and `cited_text` Claude issued (`CitationsWebSearchResultLocation`, same
 * file), which no other vendor's URL citation has, and a caller sends them back to Claude in its
 * next turn. Other vendors' URL citations are reported to an Anthropic caller as left out
 * (core/unported-output.ts), never written as Anthropic citations.
 */
import type { VendorData } from '../../interlingua/vendor.js';
import { dialectName, isPlainObject } from './vendor-data.js';

/** The `citations_delta` deltas for a `text-end`'s vendor data: Claude's citations, or none. */
export function citationDeltas(vendor: VendorData | undefined): Array<{ type: 'citations_delta'; citation: Record<string, unknown> }> {
  const citations = vendor?.[dialectName]?.['citations'];
  if (!Array.isArray(citations)) return [];
  return citations.filter((citation): citation is Record<string, unknown> => isPlainObject(citation) && typeof citation['type'] === 'string').map((citation) => ({ type: 'citations_delta', citation }));
}
