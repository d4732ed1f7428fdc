/**
 * A text part's URL citations as Chat Completions annotations: `message.annotations` is a list of
 * `{type: "url_citation", url_citation: {start_index, end_index, title, url}}`, the indices into
 * `message.content` (`ChatCompletionMessage.Annotation` in
 * node_modules/openai/resources/chat/completions/completions.d.ts; "as when using the web search
 * tool", https://platform.openai.com/docs/guides/tools-web-search?api-mode=chat). `title` is a
 * required string there, so a source without one gets its URL as title. A stream sends them in a
 * chunk whose delta holds only `annotations`, after the text (OpenAI's own last chunk of a
 * search-preview model: https://github.com/openai/openai-java/issues/297).
 */
import type { TextCitation } from '../../interlingua/content.js';

export interface WireUrlCitationAnnotation {
  type: 'url_citation';
  url_citation: { start_index: number; end_index: number; title: string; url: string };
}

/** `offset`: where the part's text starts in the message's `content`, which joins every text part. */
export function chatAnnotations(citations: readonly TextCitation[], offset: number): WireUrlCitationAnnotation[] {
  return citations.map((citation) => ({
    type: 'url_citation',
    url_citation: { start_index: citation.startIndex + offset, end_index: citation.endIndex + offset, title: citation.title ?? citation.url, url: citation.url },
  }));
}
