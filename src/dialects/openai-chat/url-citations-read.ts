/**
 * An upstream's Chat Completions annotations read back into URL citations on the answer's text
 * parts (url-citations.ts writes them). `message.annotations` holds `{type: "url_citation",
 * url_citation: {start_index, end_index, title, url}}` entries indexed into `message.content`
 * (`ChatCompletionMessage.Annotation` in node_modules/openai/resources/chat/completions/completions.d.ts;
 * "Annotations for the message, when applicable, as when using the web search tool",
 * https://platform.openai.com/docs/guides/tools-web-search?api-mode=chat). A search-preview model's
 * stream sends them as `delta.annotations`, in its last chunk
 * (https://github.com/openai/openai-java/issues/297), and some servers repeat them in several
 * chunks, so exact repeats are dropped (https://github.com/openai/openai-agents-js/pull/1617).
 * The indices are taken as JavaScript string indices, the unit the interlingua uses; OpenAI does
 * not document another.
 */
import { z } from 'zod';
import type { UrlCitation } from '../../interlingua/content.js';
import { unportedOutputKey, type UnportedOutput } from '../../core/unported-output.js';

const index = z.number().int().nonnegative();
const urlCitationAnnotationSchema = z.object({
  type: z.literal('url_citation'),
  url_citation: z.object({ start_index: index, end_index: index, url: z.string().min(1), title: z.string().nullish() }),
});

/** The URL citations of the answer, indexed into the whole `content`, and how many annotations were not ones. */
export class ContentCitations {
  /**
   * Citations not yet placed on a text part, by where they start, each with its place in the order
   * they came. A part looks up the starts within it, or walks the pending ones when fewer: a scan
   * of every pending citation for each part was quadratic in a stream of many parts (20,000 of each
   * took over a second).
   */
  private pending = new Map<number, Array<{ citation: UrlCitation; order: number }>>();
  private pendingCount = 0;
  private received = 0;
  private readonly seen = new Set<string>();
  private placed = 0;
  private unplaced = 0;

  /** A `message.annotations` or `delta.annotations` value; anything but an array of annotations counts as unplaced. */
  add(annotations: unknown): void {
    if (!Array.isArray(annotations)) return;
    for (const annotation of annotations) {
      const read = urlCitationAnnotationSchema.safeParse(annotation);
      if (!read.success || read.data.url_citation.end_index <= read.data.url_citation.start_index) {
        this.unplaced += 1;
        continue;
      }
      const { start_index: startIndex, end_index: endIndex, url, title } = read.data.url_citation;
      const key = JSON.stringify([url, startIndex, endIndex]);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      const citation: UrlCitation = { type: 'url', url, startIndex, endIndex };
      if (title != null && title !== '') citation.title = title;
      const starting = this.pending.get(startIndex);
      const entry = { citation, order: this.received++ };
      if (starting === undefined) this.pending.set(startIndex, [entry]);
      else starting.push(entry);
      this.pendingCount += 1;
    }
  }

  /**
   * The pending citations that fall in the text part at `[start, start + length)` of `content`,
   * indexed into the part, in the order they came; they are no longer pending.
   */
  take(start: number, length: number): UrlCitation[] | undefined {
    const end = start + length;
    const inside: Array<{ citation: UrlCitation; order: number }> = [];
    const takeFrom = (at: number, starting: Array<{ citation: UrlCitation; order: number }>) => {
      const left = starting.filter((entry) => entry.citation.endIndex > end);
      if (left.length === starting.length) return;
      for (const entry of starting) if (entry.citation.endIndex <= end) inside.push(entry);
      this.pendingCount -= starting.length - left.length;
      if (left.length === 0) this.pending.delete(at);
      else this.pending.set(at, left);
    };
    if (this.pending.size <= length) {
      for (const [at, starting] of this.pending) if (at >= start && at < end) takeFrom(at, starting);
    } else {
      for (let at = start; at < end; at++) {
        const starting = this.pending.get(at);
        if (starting !== undefined) takeFrom(at, starting);
      }
    }
    if (inside.length === 0) return undefined;
    this.placed += inside.length;
    inside.sort((left, right) => left.order - right.order);
    return inside.map(({ citation }) => ({ ...citation, startIndex: citation.startIndex - start, endIndex: citation.endIndex - start }));
  }

  /** The entries for callers of other dialects (core/unported-output.ts); citations still pending are counted as unplaced. */
  unported(): Record<string, UnportedOutput[]> | undefined {
    const unplaced = this.unplaced + this.pendingCount;
    const entries: UnportedOutput[] = [];
    if (this.placed > 0) {
      entries.push({
        feature: 'output.citations',
        message: `The upstream cited the web pages its answer rests on (${this.placed} url_citation annotations); this API's answer has no place for them, so they were left out.`,
        urlCitations: true,
      });
    }
    if (unplaced > 0) {
      entries.push({ feature: 'output.citations', message: `${unplaced} of the upstream's annotations are no URL citation of the answer's text; they were left out.` });
    }
    return entries.length === 0 ? undefined : { [unportedOutputKey]: entries };
  }
}
