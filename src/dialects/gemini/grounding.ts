/**
 * A grounded answer's sources as URL citations on its text. With the Google Search tool, Gemini
 * puts `groundingMetadata` on the candidate (https://ai.google.dev/api/generate-content#GroundingMetadata;
 * https://ai.google.dev/gemini-api/docs/google-search): `groundingChunks[].web.{uri, title}` are the
 * pages, and each of `groundingSupports[]` ties a `segment` of the answer to some of them by
 * `groundingChunkIndices`. A segment names its part (`partIndex`, "the index of a Part object within
 * its parent Content object") and its span in bytes: "Start index in the given Part, measured in
 * bytes" (`Segment`, https://docs.cloud.google.com/vertex-ai/docs/reference/rest/v1beta1/GroundingMetadata;
 * the UTF-8 reading is confirmed in https://github.com/google-gemini/gemini-cli/issues/29039). Zero
 * values are left out on the wire (a recorded answer with no `partIndex` and no `startIndex` on its
 * first segment: aaronlifton/.config, .config/nvim/lua/util/model/metadata.lua).
 *
 * A segment also repeats its `text`: a span is placed where its bytes say only when the text there
 * is that text, and otherwise where that text occurs, so a streamed answer (whose parts came in
 * pieces) and an answer with thought parts before its text are placed right too. What cannot be
 * placed, and what other dialects have no field for (the search suggestions), is listed for the
 * gateway to report (core/unported-output.ts).
 */
import { z } from 'zod';
import type { UrlCitation } from '../../interlingua/content.js';
import type { UnportedOutput } from '../../core/unported-output.js';
import { Utf8Offsets } from '../../core/utf8-offsets.js';

const groundingMetadataSchema = z.looseObject({
  groundingChunks: z.array(z.looseObject({ web: z.looseObject({ uri: z.string().nullish(), title: z.string().nullish() }).nullish() }).nullish()).nullish(),
  groundingSupports: z
    .array(
      z.looseObject({
        segment: z.looseObject({ partIndex: z.number().nullish(), startIndex: z.number().nullish(), endIndex: z.number().nullish(), text: z.string().nullish() }).nullish(),
        groundingChunkIndices: z.array(z.number()).nullish(),
      }),
    )
    .nullish(),
  webSearchQueries: z.array(z.string()).nullish(),
  searchEntryPoint: z.looseObject({ renderedContent: z.string().nullish() }).nullish(),
});
export type GroundingMetadata = z.output<typeof groundingMetadataSchema>;

/** A candidate's `groundingMetadata`, or undefined when it has none (or one of another shape). */
export function groundingMetadataOf(candidate: Readonly<Record<string, unknown>> | undefined): GroundingMetadata | undefined {
  const value = candidate?.['groundingMetadata'];
  if (value == null) return undefined;
  const parsed = groundingMetadataSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** One answer text the citations may point into; `partIndex` is its part's position in the candidate's content, when known. */
export interface CitableText {
  text: string;
  partIndex?: number;
}

export interface PlacedGrounding {
  /** Citations for each of the given texts, in the same order. */
  citations: UrlCitation[][];
  /** The grounding's entries for a caller whose dialect cannot take it. */
  unported: UnportedOutput[];
}

/**
 * How many texts the supports of one answer may be looked for in, all together. A support is
 * looked for in every text until it is found, so an answer of thousands of parts and thousands of
 * supports was millions of looks (5,000 of each held the event loop 2 s); a real answer has a
 * few of each. Supports past the bound are counted as not placed, as those no text holds are.
 */
export const maxGroundingLooks = 200_000;

export function placeGrounding(metadata: GroundingMetadata, texts: readonly CitableText[]): PlacedGrounding {
  const citations: UrlCitation[][] = texts.map(() => []);
  // Each text's citations by source and span, so a repeated one is seen in one look, not a scan of the list.
  const cited = texts.map(() => new Set<string>());
  const offsets = texts.map((entry) => new Utf8Offsets(entry.text));
  const orders = new TextOrders(texts);
  const chunks = metadata.groundingChunks ?? [];
  let looksLeft = maxGroundingLooks;
  let placed = 0;
  let unplaced = 0;
  for (const support of metadata.groundingSupports ?? []) {
    const sources = (support.groundingChunkIndices ?? []).map((index) => chunks[index]?.web);
    let span: ReturnType<typeof locate>;
    if (support.segment != null && looksLeft > 0) {
      looksLeft -= texts.length;
      span = locate(support.segment, texts, offsets, orders.for(support.segment.partIndex ?? 0));
    }
    for (const source of sources) {
      if (span === undefined || source?.uri == null || source.uri === '') {
        unplaced += 1;
        continue;
      }
      const citation: UrlCitation = { type: 'url', url: source.uri, startIndex: span.start, endIndex: span.end };
      if (source.title != null) citation.title = source.title;
      const key = `${citation.url}\u0000${citation.startIndex}\u0000${citation.endIndex}`;
      if (!cited[span.text]!.has(key)) {
        cited[span.text]!.add(key);
        citations[span.text]!.push(citation);
      }
      placed += 1;
    }
  }
  return { citations, unported: unportedGrounding(metadata, placed, unplaced) };
}

/** The order texts are looked in for a segment of a part: that part's texts first, then the rest; one order per part index. */
class TextOrders {
  private readonly orders = new Map<number, number[]>();

  constructor(private readonly texts: readonly CitableText[]) {}

  for(partIndex: number): number[] {
    let order = this.orders.get(partIndex);
    if (order === undefined) {
      const indices = this.texts.map((_, index) => index);
      order = [...indices.filter((index) => this.texts[index]?.partIndex === partIndex), ...indices.filter((index) => this.texts[index]?.partIndex !== partIndex)];
      this.orders.set(partIndex, order);
    }
    return order;
  }
}

type Segment = NonNullable<NonNullable<NonNullable<GroundingMetadata['groundingSupports']>[number]['segment']>>;

/** Which text a segment is in and where, in UTF-16 indices; undefined when it is in none of them. */
function locate(segment: Segment, texts: readonly CitableText[], offsets: readonly Utf8Offsets[], order: readonly number[]): { text: number; start: number; end: number } | undefined {
  const wanted = segment.text ?? undefined;
  for (const index of order) {
    const entry = texts[index];
    const offset = offsets[index];
    if (entry === undefined || offset === undefined) continue;
    const start = offset.toUtf16(segment.startIndex ?? 0);
    const end = segment.endIndex == null ? undefined : offset.toUtf16(segment.endIndex);
    if (start !== undefined && end !== undefined && end > start && (wanted === undefined || entry.text.slice(start, end) === wanted)) return { text: index, start, end };
  }
  if (wanted === undefined || wanted === '') return undefined;
  for (const index of order) {
    const found = texts[index]?.text.indexOf(wanted) ?? -1;
    if (found >= 0) return { text: index, start: found, end: found + wanted.length };
  }
  return undefined;
}

function unportedGrounding(metadata: GroundingMetadata, placed: number, unplaced: number): UnportedOutput[] {
  const entries: UnportedOutput[] = [];
  if (placed > 0) {
    entries.push({
      feature: 'output.citations',
      message: `Gemini grounded its answer with Google Search and cited its sources (${placed} citations); this API's answer has no place for them, so they were left out.`,
      urlCitations: true,
    });
  }
  if (unplaced > 0) {
    entries.push({ feature: 'output.citations', message: `${unplaced} of Gemini's grounding citations name no web page or a span not found in the answer's text; they were left out.` });
  }
  const queries = metadata.webSearchQueries?.length ?? 0;
  if (queries > 0 || metadata.searchEntryPoint?.renderedContent != null) {
    entries.push({
      feature: 'output.searchSuggestions',
      message: `Gemini's Google Search queries (${queries}) and search suggestions (searchEntryPoint) have no place in this API's answer; they were left out.`,
    });
  }
  return entries;
}
