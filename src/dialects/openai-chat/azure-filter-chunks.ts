/**
 * Azure OpenAI's content-filter annotations in a Chat Completions stream, which are chunks of their
 * own rather than parts of the answer:
 * - the prompt's, first: `choices: []`, empty id and model, `prompt_filter_results` (recorded:
 *   test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-stream.response.sse), spelled
 *   `prompt_annotations` by older api-versions (the asynchronous filter's sample stream in
 *   https://learn.microsoft.com/azure/foundry/openai/concepts/content-streaming);
 * - the asynchronous filter's, anywhere in the stream and after the finish chunk too: one choice with
 *   `content_filter_results` and `content_filter_offsets` and no `delta`, empty id, and, when the
 *   filter blocks, `finish_reason: "content_filter"` (the same page, "Annotation message" and its
 *   sample streams). A caller redacts text it already showed by them.
 * The decoder tells each where it came, on a `vendor-output` event holding the chunk as it came (those
 * before the response starts, on its `response-start`, which every stream opens with), so a Chat
 * caller gets it back in its place (stream-encode.ts); a caller of another dialect is told once, on
 * `finish`, that they were not carried, as it is of the results on the answer's own chunks
 * (azure-filter-results.ts).
 */
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { VendorData } from '../../interlingua/vendor.js';
import type { UnportedOutput } from '../../core/unported-output.js';
import { dialectName } from './vendor.js';
import { isRecord } from './wire-parse.js';

/** The key of `vendor['openai-chat']` on a `vendor-output` event that holds one such chunk. */
const filterChunkKey = 'azureFilterChunk';
/** The key of `vendor['openai-chat']` on a `response-start` that holds those that came before it, in order. */
export const filterChunksBeforeKey = 'azureFilterChunks';

/** The raw chunk, when it is one of Azure's filter annotations; undefined for any other chunk. */
export function azureFilterChunk(json: unknown): Record<string, unknown> | undefined {
  if (!isRecord(json)) return undefined;
  const choices = json['choices'];
  if (json['prompt_filter_results'] != null || json['prompt_annotations'] != null) return choices == null || (Array.isArray(choices) && choices.length === 0) ? json : undefined;
  if (!Array.isArray(choices)) return undefined;
  return choices.some((choice) => isRecord(choice) && choice['content_filter_offsets'] != null && choice['delta'] == null) ? json : undefined;
}

/** The `vendor-output` event that tells where the chunk came. */
export function filterChunkEvent(chunk: Record<string, unknown>): Extract<StreamEvent, { type: 'vendor-output' }> {
  return { type: 'vendor-output', vendor: { [dialectName]: { [filterChunkKey]: chunk } } };
}

/** The chunk a `vendor-output` event holds, for the Chat encoder to write back as it came. */
export function filterChunkOf(vendor: VendorData): Record<string, unknown> | undefined {
  const chunk = vendor[dialectName]?.[filterChunkKey];
  return isRecord(chunk) ? chunk : undefined;
}

/** The chunks a `response-start` holds, to be written before the first chunk of the answer. */
export function filterChunksBefore(vendor: VendorData | undefined): Record<string, unknown>[] {
  const chunks = vendor?.[dialectName]?.[filterChunksBeforeKey];
  return Array.isArray(chunks) ? chunks.filter(isRecord) : [];
}

/** What `finish` lists once for a stream that had any: a caller of another dialect is told they were left out. */
export const filterAnnotationsLeftOut: UnportedOutput = {
  feature: 'output.azure_content_filter',
  message: "Azure's content-filter annotations of this stream (prompt_filter_results, and content_filter_results on its chunks or with content_filter_offsets) have no place in this API's stream; they were left out.",
};
