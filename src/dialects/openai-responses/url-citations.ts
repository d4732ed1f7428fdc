/**
 * A text part's URL citations as Responses annotations on its `output_text`: `{type: "url_citation",
 * start_index, end_index, title, url}`, the indices into that part's `text`
 * (`ResponseOutputText.URLCitation` in node_modules/openai/resources/responses/responses.d.ts). A
 * stream announces each one with `response.output_text.annotation.added` (`item_id`,
 * `output_index`, `content_index`, `annotation_index`, `annotation`:
 * `ResponseOutputTextAnnotationAddedEvent`, same file) before the part is done. `title` is a
 * required string there, so a source without one gets its URL as title.
 */
import type { TextCitation } from '../../interlingua/content.js';

export interface WireUrlCitation {
  type: 'url_citation';
  start_index: number;
  end_index: number;
  title: string;
  url: string;
}

export function responsesAnnotations(citations: readonly TextCitation[]): WireUrlCitation[] {
  return citations.map((citation) => ({ type: 'url_citation', start_index: citation.startIndex, end_index: citation.endIndex, title: citation.title ?? citation.url, url: citation.url }));
}
