import type { StreamEvent } from '../interlingua/stream-event.js';
import type { VendorData } from '../interlingua/vendor.js';

/** The events that carry a block's content. */
export type BlockContentEvent = Extract<
  StreamEvent,
  { type: 'text-delta' | 'tool-call-delta' | 'reasoning-delta' | 'reasoning-signature' | 'reasoning-redacted' }
>;

/** Every event that opens, fills or closes a block. */
export type BlockEvent =
  | BlockContentEvent
  | Extract<StreamEvent, { type: 'text-start' | 'reasoning-start' | 'tool-call-start' | 'text-end' | 'reasoning-end' | 'tool-call-end' }>;

/** One upstream block as a sequential encoder schedules it. */
export interface BlockLifecycle {
  id: string;
  kind: 'text' | 'reasoning' | 'tool-call';
  name: string;
  vendor?: VendorData;
  /** Reasoning whose signature the target verifies; such a block, like a tool call, cannot be split. */
  signed: boolean;
  /** For reasoning: the dialect that issued its signature, if any (`reasoning-start`'s `signatureOrigin`). */
  origin?: string;
  state: 'queued' | 'current' | 'suspended' | 'closed';
  ended: boolean;
  /** Content that came while the block was not on the wire. */
  pending: BlockContentEvent[];
}

/** What a wire format writes as the scheduler moves blocks on and off the wire. */
export interface BlockWriter<Lifecycle extends BlockLifecycle> {
  /** The block comes on the wire. */
  begin(lifecycle: Lifecycle): string;
  write(lifecycle: Lifecycle, event: BlockContentEvent): string;
  /** The block leaves the wire: ended, or suspended to continue later; `incomplete` when cut short. */
  close(lifecycle: Lifecycle, incomplete: boolean): string;
}

/** Text and reasoning the target does not verify may be cut into several blocks; tool calls and signed reasoning may not. */
export function splittableBlock(lifecycle: BlockLifecycle): boolean {
  return lifecycle.kind === 'text' || (lifecycle.kind === 'reasoning' && !lifecycle.signed);
}

/**
 * Puts interleaved upstream blocks (parallel tool calls, text between them) onto a wire that
 * takes one block at a time (Anthropic content blocks, Responses output items). The block on
 * the wire stays there until it ends; blocks that start meanwhile wait in start order with
 * their content buffered, and go on the wire the moment it is free. A splittable block yields
 * at once to a block that starts, and its later content continues in a new block in turn.
 * Nothing else is held back.
 */
export class SequentialBlocks<Lifecycle extends BlockLifecycle> {
  private readonly lifecycles = new Map<string, Lifecycle>();
  private readonly queue: Lifecycle[] = [];
  private current: Lifecycle | undefined;

  /**
   * @param signedOrigin the dialect whose reasoning signatures the target verifies (reasoning
   *   from it is `signed`, and so cannot be split).
   */
  constructor(
    private readonly writer: BlockWriter<Lifecycle>,
    private readonly signedOrigin: string,
  ) {}

  /** One block event in, the wire text it makes out. */
  accept(event: BlockEvent): string {
    switch (event.type) {
      case 'text-start':
        return this.start(queuedBlock({ id: event.id, kind: 'text', name: '', signed: false, vendor: event.vendor }) as Lifecycle);
      case 'reasoning-start':
        return this.start(
          queuedBlock({ id: event.id, kind: 'reasoning', name: '', signed: event.signatureOrigin === this.signedOrigin, ...(event.signatureOrigin !== undefined ? { origin: event.signatureOrigin } : {}) }) as Lifecycle,
        );
      case 'tool-call-start':
        return this.start(queuedBlock({ id: event.id, kind: 'tool-call', name: event.name, signed: false, vendor: event.vendor }) as Lifecycle);
      case 'text-end':
      case 'reasoning-end':
      case 'tool-call-end':
        return this.end(event.id);
      default:
        return this.deliver(event);
    }
  }

  private start(lifecycle: Lifecycle): string {
    const existing = this.lifecycles.get(lifecycle.id);
    if (existing !== undefined && existing.state !== 'closed') return '';
    this.lifecycles.set(lifecycle.id, lifecycle);
    this.queue.push(lifecycle);
    const out = this.current !== undefined && splittableBlock(this.current) ? this.stopCurrent(false) : '';
    return out + this.promote();
  }

  private deliver(event: BlockContentEvent): string {
    const lifecycle = this.lifecycles.get(event.id);
    switch (lifecycle?.state) {
      case 'current':
        return this.writer.write(lifecycle, event);
      case 'queued':
        lifecycle.pending.push(event);
        return '';
      case 'suspended':
        // More for a block already cut off: it continues in a new block, in turn.
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
    if (lifecycle.state === 'current') return this.stopCurrent(false) + this.promote();
    if (lifecycle.state === 'suspended') lifecycle.state = 'closed';
    return '';
  }

  /** At the end of the answer: closes the block on the wire and writes every waiting one, in order. */
  flush(incomplete: boolean): string {
    let out = '';
    while (this.current !== undefined || this.queue.length > 0) {
      if (this.current !== undefined) this.current.ended = true;
      out += this.stopCurrent(incomplete);
      for (const queued of this.queue) queued.ended = true;
      out += this.promote();
    }
    return out;
  }

  /** On an error: closes the block on the wire (as incomplete); waiting blocks were never announced and are dropped. */
  abandon(): string {
    if (this.current !== undefined) this.current.ended = true;
    return this.stopCurrent(true);
  }

  private stopCurrent(incomplete: boolean): string {
    const lifecycle = this.current;
    this.current = undefined;
    if (lifecycle === undefined) return '';
    lifecycle.state = lifecycle.ended ? 'closed' : 'suspended';
    return this.writer.close(lifecycle, incomplete);
  }

  /** Brings waiting blocks onto the wire while it is free; ended ones close at once, and so does text with others waiting. */
  private promote(): string {
    let out = '';
    while (this.current === undefined && this.queue.length > 0) {
      const next = this.queue.shift();
      if (next === undefined) break;
      this.current = next;
      next.state = 'current';
      out += this.writer.begin(next);
      for (const event of next.pending.splice(0)) out += this.writer.write(next, event);
      if (next.ended || (splittableBlock(next) && this.queue.length > 0)) out += this.stopCurrent(false);
    }
    return out;
  }
}

/** A new lifecycle, waiting to go on the wire. */
export function queuedBlock<Extra extends object>(fields: Pick<BlockLifecycle, 'id' | 'kind' | 'name' | 'signed' | 'origin'> & { vendor?: VendorData | undefined } & Extra): BlockLifecycle & Extra {
  const { vendor, ...rest } = fields;
  return { ...rest, ...(vendor !== undefined ? { vendor } : {}), state: 'queued', ended: false, pending: [] } as BlockLifecycle & Extra;
}
