/**
 * Output an upstream's answer held that the interlingua has no part for: an image the model drew
 * (Gemini `inlineData` in an answer), code it wrote and ran (Gemini `executableCode`,
 * `codeExecutionResult`). The upstream dialect keeps such parts in its own vendor data, to give a
 * caller of its own dialect the answer whole, and lists them under `unportedOutputKey` in that same
 * slice (of a whole answer, or of a stream's `finish` event) in a form any dialect reads; a stream
 * also tells each entry where it came, on a `vendor-output` event. A caller dialect with a
 * place for an image writes it there (a Responses `image_generation_call`), a dialect that
 * writes URL citations loses nothing of an entry about them (Gemini's grounding, placed on the text
 * parts as `citations`), and the gateway reports the rest, as it reports what a request lost.
 */
import { z } from 'zod';
import type { VendorData } from '../interlingua/vendor.js';
import type { Warning } from '../interlingua/warning.js';
import { pushAll } from './push-all.js';

export const unportedOutputKey = 'unportedOutput';

export interface UnportedOutput {
  /** The warning's feature, e.g. `output.image`. */
  feature: string;
  /** What was produced, said for a caller whose API has no place for it. */
  message: string;
  /** A generated image's bytes, base64, for a caller dialect that has a place for them. */
  image?: { mediaType: string; data: string };
  /**
   * Where in the answer it came: how many of the answer's content parts (a whole answer's, or the
   * parts a stream folds into) came before it, for a caller dialect that writes it in its place.
   */
  at?: number;
  /**
   * The entry is about URL citations the upstream dialect put on the answer's text parts
   * (`TextPart.citations`, `text-end`'s `citations`): a caller dialect that writes them loses nothing.
   */
  urlCitations?: true;
  /**
   * The entry is about document citations the upstream dialect put on the text parts in Claude's
   * form (`vendor.anthropic.citations`): a caller dialect that writes those loses nothing.
   */
  documentCitations?: true;
  /**
   * The output as its own dialect wrote it (a Claude `web_search_tool_result` block), for a caller
   * of that dialect to get back whole in its place; the others only read the message.
   */
  wire?: unknown;
}

const unportedOutputSchema = z.array(
  z.object({
    feature: z.string(),
    message: z.string(),
    image: z.object({ mediaType: z.string(), data: z.string() }).optional(),
    at: z.number().int().nonnegative().optional(),
    urlCitations: z.literal(true).optional(),
    documentCitations: z.literal(true).optional(),
    wire: z.unknown().optional(),
  }),
);

/** The unported output listed by every dialect other than the caller's own, which writes its parts back itself. */
export function foreignUnportedOutput(vendor: VendorData | undefined, callerDialect: string): UnportedOutput[] {
  if (vendor === undefined) return [];
  const entries: UnportedOutput[] = [];
  for (const [dialect, fields] of Object.entries(vendor)) {
    if (dialect !== callerDialect) pushAll(entries, listedUnportedOutput(fields));
  }
  return entries;
}

/** What one dialect's vendor fields list under `unportedOutputKey`; nothing when they list nothing readable. */
export function listedUnportedOutput(fields: Record<string, unknown> | undefined): UnportedOutput[] {
  // Most answers list nothing: no schema run (and no failed parse's issues) for them.
  if (fields?.[unportedOutputKey] === undefined) return [];
  const parsed = unportedOutputSchema.safeParse(fields[unportedOutputKey]);
  return parsed.success ? parsed.data : [];
}

/**
 * One warning per entry the caller gets nothing of; a generated image, URL citations or document
 * citations are left out of this list when the caller's answer holds them.
 */
export function unportedOutputWarnings(entries: readonly UnportedOutput[], imagesWritten: boolean, citationsWritten = false, documentCitationsWritten = false): Warning[] {
  return entries
    .filter(
      (entry) =>
        !(imagesWritten && entry.image !== undefined) && !(citationsWritten && entry.urlCitations === true) && !(documentCitationsWritten && entry.documentCitations === true),
    )
    .map((entry) => ({ type: 'unsupported', feature: entry.feature, message: entry.message }));
}

/**
 * Each dialect's listing in `vendor`, every `at` moved `offset` parts on: the listing of one model
 * call of an answer made of several (the plugin loop), whose parts come after the earlier calls'.
 */
export function unportedOutputMoved(vendor: VendorData | undefined, offset: number): Record<string, UnportedOutput[]> {
  const moved: Record<string, UnportedOutput[]> = {};
  for (const [dialect, fields] of Object.entries(vendor ?? {})) {
    const entries = listedUnportedOutput(fields);
    if (entries.length > 0) moved[dialect] = entries.map((entry) => (entry.at === undefined ? entry : { ...entry, at: entry.at + offset }));
  }
  return moved;
}
