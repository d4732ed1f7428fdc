/**
 * Interlingua → Converse response body, for callers of Bedrock's API
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax).
 */
import type { AssistantPart } from '../../interlingua/content.js';
import type { EmitResponseContext } from '../../interlingua/dialect.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { parseToolArguments } from '../../core/tool-arguments.js';
import { emitStopReason } from './finish-reason.js';
import { emitUsage } from './usage.js';
import { bedrockFields, dialectName } from './vendor-data.js';

/** A part as a response block; reasoning another platform signed goes as text-only reasoning, its signature meaningless here. */
export function blockOfPart(part: AssistantPart): Record<string, unknown> | undefined {
  switch (part.type) {
    case 'text':
      return { text: part.text };
    case 'tool-call':
      return { toolUse: { toolUseId: part.id, name: part.name, input: parseToolArguments(part.arguments, part.name).value } };
    case 'reasoning': {
      const own = part.signatureOrigin === dialectName;
      if (own && part.redactedData !== undefined) return { reasoningContent: { redactedContent: part.redactedData } };
      if (part.redactedData !== undefined) return undefined;
      return { reasoningContent: { reasoningText: { text: part.text, ...(own && part.signature !== undefined ? { signature: part.signature } : {}) } } };
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
  if (Array.isArray(vendor['otherContent'])) content.push(...(vendor['otherContent'] as Record<string, unknown>[]));
  const fromBedrock = response.usage.raw?.dialect === dialectName;
  const body: Record<string, unknown> = {
    output: { message: { role: 'assistant', content } },
    stopReason: emitStopReason(response.finishReason, fromBedrock),
    usage: emitUsage(response.usage),
    metrics: vendor['metrics'] ?? { latencyMs: 0 },
  };
  if (vendor['additionalModelResponseFields'] !== undefined) body['additionalModelResponseFields'] = vendor['additionalModelResponseFields'];
  return body;
}
