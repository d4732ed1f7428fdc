/**
 * Interlingua stream events → ConverseStream events, for callers of Bedrock's API. The events
 * are those stream-decode.ts reads (`messageStart`, `contentBlockStart` for tool calls,
 * `contentBlockDelta`, `contentBlockStop`, `messageStop`, `metadata`). A stream encoder writes
 * text, and Bedrock's framing is binary, so each event is written as one JSON line
 * `{"event": <:event-type>, "data": <payload>}` (an exception adds `"exception": true`) — a
 * `StreamFrame` — which the serving transport turns into an event-stream message
 * (src/wire/aws-event-stream.ts, `encodeAwsEventStreamMessage`).
 */
import type { EmitResponseContext, StreamEncoder, StreamFrame } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { carrierValue } from '../../core/signature-envelope.js';
import { streamExceptionFrame } from '../bedrock-family/errors.js';
import { emitStopReason } from './finish-reason.js';
import { emitUsage } from './usage.js';
import { dialectName } from './vendor-data.js';

function line(event: string, payload: unknown, exception = false): string {
  const frame: StreamFrame = { event, data: JSON.stringify(payload), ...(exception ? { exception: true as const } : {}) };
  return `${JSON.stringify(frame)}\n`;
}

class ConverseStreamEncoder implements StreamEncoder {
  /** Each upstream block id → its `contentBlockIndex`. */
  private readonly indices = new Map<string, number>();
  /** Each reasoning block's signature origin: Bedrock's signature goes out as it is, another's in an envelope (response-emit.ts). */
  private readonly reasoningOrigins = new Map<string, string | undefined>();
  private nextIndex = 0;
  private started = false;

  encode(event: StreamEvent): string {
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
        return this.start() + line('contentBlockStart', { contentBlockIndex: index, start: { toolUse: { toolUseId: event.id, name: event.name } } });
      }
      case 'text-delta':
        return this.delta(event.id, { text: event.delta });
      case 'reasoning-delta':
        return this.delta(event.id, { reasoningContent: { text: event.delta } });
      case 'reasoning-signature': {
        const signature = carrierValue(dialectName, this.reasoningOrigins.get(event.id), 'signature', event.signature);
        return signature === undefined ? '' : this.delta(event.id, { reasoningContent: { signature } });
      }
      case 'reasoning-redacted': {
        const data = carrierValue(dialectName, this.reasoningOrigins.get(event.id), 'redacted', event.data);
        return data === undefined ? '' : this.delta(event.id, { reasoningContent: { redactedContent: data } });
      }
      case 'tool-call-delta':
        return this.delta(event.id, { toolUse: { input: event.delta } });
      case 'text-end':
      case 'reasoning-end':
      case 'tool-call-end': {
        const index = this.indices.get(event.id);
        return index === undefined ? '' : line('contentBlockStop', { contentBlockIndex: index });
      }
      case 'usage':
        return '';
      case 'finish':
        return (
          this.start() +
          line('messageStop', { stopReason: emitStopReason(event.finishReason, event.usage.raw?.dialect === dialectName) }) +
          line('metadata', { usage: emitUsage(event.usage), metrics: { latencyMs: 0 } })
        );
      case 'error':
        return `${JSON.stringify(streamExceptionFrame(event.error, dialectName))}\n`;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled stream event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  private start(): string {
    if (this.started) return '';
    this.started = true;
    return line('messageStart', { role: 'assistant' });
  }

  private delta(id: string, delta: Record<string, unknown>): string {
    const index = this.indices.get(id);
    return index === undefined ? '' : line('contentBlockDelta', { contentBlockIndex: index, delta });
  }
}

export function createStreamEncoder(_context: EmitResponseContext): StreamEncoder {
  return new ConverseStreamEncoder();
}
