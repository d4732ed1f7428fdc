/**
 * Interlingua stream events → ConverseStream events, for callers of Bedrock's API. The events
 * are those stream-decode.ts reads (`messageStart`, `contentBlockStart` for tool calls,
 * `contentBlockDelta`, `contentBlockStop`, `messageStop`, `metadata`). Bedrock's framing is binary,
 * so the encoder hands each event over as `StreamFrame`s (`encodeFrames`: `event` is the
 * `:event-type`, `data` the JSON payload, serialized here once), which the serving transport writes
 * as event-stream messages (src/wire/aws-event-stream.ts); `encode` writes the same frames as text lines.
 */
import type { EmitResponseContext, StreamEncoder, StreamFrame } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { carrierValue } from '../../core/signature-envelope.js';
import { streamExceptionFrame } from '../bedrock-family/errors.js';
import { emitStopReason } from './finish-reason.js';
import { emitUsage } from './usage.js';
import { dialectName } from './vendor-data.js';
import { streamFrameLines } from '../../wire/aws-event-stream.js';

function frame(event: string, payload: unknown): StreamFrame {
  return { event, data: JSON.stringify(payload) };
}

class ConverseStreamEncoder implements StreamEncoder {
  /** Each upstream block id → its `contentBlockIndex`. */
  private readonly indices = new Map<string, number>();
  /** Each reasoning block's signature origin: Bedrock's signature goes out as it is, another's in an envelope (response-emit.ts). */
  private readonly reasoningOrigins = new Map<string, string | undefined>();
  private nextIndex = 0;
  private started = false;

  encode(event: StreamEvent): string {
    return streamFrameLines(this.encodeFrames(event));
  }

  encodeFrames(event: StreamEvent): StreamFrame[] {
    switch (event.type) {
      case 'response-start':
        return this.start();
      case 'text-start':
      case 'reasoning-start':
        if (event.type === 'reasoning-start') this.reasoningOrigins.set(event.id, event.signatureOrigin);
        this.indices.set(event.id, this.nextIndex++);
        return this.start();
      case 'tool-call-start': {
        const index = this.nextIndex++;
        this.indices.set(event.id, index);
        return [...this.start(), frame('contentBlockStart', { contentBlockIndex: index, start: { toolUse: { toolUseId: event.id, name: event.name } } })];
      }
      case 'text-delta':
        return this.delta(event.id, { text: event.delta });
      case 'reasoning-delta':
        return this.delta(event.id, { reasoningContent: { text: event.delta } });
      case 'reasoning-signature': {
        const signature = carrierValue(dialectName, this.reasoningOrigins.get(event.id), 'signature', event.signature);
        return signature === undefined ? [] : this.delta(event.id, { reasoningContent: { signature } });
      }
      case 'reasoning-redacted': {
        const data = carrierValue(dialectName, this.reasoningOrigins.get(event.id), 'redacted', event.data);
        return data === undefined ? [] : this.delta(event.id, { reasoningContent: { redactedContent: data } });
      }
      case 'tool-call-delta':
        return this.delta(event.id, { toolUse: { input: event.delta } });
      case 'text-end':
      case 'reasoning-end':
      case 'tool-call-end': {
        const index = this.indices.get(event.id);
        return index === undefined ? [] : [frame('contentBlockStop', { contentBlockIndex: index })];
      }
      case 'usage':
        return [];
      case 'finish':
        return [
          ...this.start(),
          frame('messageStop', { stopReason: emitStopReason(event.finishReason, event.usage.raw?.dialect === dialectName) }),
          frame('metadata', { usage: emitUsage(event.usage), metrics: { latencyMs: 0 } }),
        ];
      case 'error':
        return [streamExceptionFrame(event.error, dialectName)];
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled stream event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  private start(): StreamFrame[] {
    if (this.started) return [];
    this.started = true;
    return [frame('messageStart', { role: 'assistant' })];
  }

  private delta(id: string, delta: Record<string, unknown>): StreamFrame[] {
    const index = this.indices.get(id);
    return index === undefined ? [] : [frame('contentBlockDelta', { contentBlockIndex: index, delta })];
  }
}

export function createStreamEncoder(_context: EmitResponseContext): StreamEncoder {
  return new ConverseStreamEncoder();
}
