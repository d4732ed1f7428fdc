/**
 * Interlingua → Anthropic message object, as `POST /v1/messages` answers without streaming.
 */
import type { AssistantPart } from '../../interlingua/content.js';
import type { EmitResponseContext } from '../../interlingua/dialect.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { generateId } from '../../core/ids.js';
import { carrierValue } from '../../core/signature-envelope.js';
import { parseToolArguments } from '../../core/tool-arguments.js';
import { emitStopReason } from './finish-reason.js';
import { emitUsage } from './usage.js';
import type { EmittedUsage } from './usage.js';
import { blocksWithOpaque } from './opaque-blocks.js';
import type { EmittedBlock } from './opaque-blocks.js';
import { textBlock } from './request-emit-messages.js';
import { anthropicFields, dialectName } from './vendor-data.js';
import { unportedOutputKey } from '../../core/unported-output.js';

/** Anthropic message ids look like `msg_…`; the SDKs and callers' logs expect that shape. */
export function messageId(id: string): string {
  return /^msg_[A-Za-z0-9_-]+$/.test(id) ? id : generateId('msg_');
}

/**
 * A reasoning part as a thinking block. Anthropic's own signature goes out as it came; another
 * vendor's goes out in the signature field inside an envelope (core/signature-envelope.ts), so
 * the caller hands it back with the block and the gateway can return it to that vendor.
 * Reasoning with neither text nor a signature has nothing to show and is left out.
 */
export function reasoningBlock(part: Extract<AssistantPart, { type: 'reasoning' }>): EmittedBlock | undefined {
  if (part.redactedData !== undefined) {
    const data = carrierValue(dialectName, part.signatureOrigin, 'redacted', part.redactedData);
    if (data !== undefined) return { type: 'redacted_thinking', data };
  }
  const signature = part.signature === undefined || part.signature === '' ? undefined : carrierValue(dialectName, part.signatureOrigin, 'signature', part.signature);
  if (signature === undefined && part.text === '') return undefined;
  return { type: 'thinking', thinking: part.text, signature: signature ?? '' };
}

function contentBlock(part: AssistantPart): EmittedBlock | undefined {
  switch (part.type) {
    case 'text':
      return textBlock(part);
    case 'reasoning':
      return reasoningBlock(part);
    case 'tool-call':
      return {
        ...anthropicFields(part.vendor),
        type: 'tool_use',
        id: part.id,
        name: part.name,
        input: parseToolArguments(part.arguments, part.name).value,
      };
    default: {
      const unhandled: never = part;
      throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
    }
  }
}

export interface EmittedMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: EmittedBlock[];
  stop_reason: string;
  stop_sequence: string | null;
  usage: EmittedUsage;
  [extra: string]: unknown;
}

export function emitResponse(response: ChatResponse, context: EmitResponseContext): EmittedMessage {
  // What other dialects are told was left out of this answer (core/unported-output.ts) is no field of Anthropic's.
  const { opaque_blocks: _opaque, [unportedOutputKey]: _unported, ...extras } = anthropicFields(response.vendor);
  return {
    ...extras,
    id: messageId(response.id),
    type: 'message',
    role: 'assistant',
    model: context.requestedModel,
    content: blocksWithOpaque(response.content, response.vendor, contentBlock),
    stop_reason: emitStopReason(response.finishReason, response.stopSequence),
    stop_sequence: response.stopSequence ?? null,
    usage: emitUsage(response.usage),
  };
}
