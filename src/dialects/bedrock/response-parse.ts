/**
 * Converse response → interlingua (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax):
 * `output.message.content` blocks, `stopReason`, `usage`; `metrics`, `additionalModelResponseFields`,
 * `trace`, `performanceConfig` and `serviceTier` kept in `vendor.bedrock` for a Bedrock caller (the last three
 * listed for every other caller as left out, unported-answer-fields.ts). Converse answers carry no id and no
 * model name, so the id is made here and the model left empty (callers get the name they asked for).
 */
import type { AssistantPart, ReasoningPart } from '../../interlingua/content.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { generateId } from '../../core/ids.js';
import { stringifyToolArguments } from '../../core/tool-arguments.js';
import { parseStopReason } from './finish-reason.js';
import { parseUsage } from './usage.js';
import { converseResponseSchema, type WireContentBlock } from './wire-schema.js';
import { copyAnswerPassThrough, dialectName } from './vendor-data.js';
import { CitationCount, citedTextPart } from './citations.js';
import { unportedListing } from './unported-answer-fields.js';

/** One content block, or undefined for a kind the interlingua has no part for (kept in `vendor`). */
export function partOfBlock(block: WireContentBlock): AssistantPart | undefined {
  if (block.text !== undefined) return { type: 'text', text: block.text };
  // The cited passage of a document the caller enabled citations on (citations.ts).
  if (block.citationsContent !== undefined) return citedTextPart(block.citationsContent);
  if (block.toolUse !== undefined) return { type: 'tool-call', id: block.toolUse.toolUseId, name: block.toolUse.name, arguments: stringifyToolArguments(block.toolUse.input ?? {}) };
  const reasoning = block.reasoningContent;
  if (reasoning?.reasoningText !== undefined) {
    const part: ReasoningPart = { type: 'reasoning', text: reasoning.reasoningText.text, signatureOrigin: dialectName };
    if (reasoning.reasoningText.signature !== undefined) part.signature = reasoning.reasoningText.signature;
    return part;
  }
  if (reasoning?.redactedContent !== undefined) return { type: 'reasoning', text: '', redactedData: reasoning.redactedContent, signatureOrigin: dialectName };
  return undefined;
}

export function parseResponse(body: unknown): ChatResponse {
  const parsed = converseResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new InterlinguaError('upstream_error', `Bedrock answered with a body that is not a Converse response: ${parsed.error.issues[0]?.message ?? 'invalid'}.`, { retryable: true });
  }
  const wire = parsed.data;
  const content: AssistantPart[] = [];
  const otherBlocks: WireContentBlock[] = [];
  const citations = new CitationCount();
  for (const block of wire.output.message.content) {
    if (block.citationsContent !== undefined) citations.add(block.citationsContent.citations ?? []);
    const part = partOfBlock(block);
    if (part === undefined) otherBlocks.push(block);
    else content.push(part);
  }
  const response: ChatResponse = { id: generateId('bedrock-'), model: '', content, finishReason: parseStopReason(wire.stopReason), usage: parseUsage(wire.usage) };
  const vendor: Record<string, unknown> = {};
  if (otherBlocks.length > 0) vendor['otherContent'] = otherBlocks;
  if (wire.additionalModelResponseFields !== undefined) vendor['additionalModelResponseFields'] = wire.additionalModelResponseFields;
  if (wire.metrics !== undefined) vendor['metrics'] = wire.metrics;
  copyAnswerPassThrough(wire, vendor);
  Object.assign(vendor, unportedListing(vendor, citations.unported()));
  if (Object.keys(vendor).length > 0) response.vendor = { [dialectName]: vendor };
  return response;
}
