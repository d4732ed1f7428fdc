/**
 * Claude's web search sources as URL citations on the text they support. With the web search
 * server tool, "citations are always enabled", and a text block carries `citations` whose
 * `web_search_result_location` entries name `url`, `title`, `encrypted_index` and `cited_text`,
 * "up to 150 characters of the cited content"
 * (https://docs.claude.com/en/docs/agents-and-tools/tool-use/web-search-tool, "Citations";
 * `CitationsWebSearchResultLocation` in node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts,
 * `title: string | null`). A stream sends each one as a `citations_delta` (`CitationsDelta.citation`,
 * same file) of the text block it belongs to.
 *
 * `cited_text` quotes the web page, not the answer, so it cannot locate a span of the block: in the
 * documentation's example the block "Claude Shannon was born on April 30, 1916, in Petoskey,
 * Michigan" cites "Claude Elwood Shannon (April 30, 1916 – February 24, 2001) was an American
 * mathematician…". There the answer comes as several text blocks, each cited one holding just the
 * claim its citations support, so a citation covers its whole block: start 0, end the block's
 * length in UTF-16 code units.
 *
 * Document citations (`char_location`, `page_location`, `content_block_location`,
 * `search_result_location`) point into the caller's own documents; only Anthropic callers get them,
 * as the block's vendor data, and other callers are told they were left out.
 */
import { z } from 'zod';
import type { UrlCitation } from '../../interlingua/content.js';
import { unportedOutputKey, type UnportedOutput } from '../../core/unported-output.js';

const webSearchLocationSchema = z.looseObject({
  type: z.literal('web_search_result_location'),
  url: z.string().min(1),
  title: z.string().nullish(),
});

/** What a text block's citations give other dialects. */
export interface BlockCitations {
  citations: UrlCitation[];
  /** Citations with no URL citation form (document locations, or a block with no text). */
  other: number;
}

/** A text block's wire `citations` (whole, or gathered from its `citations_delta` events) for a block of `textLength` UTF-16 units. */
export function blockCitations(wire: readonly unknown[], textLength: number): BlockCitations {
  const citations: UrlCitation[] = [];
  let other = 0;
  for (const entry of wire) {
    const location = webSearchLocationSchema.safeParse(entry);
    if (!location.success || textLength === 0) {
      other += 1;
      continue;
    }
    // Two passages of one page cited for the same block are one citation of it.
    if (citations.some((citation) => citation.url === location.data.url)) continue;
    const citation: UrlCitation = { type: 'url', url: location.data.url, startIndex: 0, endIndex: textLength };
    if (location.data.title != null && location.data.title !== '') citation.title = location.data.title;
    citations.push(citation);
  }
  return { citations, other };
}

/** Counts of the answer's citations, kept until the whole answer is read. */
export class CitationTally {
  private placed = 0;
  private other = 0;

  add(block: BlockCitations): void {
    this.placed += block.citations.length;
    this.other += block.other;
  }

  /** The entries for callers of other dialects (core/unported-output.ts), or undefined when there are none. */
  unported(): Record<string, UnportedOutput[]> | undefined {
    const entries: UnportedOutput[] = [];
    if (this.placed > 0) {
      entries.push({
        feature: 'output.citations',
        message: `Claude cited the web pages its answer rests on (${this.placed} web search citations); this API's answer has no place for them, so they were left out.`,
        urlCitations: true,
      });
    }
    if (this.other > 0) {
      entries.push({ feature: 'output.citations', message: `${this.other} of Claude's citations point into documents rather than web pages; only Anthropic's API carries them, so they were left out.` });
    }
    return entries.length === 0 ? undefined : { [unportedOutputKey]: entries };
  }
}
