/**
 * Azure OpenAI's content-filter results that ride on the answer itself, as opposed to the
 * annotation-only chunks of azure-filter-chunks.ts:
 * - in a whole answer, the prompt's `prompt_filter_results` beside `choices`, and each choice's
 *   `content_filter_results` (hate, sexual, violence, self_harm with `filtered` and `severity`;
 *   protected_material_text and protected_material_code with `detected`, `filtered` and a
 *   `citation`): the "Annotations" output sample of
 *   https://learn.microsoft.com/azure/ai-services/openai/concepts/content-filter, and recorded:
 *   test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-tool.i0.response.json. The parser
 *   keeps them in its vendor fields (`response`, `choice`), so a Chat caller gets them back as
 *   they came; a caller of another dialect is told once that they were left out.
 * - in a stream under Azure's default (synchronous) filter, on every chunk's choice beside its
 *   `delta`: `{}` on the role and finish chunks, the categories on each chunk of text (recorded:
 *   test/fixtures/recorded/azure-openai/fantasy-gpt5mini-chat-stream.response.sse; "Default
 *   filtering behavior" of https://learn.microsoft.com/azure/foundry/openai/concepts/content-streaming).
 *   The decoder puts a chunk's results on the first event it made of that chunk that the Chat
 *   encoder writes a chunk for (a text delta, a tool call's start or a piece of its arguments, the
 *   response's start for the role chunk, the finish for the finish chunk), or on an empty delta
 *   of the open text block or tool call where the chunk made none (an empty `content`), and the
 *   encoder writes them back on that chunk, an empty one too, where an `AzureOpenAI` client reads
 *   `chunk.choices[0].content_filter_results`.
 */
import type { VendorData } from '../../interlingua/vendor.js';
import type { UnportedOutput } from '../../core/unported-output.js';
import { dialectName } from './vendor.js';
import { isRecord } from './wire-parse.js';

/** The key of `vendor['openai-chat']` on a stream event that holds its chunk's `content_filter_results`. */
export const filterResultsKey = 'contentFilterResults';

/** The choice's `content_filter_results` as it came, from the raw chunk: one property lookup. */
export function choiceFilterResults(rawChoices: unknown, position: number): unknown {
  if (!Array.isArray(rawChoices)) return undefined;
  const choice: unknown = rawChoices[position];
  return isRecord(choice) ? choice['content_filter_results'] : undefined;
}

/** `vendor` with the results added under this dialect's slice, keeping what it held. */
export function withFilterResults(vendor: VendorData | undefined, results: unknown): VendorData {
  return { ...vendor, [dialectName]: { ...vendor?.[dialectName], [filterResultsKey]: results } };
}

/** The results an event's vendor data holds, for the Chat encoder to write on its chunk's choice. */
export function filterResultsOf(vendor: VendorData | undefined): unknown {
  return vendor?.[dialectName]?.[filterResultsKey];
}

/** Whether a whole answer holds Azure's filter results: two property lookups. */
export function hasFilterResults(body: Record<string, unknown>, choice: Record<string, unknown>): boolean {
  return body['prompt_filter_results'] != null || body['prompt_annotations'] != null || choice['content_filter_results'] != null;
}

/** What a whole answer lists for a caller of another dialect: its filter results were left out. */
export const filterResultsLeftOut: UnportedOutput = {
  feature: 'output.azure_content_filter',
  message: "Azure's content-filter results of this answer (prompt_filter_results, choices[].content_filter_results) have no place in this API's answer; they were left out.",
};
