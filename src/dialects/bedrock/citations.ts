/**
 * Converse document citations. With citations enabled on a document, Converse answers the cited
 * passage as a `citationsContent` block, `{content: [{text}], citations: [{title, sourceContent:
 * [{text}], location}]}` (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CitationsContentBlock.html,
 * API_runtime_Citation.html), and a stream sends the passage as one block of text deltas with one
 * `citation` delta per citation of the block, `{title, sourceContent, location}`, recorded before
 * the text (vercel/ai packages/amazon-bedrock/src/__fixtures__/bedrock-document-citations.chunks.txt)
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlockDelta.html,
 * API_runtime_CitationsDelta.html). `location` is a union of `documentChar`, `documentPage` and
 * `documentChunk`, each `{documentIndex, start, end}` (API_runtime_CitationLocation.html,
 * API_runtime_DocumentCharLocation.html).
 *
 * The passage is read as a text part, so every caller gets the words. The citations stay as
 * Converse wrote them for a Bedrock caller, and go as Claude's own `char_location`,
 * `page_location` and `content_block_location` citations to an Anthropic caller, kept as the
 * Anthropic dialect keeps Claude's (claude-family/citations-vendor.ts): Converse relays Claude's
 * document citations, whose fields are the same (`CitationCharLocation`, `CitationPageLocation`,
 * `CitationContentBlockLocation` in node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts).
 * A location of another kind (`web`, `searchResultLocation`) has no Claude form without the
 * fields Claude issued with it, so it stays for Bedrock callers only. Callers of every other API
 * are told what was left out (`CitationCount`, core/unported-output.ts), as Claude's own document
 * citations are told (anthropic/web-search-citations.ts).
 */
import type { TextPart } from '../../interlingua/content.js';
import type { VendorData } from '../../interlingua/vendor.js';
import { wireCitationsVendor } from '../claude-family/citations-vendor.js';
import { unportedOutputKey, type UnportedOutput } from '../../core/unported-output.js';
import { dialectName } from './vendor-data.js';
import type { WireCitation, WireCitationsContent } from './wire-schema.js';

/** Claude's names for each Converse location kind: the citation type and its start and end fields. */
const claudeLocations = [
  { converse: 'documentChar', type: 'char_location', start: 'start_char_index', end: 'end_char_index' },
  { converse: 'documentPage', type: 'page_location', start: 'start_page_number', end: 'end_page_number' },
  { converse: 'documentChunk', type: 'content_block_location', start: 'start_block_index', end: 'end_block_index' },
] as const;

/** A Converse citation as Claude writes it, or undefined for a location Claude's citations have no form for. */
function claudeCitation(citation: WireCitation): Record<string, unknown> | undefined {
  for (const kind of claudeLocations) {
    const span = citation.location?.[kind.converse];
    if (span === undefined) continue;
    return {
      type: kind.type,
      cited_text: (citation.sourceContent ?? []).map((source) => source.text ?? '').join(''),
      document_index: span.documentIndex ?? 0,
      document_title: citation.title ?? null,
      [kind.start]: span.start ?? 0,
      [kind.end]: span.end ?? 0,
    };
  }
  return undefined;
}

/** The vendor data of a text part (or `text-end`) that Converse cited: the citations for Bedrock and, where they have a form there, for Anthropic callers. */
export function citedTextVendor(citations: readonly WireCitation[]): VendorData | undefined {
  if (citations.length === 0) return undefined;
  const claude = citations.flatMap((citation) => claudeCitation(citation) ?? []);
  return { ...(claude.length > 0 ? wireCitationsVendor(claude) : {}), [dialectName]: { citations: [...citations] } };
}

/** A `citationsContent` block as a text part: its generated text, with its citations as vendor data. */
export function citedTextPart(block: WireCitationsContent): TextPart {
  const part: TextPart = { type: 'text', text: (block.content ?? []).map((piece) => piece.text ?? '').join('') };
  const vendor = citedTextVendor(block.citations ?? []);
  if (vendor !== undefined) part.vendor = vendor;
  return part;
}

/** A text part back as Converse wrote it: a `citationsContent` block when Converse cited it. */
export function citationsContentOfPart(part: TextPart): Record<string, unknown> | undefined {
  const citations = part.vendor?.[dialectName]?.['citations'];
  if (!Array.isArray(citations) || citations.length === 0) return undefined;
  return { citationsContent: { content: [{ text: part.text }], citations } };
}

/**
 * The answer's Converse citations, counted until the whole answer is read, for the callers that
 * get none of them. The entries go in this dialect's vendor data, which a Bedrock caller's own
 * answer writes back (core/unported-output.ts skips the caller's own dialect).
 */
export class CitationCount {
  private claudeForm = 0;
  private converseOnly = 0;

  add(citations: readonly WireCitation[]): void {
    for (const citation of citations) {
      if (claudeCitation(citation) === undefined) this.converseOnly += 1;
      else this.claudeForm += 1;
    }
  }

  /** The entries for callers of other dialects, or undefined when Converse cited nothing. */
  unported(): Record<string, UnportedOutput[]> | undefined {
    const entries: UnportedOutput[] = [];
    if (this.claudeForm > 0) {
      entries.push({
        feature: 'output.citations',
        message: `Bedrock cited the caller's documents (${this.claudeForm} citations); only Bedrock Converse answers, and Anthropic Messages answers as Claude's citations, have a place for them, so they were left out.`,
        documentCitations: true,
      });
    }
    if (this.converseOnly > 0) {
      entries.push({ feature: 'output.citations', message: `${this.converseOnly} of Bedrock's citations point to web pages or search results in a form only Bedrock Converse answers carry, so they were left out.` });
    }
    return entries.length === 0 ? undefined : { [unportedOutputKey]: entries };
  }
}
