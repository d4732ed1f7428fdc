/**
 * Gemini `GenerateContentResponse` → interlingua (fixtures response-*.json, fantasy-*.response.json).
 * Only the first candidate becomes the answer; whatever else the body holds (other candidates,
 * safety ratings, citations, parts the interlingua has no type for) travels in `vendor.gemini`
 * so the response emitter can give a Gemini caller the body back whole.
 */
import type { AssistantPart, TextPart, ToolCallPart } from '../../interlingua/content.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { generateId } from '../../core/ids.js';
import { stringifyToolArguments } from '../../core/tool-arguments.js';
import { finishReasonFromBlock, finishReasonFromGemini } from './finish-reason.js';
import { setField, type JsonObject } from './json-value.js';
import { usageFromGemini } from './usage.js';
import { callSignaturePart } from './call-signature.js';
import { dialectName, thoughtPart, type UnmappedPart } from './vendor.js';
import { describeIssue, generateContentResponseSchema, type WireCandidate, type WireResponsePart } from './wire-schema.js';
import { extraFields } from '../../wire/extra-fields.js';
import { unportedOutputKey, type UnportedOutput } from '../../core/unported-output.js';
import { isThoughtImage, unportedOutputOf } from './unported-output.js';
import { groundingMetadataOf, placeGrounding } from './grounding.js';
import { readLogprobsResult, tokensPerText } from './logprobs.js';
import { pushAll } from '../../core/push-all.js';

const responseKeys = new Set(['candidates', 'usageMetadata', 'modelVersion', 'responseId', 'error']);
const candidateKeys = new Set(['content', 'finishReason']);
const partDataKeys = new Set(['text', 'thought', 'thoughtSignature', 'functionCall']);

export function parseGeminiResponse(body: unknown): ChatResponse {
  const parsed = generateContentResponseSchema.safeParse(body);
  if (!parsed.success) throw new InterlinguaError('upstream_error', `Gemini answered with an unexpected body: ${describeIssue(parsed.error)}.`);
  const wire = parsed.data;
  if (wire.error) throw new InterlinguaError('upstream_error', `Gemini answered with an error: ${wire.error.message ?? 'no message'}.`);

  const candidates = wire.candidates ?? [];
  const candidate = candidates.find((entry) => (entry.index ?? 0) === 0) ?? candidates[0];
  const vendor: JsonObject = { ...extraFields(wire, responseKeys) };
  const { content, unmapped, texts, unportedParts } = candidateParts(candidate);
  const grounding = candidate === undefined ? undefined : groundingMetadataOf(candidate);
  const groundingUnported = grounding === undefined ? [] : citeTexts(grounding, texts);
  placeLogprobs(candidate, texts);
  const madeToolCalls = content.some((part) => part.type === 'tool-call');

  const response: ChatResponse = {
    id: wire.responseId ?? generateId('resp_'),
    model: wire.modelVersion ?? '',
    content,
    finishReason: { unified: 'other' },
    usage: wire.usageMetadata ? usageFromGemini(wire.usageMetadata) : {},
  };
  if (candidate?.finishReason) response.finishReason = finishReasonFromGemini(candidate.finishReason, madeToolCalls);
  else if (candidate === undefined && wire.promptFeedback?.blockReason) response.finishReason = finishReasonFromBlock(wire.promptFeedback.blockReason);
  else if (candidate === undefined) response.finishReason = { unified: 'other' };

  const created = wire.createTime ? Date.parse(wire.createTime) : Number.NaN;
  if (!Number.isNaN(created)) response.created = Math.floor(created / 1000);

  if (candidate === undefined) setField(vendor, 'noCandidates', true);
  else {
    const candidateExtra = extraFields(candidate, candidateKeys);
    if (candidateExtra !== undefined) setField(vendor, 'candidate', candidateExtra);
    // Kept so an empty content is written back as it came (`{}` in fixture pa-safety-settings.response.json).
    if (!candidate.content) setField(vendor, 'contentAbsent', true);
    else if (candidate.content.role == null) setField(vendor, 'contentRoleAbsent', true);
  }
  if (unmapped.length > 0) setField(vendor, 'unmappedParts', unmapped);
  const unported = [...unportedParts, ...groundingUnported];
  if (unported.length > 0) setField(vendor, unportedOutputKey, unported);
  const others = candidates.filter((entry) => entry !== candidate);
  if (others.length > 0) setField(vendor, 'otherCandidates', others);
  if (Object.keys(vendor).length > 0) response.vendor = { [dialectName]: vendor };
  return response;
}

/** A text part of the answer and the position of the wire part it came from (grounding segments name it). */
interface PositionedText {
  part: TextPart;
  position: number;
}

/** The candidate's parts as interlingua parts, the parts with no interlingua type (listed as unported output where they came), and its texts. */
function candidateParts(candidate: WireCandidate | undefined): { content: AssistantPart[]; unmapped: UnmappedPart[]; texts: PositionedText[]; unportedParts: UnportedOutput[] } {
  const content: AssistantPart[] = [];
  const unmapped: UnmappedPart[] = [];
  const texts: PositionedText[] = [];
  const unportedParts: UnportedOutput[] = [];
  (candidate?.content?.parts ?? []).forEach((part, position) => {
    const mapped = responsePartToInterlingua(part);
    if (mapped === undefined) {
      unmapped.push({ position, part });
      const unported = unportedOutputOf(part);
      if (unported !== undefined) unportedParts.push({ ...unported, at: content.length });
    } else pushAll(content, mapped);
    for (const entry of mapped ?? []) if (entry.type === 'text') texts.push({ part: entry, position });
  });
  return { content, unmapped, texts, unportedParts };
}

/** Puts the candidate's token logprobs on its text parts (logprobs.ts); the wire result stays in the vendor data for a Gemini caller. */
function placeLogprobs(candidate: WireCandidate | undefined, texts: readonly PositionedText[]): void {
  const tokens = readLogprobsResult(candidate?.['logprobsResult']);
  if (tokens === undefined || texts.length === 0) return;
  tokensPerText(texts.map(({ part }) => part.text), tokens).forEach((own, index) => {
    const part = texts[index]?.part;
    if (part !== undefined && own !== undefined) part.logprobs = own;
  });
}

/** Puts the grounding's citations on the text parts (grounding.ts); returns what other dialects cannot take of it. */
function citeTexts(grounding: NonNullable<ReturnType<typeof groundingMetadataOf>>, texts: readonly PositionedText[]) {
  const placed = placeGrounding(grounding, texts.map(({ part, position }) => ({ text: part.text, partIndex: position })));
  placed.citations.forEach((citations, index) => {
    const part = texts[index]?.part;
    if (part !== undefined && citations.length > 0) part.citations = citations;
  });
  return placed.unported;
}

/**
 * One part of a whole (non-streamed) answer; undefined for parts with no interlingua type. A
 * function call's signature becomes a signed empty reasoning part right before the call
 * (call-signature.ts), where every other dialect keeps reasoning state for a tool call.
 */
export function responsePartToInterlingua(part: WireResponsePart): AssistantPart[] | undefined {
  const signature = part.thoughtSignature ?? undefined;
  const extra = extraFields(part, partDataKeys);
  const vendor: JsonObject = {};
  if (signature !== undefined && !part.functionCall) vendor['thoughtSignature'] = signature;
  if (extra !== undefined) vendor['extra'] = extra;
  if (part.functionCall) {
    const call = part.functionCall;
    if (typeof call.name !== 'string') return undefined;
    const wireId = call.id ?? '';
    const toolCall: ToolCallPart = { type: 'tool-call', id: wireId !== '' ? wireId : generateId('call_'), name: call.name, arguments: stringifyToolArguments(call.args ?? {}) };
    if (wireId === '') vendor['idSynthesized'] = true;
    const innerExtra = extraFields(call, new Set(['name', 'args', 'id']));
    if (innerExtra !== undefined) vendor['innerExtra'] = innerExtra;
    if (Object.keys(vendor).length > 0) toolCall.vendor = { [dialectName]: vendor };
    return signature === undefined ? [toolCall] : [callSignaturePart(signature), toolCall];
  }
  // A draft image of a Gemini 3 image model's thinking is unported output (unported-output.ts), not
  // an empty reasoning part whose image only a Gemini caller would see.
  if (part.thought === true && typeof part.text !== 'string' && isThoughtImage(part)) return undefined;
  if (part.thought === true) return [thoughtPart(part.text ?? '', signature, extra)];
  if (typeof part.text === 'string' || signature !== undefined) {
    if (typeof part.text !== 'string' && extra !== undefined) return undefined;
    const text: TextPart = { type: 'text', text: part.text ?? '' };
    if (Object.keys(vendor).length > 0) text.vendor = { [dialectName]: vendor };
    return [text];
  }
  return undefined;
}
