/**
 * Interlingua stream events → Anthropic SSE, as the official SDK's MessageStream reads it:
 * `message_start` first, then content blocks one at a time with consecutive indices
 * (the SDK appends each `content_block_start` and applies deltas to the last block), then
 * `message_delta` and `message_stop`. Every frame names its event: the SDK skips frames without one.
 *
 * Upstream lifecycles may interleave (parallel tool calls); Anthropic blocks may not. The block
 * on the wire stays current until it ends, and blocks that start meanwhile wait in a queue
 * with their deltas buffered, flushed in start order. The one exception: an open text (or
 * unsigned reasoning) block is closed when another block starts, since text splits cleanly
 * and upstreams such as OpenAI never say when text is done; text that arrives for it later
 * opens a new block. Nothing else is held back: each event is written at once.
 */
import type { EmitResponseContext, StreamEncoder } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { Usage } from '../../interlingua/usage.js';
import type { VendorData } from '../../interlingua/vendor.js';
import { mergeUsage } from '../../core/fold-stream.js';
import { generateId } from '../../core/ids.js';
import { formatSseFrame } from '../../wire/sse-parser.js';
import { wireError } from './errors.js';
import { emitStopReason } from './finish-reason.js';
import { messageId } from './response-emit.js';
import { emitUsage } from './usage.js';
import { anthropicFields, dialectName } from './vendor-data.js';

type ContentEvent = Extract<
  StreamEvent,
  { type: 'text-delta' | 'tool-call-delta' | 'reasoning-delta' | 'reasoning-signature' | 'reasoning-redacted' }
>;

type BlockType = 'text' | 'thinking' | 'redacted_thinking' | 'tool_use';

interface Lifecycle {
  id: string;
  kind: 'text' | 'reasoning' | 'tool-call';
  name: string;
  vendor?: VendorData;
  signed: boolean;
  state: 'queued' | 'current' | 'suspended' | 'closed';
  ended: boolean;
  /** Deltas that came while the block was not on the wire. */
  pending: ContentEvent[];
  /** The Anthropic block written for it while current; a reasoning block waits for its first event. */
  wire?: { index: number; type: BlockType };
}

function frame(payload: { type: string; [field: string]: unknown }): string {
  return formatSseFrame(JSON.stringify(payload), payload.type);
}

class AnthropicStreamEncoder implements StreamEncoder {
  private readonly lifecycles = new Map<string, Lifecycle>();
  private readonly queue: Lifecycle[] = [];
  private current: Lifecycle | undefined;
  private nextIndex = 0;
  private usage: Usage = {};
  private started = false;
  private done = false;

  constructor(private readonly context: EmitResponseContext) {}

  encode(event: StreamEvent): string {
    if (this.done) return '';
    switch (event.type) {
      case 'response-start':
        if (event.usage !== undefined) this.usage = mergeUsage(this.usage, event.usage);
        return this.started ? '' : this.messageStart(event.id);
      case 'text-start':
        return this.messageStart() + this.start({ id: event.id, kind: 'text', name: '', signed: false });
      case 'reasoning-start':
        return this.messageStart() + this.start({ id: event.id, kind: 'reasoning', name: '', signed: event.signatureOrigin === dialectName });
      case 'tool-call-start': {
        const lifecycle = { id: event.id, kind: 'tool-call' as const, name: event.name, signed: false };
        return this.messageStart() + this.start(event.vendor === undefined ? lifecycle : { ...lifecycle, vendor: event.vendor });
      }
      case 'text-delta':
      case 'tool-call-delta':
      case 'reasoning-delta':
      case 'reasoning-signature':
      case 'reasoning-redacted':
        return this.messageStart() + this.deliver(event);
      case 'text-end':
      case 'reasoning-end':
      case 'tool-call-end':
        return this.messageStart() + this.end(event.id);
      case 'usage':
        this.usage = mergeUsage(this.usage, event.usage);
        return '';
      case 'finish':
        return this.finish(event);
      case 'error':
        this.done = true;
        return frame(wireError(event.error));
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled stream event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /** `message_start`, once, before anything else (with a generated id if the upstream gave none). */
  private messageStart(id?: string): string {
    if (this.started) return '';
    this.started = true;
    const usage = emitUsage(this.usage);
    return frame({
      type: 'message_start',
      message: {
        id: id === undefined ? generateId('msg_') : messageId(id),
        type: 'message',
        role: 'assistant',
        model: this.context.requestedModel,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage,
      },
    });
  }

  private start(fields: Pick<Lifecycle, 'id' | 'kind' | 'name' | 'signed' | 'vendor'>): string {
    const existing = this.lifecycles.get(fields.id);
    if (existing !== undefined && existing.state !== 'closed') return '';
    const lifecycle: Lifecycle = { ...fields, state: 'queued', ended: false, pending: [] };
    this.lifecycles.set(lifecycle.id, lifecycle);
    this.queue.push(lifecycle);
    const out = this.current !== undefined && this.splittable(this.current) ? this.stopCurrent() : '';
    return out + this.promote();
  }

  /** Text and unsigned reasoning may be cut into several blocks; tool calls and signed thinking may not. */
  private splittable(lifecycle: Lifecycle): boolean {
    return lifecycle.kind === 'text' || (lifecycle.kind === 'reasoning' && !lifecycle.signed);
  }

  private deliver(event: ContentEvent): string {
    const lifecycle = this.lifecycles.get(event.id);
    switch (lifecycle?.state) {
      case 'current':
        return this.write(lifecycle, event);
      case 'queued':
        lifecycle.pending.push(event);
        return '';
      case 'suspended':
        // More text for a block already cut off: it continues in a new block, in turn.
        lifecycle.state = 'queued';
        lifecycle.pending.push(event);
        this.queue.push(lifecycle);
        return this.promote();
      default:
        return '';
    }
  }

  private end(id: string): string {
    const lifecycle = this.lifecycles.get(id);
    if (lifecycle === undefined || lifecycle.ended) return '';
    lifecycle.ended = true;
    if (lifecycle.state === 'current') return this.stopCurrent() + this.promote();
    if (lifecycle.state === 'suspended') lifecycle.state = 'closed';
    return '';
  }

  private makeCurrent(lifecycle: Lifecycle): string {
    this.current = lifecycle;
    lifecycle.state = 'current';
    let out = lifecycle.kind === 'reasoning' ? '' : this.blockStart(lifecycle);
    for (const event of lifecycle.pending.splice(0)) out += this.write(lifecycle, event);
    return out;
  }

  /**
   * Brings queued blocks onto the wire while nothing is current. Ended ones are closed at once,
   * and so is text with blocks still waiting behind it: text yields, as when a block starts.
   */
  private promote(): string {
    let out = '';
    while (this.current === undefined && this.queue.length > 0) {
      const next = this.queue.shift();
      if (next === undefined) break;
      out += this.makeCurrent(next);
      if (next.ended || (this.splittable(next) && this.queue.length > 0)) out += this.stopCurrent();
    }
    return out;
  }

  /** Closes the current block on the wire; a block that has not ended is suspended, to continue later. */
  private stopCurrent(): string {
    const lifecycle = this.current;
    this.current = undefined;
    if (lifecycle === undefined) return '';
    lifecycle.state = lifecycle.ended ? 'closed' : 'suspended';
    const wire = lifecycle.wire;
    lifecycle.wire = undefined;
    return wire === undefined ? '' : frame({ type: 'content_block_stop', index: wire.index });
  }

  private blockStart(lifecycle: Lifecycle, redactedData?: string): string {
    let block: { type: BlockType; [field: string]: unknown };
    switch (lifecycle.kind) {
      case 'text':
        block = { type: 'text', text: '' };
        break;
      case 'tool-call':
        block = { ...anthropicFields(lifecycle.vendor), type: 'tool_use', id: lifecycle.id, name: lifecycle.name, input: {} };
        break;
      case 'reasoning':
        block = redactedData === undefined ? { type: 'thinking', thinking: '', signature: '' } : { type: 'redacted_thinking', data: redactedData };
        break;
      default: {
        const unhandled: never = lifecycle.kind;
        throw new Error(`unhandled block kind ${String(unhandled)}`);
      }
    }
    const index = this.nextIndex++;
    lifecycle.wire = { index, type: block.type };
    return frame({ type: 'content_block_start', index, content_block: block });
  }

  /**
   * One delta for the current block. A reasoning block is opened by its first event, as
   * `redacted_thinking` or `thinking`. Signatures and redacted data from other vendors are not
   * passed on: a caller sends them back and Anthropic would reject them.
   */
  private write(lifecycle: Lifecycle, event: ContentEvent): string {
    if (event.type === 'reasoning-redacted') {
      if (lifecycle.wire !== undefined || !lifecycle.signed) return '';
      return this.blockStart(lifecycle, event.data);
    }
    // A foreign signature alone would open an empty thinking block.
    if (event.type === 'reasoning-signature' && !lifecycle.signed) return '';
    let out = lifecycle.wire === undefined ? this.blockStart(lifecycle) : '';
    const wire = lifecycle.wire;
    if (wire === undefined) return out;
    const delta = this.deltaPayload(wire.type, lifecycle.signed, event);
    if (delta !== undefined) out += frame({ type: 'content_block_delta', index: wire.index, delta });
    return out;
  }

  private deltaPayload(blockType: BlockType, signed: boolean, event: ContentEvent): Record<string, string> | undefined {
    switch (event.type) {
      case 'text-delta':
        return blockType === 'text' ? { type: 'text_delta', text: event.delta } : undefined;
      case 'tool-call-delta':
        return blockType === 'tool_use' ? { type: 'input_json_delta', partial_json: event.delta } : undefined;
      case 'reasoning-delta':
        return blockType === 'thinking' ? { type: 'thinking_delta', thinking: event.delta } : undefined;
      case 'reasoning-signature':
        return blockType === 'thinking' && signed ? { type: 'signature_delta', signature: event.signature } : undefined;
      case 'reasoning-redacted':
        return undefined;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled delta ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /** Closes the current block, flushes every queued one in order, then ends the message. */
  private finish(event: Extract<StreamEvent, { type: 'finish' }>): string {
    let out = this.messageStart();
    while (this.current !== undefined || this.queue.length > 0) {
      if (this.current !== undefined) this.current.ended = true;
      out += this.stopCurrent();
      for (const queued of this.queue) queued.ended = true;
      out += this.promote();
    }
    this.done = true;
    this.usage = mergeUsage(this.usage, event.usage);
    out += frame({
      type: 'message_delta',
      delta: { stop_reason: emitStopReason(event.finishReason, event.stopSequence), stop_sequence: event.stopSequence ?? null },
      usage: emitUsage(this.usage),
    });
    return out + frame({ type: 'message_stop' });
  }
}

export function createStreamEncoder(context: EmitResponseContext): StreamEncoder {
  return new AnthropicStreamEncoder(context);
}
