/**
 * An upstream's `output_text` annotations read back into URL citations of that part's text
 * (url-citations.ts writes them). With the web search tool, a message's `output_text` carries
 * `url_citation` annotations whose `start_index` and `end_index` point into that part's own text
 * (`ResponseOutputText.URLCitation`: `{type, start_index, end_index, title, url}`, in
 * node_modules/openai/resources/responses/responses.d.ts;
 * https://platform.openai.com/docs/guides/tools-web-search). A stream announces each with
 * `response.output_text.annotation.added` (`output_index`, `content_index`, `annotation_index`,
 * `annotation`: `ResponseOutputTextAnnotationAddedEvent`, same file), and repeats them in the part
 * of `response.content_part.done`, the item of `response.output_item.done` and the final response,
 * so a citation already read is not read twice. File citations (`file_citation`,
 * `container_file_citation`, `file_path`) name files only OpenAI holds: a Responses caller gets
 * them back from vendor data, others are told they were left out.
 */
import { z } from 'zod';
import type { UrlCitation } from '../../interlingua/content.js';
import { unportedOutputKey, type UnportedOutput } from '../../core/unported-output.js';
import { isRecord } from './vendor.js';

const index = z.number().int().nonnegative();
const urlCitationSchema = z.object({ type: z.literal('url_citation'), start_index: index, end_index: index, url: z.string().min(1), title: z.string().nullish() });

/** `response.output_text.annotation.added`, read tolerantly: only where it goes and the annotation. */
export const annotationAddedEventSchema = z.object({ output_index: index, content_index: index, annotation: z.unknown() });

/** One annotation as a URL citation of a text of `textLength` UTF-16 units, or undefined when it is none (or points outside the text). */
export function urlCitationOf(annotation: unknown, textLength: number): UrlCitation | undefined {
  const read = urlCitationSchema.safeParse(annotation);
  if (!read.success) return undefined;
  const { start_index: startIndex, end_index: endIndex, url, title } = read.data;
  if (endIndex <= startIndex || endIndex > textLength) return undefined;
  const citation: UrlCitation = { type: 'url', url, startIndex, endIndex };
  if (title != null && title !== '') citation.title = title;
  return citation;
}

/** A part's `annotations` as URL citations of its text, and how many were not ones. */
export function partCitations(annotations: unknown, text: string): { citations: UrlCitation[]; other: number } {
  const citations: UrlCitation[] = [];
  let other = 0;
  for (const annotation of Array.isArray(annotations) ? annotations : []) {
    const citation = urlCitationOf(annotation, text.length);
    if (citation === undefined) other += 1;
    else citations.push(citation);
  }
  return { citations, other };
}

/** The `annotations` of content part `contentIndex` of a raw message item, as an item or the final output holds it. */
export function rawPartAnnotations(item: unknown, contentIndex: number): unknown {
  if (!isRecord(item) || !Array.isArray(item['content'])) return undefined;
  const part: unknown = item['content'][contentIndex];
  return isRecord(part) ? part['annotations'] : undefined;
}

/** A key telling one annotation from another, for reading each once: a URL citation by what it says, anything else by its JSON. */
export function annotationKey(annotation: unknown, citation: UrlCitation | undefined): string {
  return citation === undefined ? JSON.stringify(annotation) : JSON.stringify([citation.url, citation.startIndex, citation.endIndex]);
}

/** The entries for callers of other dialects (core/unported-output.ts), or undefined when there are none. */
export function citationsUnported(placed: number, other: number): Record<string, UnportedOutput[]> | undefined {
  const entries: UnportedOutput[] = [];
  if (placed > 0) {
    entries.push({
      feature: 'output.citations',
      message: `The upstream cited the web pages its answer rests on (${placed} url_citation annotations); this API's answer has no place for them, so they were left out.`,
      urlCitations: true,
    });
  }
  if (other > 0) {
    entries.push({ feature: 'output.citations', message: `${other} of the upstream's annotations cite files only OpenAI holds, or no span of the answer's text; they were left out.` });
  }
  return entries.length === 0 ? undefined : { [unportedOutputKey]: entries };
}
