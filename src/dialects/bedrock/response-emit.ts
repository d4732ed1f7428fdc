/**
 * Interlingua → Converse response body, for callers of Bedrock's API
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax).
 * What a Bedrock upstream told beside the content (`vendor.bedrock`: `metrics`,
 * `additionalModelResponseFields`, `trace`, `performanceConfig`, `serviceTier`) goes back as it came.
 */
import type { AssistantPart } from '../../interlingua/content.js';
import type { EmitResponseContext } from '../../interlingua/dialect.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { parseToolArguments } from '../../core/tool-arguments.js';
import { carrierValue } from '../../core/signature-envelope.js';
import { emitStopReason } from './finish-reason.js';
import { emitUsage } from './usage.js';
import { bedrockFields, copyAnswerPassThrough, dialectName } from './vendor-data.js';
import { citationsContentOfPart } from './citations.js';
import { pushAll } from '../../core/push-all.js';

/**
 * A part as a response block. Bedrock's own signature goes out as it came; another vendor's (or
 * another platform's) goes in the same field inside an envelope (core/signature-envelope.ts):
 * Converse callers hand a reasoning block back "with the text and its signature unmodified"
 * (https://sdk.amazonaws.com/kotlin/api/latest/bedrockruntime/aws.sdk.kotlin.services.bedrockruntime.model/-reasoning-text-block/signature.html),
 * so the gateway can return it to the vendor that issued it. `redactedContent` is a blob, sent as
 * base64, which the envelope is.
 */
export function blockOfPart(part: AssistantPart): Record<string, unknown> | undefined {
  switch (part.type) {
    case 'text':
      return citationsContentOfPart(part) ?? { text: part.text };
    case 'tool-call':
      return { toolUse: { toolUseId: part.id, name: part.name, input: parseToolArguments(part.arguments, part.name).value } };
    case 'reasoning': {
      if (part.redactedData !== undefined) {
        const data = carrierValue(dialectName, part.signatureOrigin, 'redacted', part.redactedData);
        return data === undefined ? undefined : { reasoningContent: { redactedContent: data } };
      }
      const signature = part.signature === undefined || part.signature === '' ? undefined : carrierValue(dialectName, part.signatureOrigin, 'signature', part.signature);
      return { reasoningContent: { reasoningText: { text: part.text, ...(signature !== undefined ? { signature } : {}) } } };
    }
    default: {
      const unhandled: never = part;
      throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
    }
  }
}

export function emitResponse(response: ChatResponse, _context: EmitResponseContext): unknown {
  const vendor = bedrockFields(response.vendor);
  const content = response.content.flatMap((part) => blockOfPart(part) ?? []);
  if (Array.isArray(vendor['otherContent'])) pushAll(content, (vendor['otherContent'] as Record<string, unknown>[]));
  const body: Record<string, unknown> = {
    output: { message: { role: 'assistant', content } },
    stopReason: emitStopReason(response.finishReason, response.stopSequence),
    usage: emitUsage(response.usage),
    metrics: vendor['metrics'] ?? { latencyMs: 0 },
  };
  if (vendor['additionalModelResponseFields'] !== undefined) body['additionalModelResponseFields'] = vendor['additionalModelResponseFields'];
  copyAnswerPassThrough(vendor, body);
  return body;
}
