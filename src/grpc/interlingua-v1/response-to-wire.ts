import type { ContentPart } from '../../interlingua/content.js';
import type { FinishReason } from '../../interlingua/finish-reason.js';
import type { ChatResponse } from '../../interlingua/response.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { Usage } from '../../interlingua/usage.js';
import type { VendorData } from '../../interlingua/vendor.js';
import type { Warning } from '../../interlingua/warning.js';
import { describeWarningGroup, groupWarnings } from '../../core/warning-groups.js';
import { unportedOutputIn, withGeneratedImages, withoutUnportedOutput } from './generated-output.js';
import type { WireChatResponse, WireContentPart, WireFinishReason, WireStreamEvent, WireUsage, WireWarning } from './wire-types.js';

/**
 * Facts about the answer that live outside the interlingua response: who answered, what was lost
 * (from the request, and, for a whole answer, of its output: generated-output.ts).
 */
export interface AnswerFacts {
  deployment: string;
  warnings: readonly Warning[];
}

function vendorJson(vendor: VendorData | undefined): { vendor_json?: string } {
  return vendor === undefined || Object.keys(vendor).length === 0 ? {} : { vendor_json: JSON.stringify(vendor) };
}

export function usageToWire(usage: Usage): WireUsage {
  const wire: WireUsage = {};
  if (usage.inputTokens !== undefined) wire.input_tokens = usage.inputTokens;
  if (usage.outputTokens !== undefined) wire.output_tokens = usage.outputTokens;
  if (usage.totalTokens !== undefined) wire.total_tokens = usage.totalTokens;
  if (usage.cachedInputTokens !== undefined) wire.cached_input_tokens = usage.cachedInputTokens;
  if (usage.cacheWriteTokens !== undefined) wire.cache_write_tokens = usage.cacheWriteTokens;
  if (usage.reasoningTokens !== undefined) wire.reasoning_tokens = usage.reasoningTokens;
  return wire;
}

function finishReasonToWire(reason: FinishReason): WireFinishReason {
  return { unified: reason.unified, ...(reason.raw !== undefined ? { raw: reason.raw } : {}) };
}

/** Grouped as in the HTTP header; the proto's warning has a message only, so the tools' names go into it. */
function warningsToWire(warnings: readonly Warning[]): WireWarning[] {
  return groupWarnings(warnings).map((group) => ({ type: group.type, feature: group.feature, message: describeWarningGroup(group) }));
}

/** A content part as its proto oneof; an inline image travels as bytes, not base64. */
export function partToWire(part: ContentPart): WireContentPart {
  const vendor = vendorJson(part.vendor);
  switch (part.type) {
    case 'text':
      return { text: { text: part.text }, ...vendor };
    case 'image': {
      const detail = part.detail !== undefined ? { detail: part.detail } : {};
      // An uploaded file's id (a caller's request only; no answer holds one) has no field here: the image goes without a source.
      const image =
        part.source.kind === 'base64'
          ? { data: Buffer.from(part.source.data, 'base64'), media_type: part.source.mediaType, ...detail }
          : part.source.kind === 'url'
            ? { url: part.source.url, ...detail }
            : detail;
      return { image, ...vendor };
    }
    case 'tool-call':
      return { tool_call: { id: part.id, name: part.name, arguments: part.arguments }, ...vendor };
    case 'tool-result':
      return {
        tool_result: { tool_call_id: part.toolCallId, content: part.content.map(partToWire), ...(part.toolName !== undefined ? { tool_name: part.toolName } : {}), ...(part.isError ? { is_error: true } : {}) },
        ...vendor,
      };
    case 'file':
      // A response holds assistant parts only (interlingua/response.ts); files arrive in requests.
      throw new Error('A file part has no place in a response.');
    case 'reasoning':
      return {
        reasoning: {
          text: part.text,
          ...(part.signature !== undefined ? { signature: part.signature } : {}),
          ...(part.redactedData !== undefined ? { redacted_data: part.redactedData } : {}),
          ...(part.signatureOrigin !== undefined ? { signature_origin: part.signatureOrigin } : {}),
        },
        ...vendor,
      };
    default: {
      const unhandled: never = part;
      throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
    }
  }
}

/** A whole answer; an image the model drew is a `generated_image` part where it came (generated-output.ts). */
export function responseToWire(response: ChatResponse, facts: AnswerFacts): WireChatResponse {
  return {
    id: response.id,
    model: response.model,
    ...(response.created !== undefined ? { created: response.created } : {}),
    content: withGeneratedImages(response.content.map(partToWire), unportedOutputIn(response.vendor)),
    finish_reason: finishReasonToWire(response.finishReason),
    usage: usageToWire(response.usage),
    ...(response.stopSequence !== undefined ? { stop_sequence: response.stopSequence } : {}),
    warnings: warningsToWire(facts.warnings),
    deployment: facts.deployment,
    ...vendorJson(withoutUnportedOutput(response.vendor)),
  };
}

/**
 * One interlingua event → its proto form; `response-start` also carries the answer's facts, and
 * `finish` what the answer held that this API has no place for (generated-output.ts).
 */
export function eventToWire(event: Exclude<StreamEvent, { type: 'vendor-output' }>, facts: AnswerFacts, lostOutput: readonly Warning[] = []): WireStreamEvent {
  switch (event.type) {
    case 'response-start':
      return {
        response_start: {
          id: event.id,
          model: event.model,
          ...(event.created !== undefined ? { created: event.created } : {}),
          ...(event.usage !== undefined ? { usage: usageToWire(event.usage) } : {}),
          warnings: warningsToWire(facts.warnings),
          deployment: facts.deployment,
        },
      };
    case 'text-start':
      return { text_start: { id: event.id } };
    case 'text-delta':
      return { text_delta: { id: event.id, delta: event.delta } };
    case 'text-end':
      return { text_end: { id: event.id } };
    case 'reasoning-start':
      return { reasoning_start: { id: event.id, ...(event.signatureOrigin !== undefined ? { signature_origin: event.signatureOrigin } : {}) } };
    case 'reasoning-delta':
      return { reasoning_delta: { id: event.id, delta: event.delta } };
    case 'reasoning-signature':
      return { reasoning_signature: { id: event.id, signature: event.signature } };
    case 'reasoning-redacted':
      return { reasoning_redacted: { id: event.id, data: event.data } };
    case 'reasoning-end':
      return { reasoning_end: { id: event.id } };
    case 'tool-call-start':
      return { tool_call_start: { id: event.id, name: event.name, ...vendorJson(event.vendor) } };
    case 'tool-call-delta':
      return { tool_call_delta: { id: event.id, delta: event.delta } };
    case 'tool-call-end':
      return { tool_call_end: { id: event.id } };
    case 'usage':
      return { usage: { usage: usageToWire(event.usage) } };
    case 'finish':
      return {
        finish: {
          finish_reason: finishReasonToWire(event.finishReason),
          usage: usageToWire(event.usage),
          ...(event.stopSequence !== undefined ? { stop_sequence: event.stopSequence } : {}),
          warnings: warningsToWire(lostOutput),
        },
      };
    case 'error':
      return { error: { code: event.error.code, message: event.error.message, status: event.error.status } };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}
