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
  private readonly signedReasoning = new Set<string>();
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
        if (event.type === 'reasoning-start' && event.signatureOrigin === dialectName) this.signedReasoning.add(event.id);
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
      case 'reasoning-signature':
        // A signature only Bedrock issued means anything to a Bedrock caller.
        return this.signedReasoning.has(event.id) ? this.delta(event.id, { reasoningContent: { signature: event.signature } }) : [];
      case 'reasoning-redacted':
        return this.signedReasoning.has(event.id) ? this.delta(event.id, { reasoningContent: { redactedContent: event.data } }) : [];
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
