/**
 * The pass-through tap for Gemini `generateContent` and `streamGenerateContent?alt=sse`
 * (https://ai.google.dev/api/generate-content). Every `data:` is a whole GenerateContentResponse and
 * there is no `[DONE]`: the chunk whose candidate has a `finishReason` ends the answer, a prompt
 * blocked before generation ends it with `promptFeedback.blockReason`, and a failure after the 200
 * is an `{"error": …}` chunk (src/dialects/gemini/stream-decode.ts, which the tap feeds).
 *
 * `usageMetadata` comes on every chunk with the counts so far, each chunk's counts at least those
 * of the one before (fixtures test/fixtures/recorded/gemini/fantasy-gemini25flash-multi_tool_streaming.i1.response.sse:
 * candidatesTokenCount 3, 20, 22 with the same promptTokenCount; fantasy-gemini25pro-thinking-streaming.i0.response.sse);
 * Google's JSON leaves out counts that are zero, so a count once present stays present. So only the
 * latest such chunk needs decoding (`restatesUsage`), not every one.
 */
import { usageFromGemini } from '../../dialects/gemini/usage.js';
import { usageMetadataSchema } from '../../dialects/gemini/wire-schema.js';
import type { PassThroughTap } from './dialect-taps.js';
import { notAnObject, usageField } from './tap-parts.js';

/**
 * The keys the decoder ends or fails on, with a value that is not `null`. A key followed by `:`
 * cannot occur inside a JSON string (its closing quote would be escaped), so these are keys; one
 * nested in a function's arguments only costs a decode.
 */
const endsOrFails = /"(?:finishReason|blockReason|error)"\s*:\s*[^\sn]/;
const restatesUsage = /"usageMetadata"\s*:\s*\{/;

export const geminiTap: PassThroughTap = {
  // The Gemini emitter asks for nothing the caller did not (src/dialects/gemini/request-emit.ts: usage
  // comes on every chunk unasked, thoughts only with the caller's own `includeThoughts`). A stream
  // with several candidates is parsed: the decoder follows candidate 0 and ends at its finish, so
  // the others' ends, and the usage after, would go unread.
  accepts: (request) => !request.stream || (request.sampling.candidateCount ?? 1) <= 1,
  matters: (data) => notAnObject(data) || endsOrFails.test(data),
  restatesUsage: (data) => restatesUsage.test(data),
  usageOfResponse: (json) => usageField(json, 'usageMetadata', usageMetadataSchema, usageFromGemini),
};
