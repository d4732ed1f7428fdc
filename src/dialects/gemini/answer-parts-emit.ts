/**
 * A whole answer's `model` parts for a Gemini caller, with the parts the interlingua has no type
 * for back in their places. A Gemini answer parsed whole kept its own such parts verbatim
 * (`unmappedParts`, response-parse.ts); one folded from a stream (a streamed answer the response
 * cache stored, core/fold-stream.ts) kept only their listing (core/unported-output.ts), from which
 * each such part (an image the model drew, code it ran, a draft image of its thinking:
 * output-parts.ts) is written where it came: after the `at` content parts before it, as the
 * stream told it.
 */
import type { ChatResponse } from '../../interlingua/response.js';
import { assistantPartsToGemini } from './assistant-parts-emit.js';
import type { JsonObject } from './json-value.js';
import { listedOutputParts } from './output-parts.js';
import { readUnmappedParts, restoreUnmappedParts } from './vendor.js';
import { pushAll } from '../../core/push-all.js';

export function answerPartsToGemini(response: ChatResponse): JsonObject[] {
  const unmapped = readUnmappedParts(response.vendor);
  const images = unmapped.length > 0 ? [] : listedOutputParts(response.vendor);
  if (images.length === 0) return restoreUnmappedParts(assistantPartsToGemini(response.content, 'as-thought', []), unmapped);
  // Each run of content parts between two listed parts is written on its own: a content index has no
  // fixed wire position, since a signature part folds onto the part beside it.
  const placed = images.filter((image) => image.at !== undefined).sort((left, right) => (left.at ?? 0) - (right.at ?? 0));
  const parts: JsonObject[] = [];
  let from = 0;
  for (const { part, at = 0 } of placed) {
    const to = Math.min(Math.max(at, from), response.content.length);
    pushAll(parts, assistantPartsToGemini(response.content.slice(from, to), 'as-thought', []));
    parts.push(part);
    from = to;
  }
  pushAll(parts, assistantPartsToGemini(response.content.slice(from), 'as-thought', []));
  // A part no listing placed comes last.
  pushAll(parts, images.filter((image) => image.at === undefined).map((image) => image.part));
  return parts;
}
