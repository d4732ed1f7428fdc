/**
 * Interlingua → the `GenerateContentResponse` a Gemini caller expects. What response-parse.ts
 * kept in `vendor.gemini` (safety ratings, other candidates, unmapped parts) is put back, so a
 * Gemini → Gemini answer is the upstream's body with only `modelVersion` changed.
 */
import type { EmitResponseContext } from '../../interlingua/dialect.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { assistantPartsToGemini } from './assistant-parts-emit.js';
import { finishReasonToGemini } from './finish-reason.js';
import { isJsonObject, setField, type JsonObject } from './json-value.js';
import { usageToGemini } from './usage.js';
import { geminiVendor, readUnmappedParts, restoreUnmappedParts } from './vendor.js';
import { unportedOutputKey } from '../../core/unported-output.js';

/** Vendor keys response-parse.ts uses for its own bookkeeping; all other keys are top-level body fields. */
const bookkeeping = new Set(['noCandidates', 'candidate', 'contentAbsent', 'contentRoleAbsent', 'unmappedParts', 'otherCandidates', unportedOutputKey]);

export function emitGeminiResponse(response: ChatResponse, context: EmitResponseContext): JsonObject {
  const vendor = geminiVendor(response.vendor) ?? {};
  const body: JsonObject = {};
  if (vendor['noCandidates'] !== true) body['candidates'] = [emitCandidate(response, vendor), ...otherCandidates(vendor)];
  body['usageMetadata'] = usageToGemini(response.usage);
  body['modelVersion'] = context.requestedModel;
  body['responseId'] = response.id;
  for (const [key, value] of Object.entries(vendor)) if (!bookkeeping.has(key) && !Object.hasOwn(body, key)) setField(body, key, value);
  return body;
}

function emitCandidate(response: ChatResponse, vendor: JsonObject): JsonObject {
  const parts = restoreUnmappedParts(assistantPartsToGemini(response.content, 'as-thought', []), readUnmappedParts(response.vendor));
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
  return candidate;
}

function otherCandidates(vendor: JsonObject): unknown[] {
  const others = vendor['otherCandidates'];
  return Array.isArray(others) ? others : [];
}
