/**
 * Interlingua → the `GenerateContentResponse` a Gemini caller expects. What response-parse.ts
 * kept in `vendor.gemini` (safety ratings, other candidates, unmapped parts) is put back, so a
 * Gemini → Gemini answer is the upstream's body with only `modelVersion` changed.
 */
import type { EmitResponseContext } from '../../interlingua/dialect.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { answerPartsToGemini } from './answer-parts-emit.js';
import { finishReasonToGemini } from './finish-reason.js';
import { isJsonObject, setField, type JsonObject } from './json-value.js';
import { usageToGemini } from './usage.js';
import { dialectName, geminiVendor } from './vendor.js';
import { unportedOutputKey } from '../../core/unported-output.js';
import { thoughtsAsked } from './thoughts-asked.js';
import { logprobsResultOf } from './logprobs.js';

/** Vendor keys response-parse.ts uses for its own bookkeeping; all other keys are top-level body fields. */
const bookkeeping = new Set(['noCandidates', 'candidate', 'contentAbsent', 'contentRoleAbsent', 'unmappedParts', 'otherCandidates', unportedOutputKey]);

export function emitGeminiResponse(response: ChatResponse, context: EmitResponseContext): JsonObject {
  const vendor = geminiVendor(response.vendor) ?? {};
  const body: JsonObject = {};
  if (vendor['noCandidates'] !== true) body['candidates'] = [emitCandidate(response, vendor, showsThoughts(response, context.request)), ...otherCandidates(vendor)];
  body['usageMetadata'] = usageToGemini(response.usage);
  body['modelVersion'] = context.requestedModel;
  body['responseId'] = response.id;
  for (const [key, value] of Object.entries(vendor)) if (!bookkeeping.has(key) && !Object.hasOwn(body, key)) setField(body, key, value);
  return body;
}

/**
 * Whether the answer's thought parts go out. Another vendor's reasoning goes only to a caller that
 * asked to see thoughts (thoughts-asked.ts); Gemini's own thoughts go as the Gemini upstream wrote
 * them, which it did only when asked by the same request. An answer comes from one upstream, so
 * its reasoning is all Gemini's or all another vendor's.
 */
function showsThoughts(response: ChatResponse, request: ChatRequest): boolean {
  return thoughtsAsked(request) || !response.content.some((part) => part.type === 'reasoning' && part.signatureOrigin !== dialectName);
}

/**
 * `thoughts` false: no thought part goes out. The signature a caller must hand back with a
 * function call is already on the `functionCall` part (call-signature.ts), and a candidate left
 * with no parts keeps its content without them, as Gemini answers when all its output went to
 * thinking (test/fixtures/recorded/gemini/pa-finish-max-tokens-thinking-no-parts.response.json).
 */
function emitCandidate(response: ChatResponse, vendor: JsonObject, thoughts: boolean): JsonObject {
  const written = answerPartsToGemini(response);
  const parts = thoughts ? written : written.filter((part) => part['thought'] !== true);
  const candidate: JsonObject = {};
  if (vendor['contentAbsent'] !== true || parts.length > 0) {
    const content: JsonObject = {};
    if (parts.length > 0) content['parts'] = parts;
    if (vendor['contentRoleAbsent'] !== true) content['role'] = 'model';
    candidate['content'] = content;
  }
  candidate['finishReason'] = finishReasonToGemini(response.finishReason);
  candidate['index'] = 0;
  const extra = vendor['candidate'];
  if (isJsonObject(extra)) {
    for (const [key, value] of Object.entries(extra)) if (!Object.hasOwn(candidate, key)) setField(candidate, key, value);
  }
  // Another vendor's tokens; Gemini's own came back above as it wrote them.
  if (!Object.hasOwn(candidate, 'logprobsResult')) {
    const result = logprobsResultOf(response.content.flatMap((part) => (part.type === 'text' ? (part.logprobs ?? []) : [])));
    if (result !== undefined) candidate['logprobsResult'] = result;
  }
  return candidate;
}

function otherCandidates(vendor: JsonObject): unknown[] {
  const others = vendor['otherCandidates'];
  return Array.isArray(others) ? others : [];
}
