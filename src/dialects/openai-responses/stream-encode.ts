/**
 * Stream events → a Responses SSE stream, as the official SDK's `ResponseStream` reads it
 * (node_modules/openai/lib/responses/ResponseAccumulator.js): `response.created` (then
 * `response.in_progress`) with a snapshot first, since the accumulator refuses anything before it;
 * then one output item at a time, each `output_item.added` → its part and delta events →
 * `output_item.done`, the accumulator addressing every event by `output_index` (and
 * `content_index` / `summary_index`); then `response.completed` (or `.incomplete`) with the whole
 * response, which is why the finished items are kept. Every event is named after its `type` and
 * numbered by `sequence_number` from 0, as OpenAI's are.
 *
 * Upstream blocks may interleave (parallel tool calls); OpenAI's items never do, so as in the
 * Anthropic encoder the item on the wire stays current until its block ends and blocks that start
 * meanwhile wait, deltas buffered, in start order. An open text (or foreign reasoning) item is
 * closed when another block starts, since text splits cleanly; later text for it opens a new
 * message item. Text and reasoning items open on their first delta, so an empty block writes
 * nothing. Nothing else is held back: each event's frames are written at once.
 */
import type { EmitResponseContext, StreamEncoder } from '../../interlingua/dialect.js';
import type { InterlinguaError } from '../../interlingua/error.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { Usage } from '../../interlingua/usage.js';
import type { VendorData } from '../../interlingua/vendor.js';
import { mergeUsage } from '../../core/fold-stream.js';
import { generateId } from '../../core/ids.js';
import { errorBody, responseError } from './errors.js';
import { emitFinish } from './finish-reason.js';
import { responseId, responseObject, responseSettings, type ResponseState } from './response-envelope.js';
import { WireItemWriter, type ContentEvent, type Lifecycle } from './stream-encode-items.js';
import { emitUsage } from './usage.js';
import { dialectName, ownVendor, recordField } from './vendor.js';

export class OpenaiResponsesStreamEncoder implements StreamEncoder {
  private readonly writer = new WireItemWriter();
  private readonly lifecycles = new Map<string, Lifecycle>();
  private readonly queue: Lifecycle[] = [];
  private current: Lifecycle | undefined;
  private usage: Usage = {};
  private id = '';
  private createdAt = 0;
  private settings: Record<string, unknown> | undefined;
  private started = false;
  private done = false;

  constructor(private readonly context: EmitResponseContext) {}

  encode(event: StreamEvent): string {
    if (this.done) return '';
    switch (event.type) {
      case 'response-start':
        if (event.usage !== undefined) this.usage = mergeUsage(this.usage, event.usage);
        return this.begin(event.id, event.created, recordField(ownVendor(event.vendor), 'response'));
      case 'text-start':
        return this.begin() + this.start(event.id, 'text', '', false);
      case 'reasoning-start':
        return this.begin() + this.start(event.id, 'reasoning', '', event.signatureOrigin === dialectName);
      case 'tool-call-start':
        return this.begin() + this.start(event.id, 'tool-call', event.name, false, event.vendor);
      case 'text-delta':
      case 'tool-call-delta':
      case 'reasoning-delta':
      case 'reasoning-signature':
      case 'reasoning-redacted':
        return this.begin() + this.deliver(event);
      case 'text-end':
      case 'reasoning-end':
      case 'tool-call-end':
        return this.begin() + this.end(event.id);
      case 'usage':
        this.usage = mergeUsage(this.usage, event.usage);
        return '';
      case 'finish':
        return this.finish(event);
      case 'error':
        return this.fail(event.error);
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled stream event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /** `response.created` and `response.in_progress`, once, before anything else. */
  private begin(id?: string, created?: number, upstream?: Record<string, unknown>): string {
    if (this.started) return '';
    this.started = true;
    this.settings = responseSettings(this.context, upstream);
    this.id = id === undefined ? generateId('resp_') : responseId(id);
    this.createdAt = created ?? Math.floor(Date.now() / 1000);
    const response = this.response({ status: 'in_progress', error: null, incompleteDetails: null, usage: null });
    return this.writer.frame('response.created', { response }) + this.writer.frame('response.in_progress', { response });
  }

  private response(state: Omit<ResponseState, 'id' | 'createdAt' | 'output'>): Record<string, unknown> {
    this.settings ??= responseSettings(this.context, undefined);
    return responseObject({ ...state, id: this.id, createdAt: this.createdAt, output: this.writer.output }, this.context.requestedModel, this.settings);
  }

  private start(id: string, kind: Lifecycle['kind'], name: string, signed: boolean, vendor?: VendorData): string {
    const existing = this.lifecycles.get(id);
    if (existing !== undefined && existing.state !== 'closed') return '';
    const lifecycle: Lifecycle = { id, kind, name, signed, state: 'queued', ended: false, pending: [] };
    if (vendor !== undefined) lifecycle.vendor = vendor;
    this.lifecycles.set(id, lifecycle);
    this.queue.push(lifecycle);
    const out = this.current !== undefined && splittable(this.current) ? this.stopCurrent() : '';
    return out + this.promote();
  }

  private deliver(event: ContentEvent): string {
    const lifecycle = this.lifecycles.get(event.id);
    switch (lifecycle?.state) {
      case 'current':
        return this.writer.write(lifecycle, event);
      case 'queued':
        lifecycle.pending.push(event);
        return '';
      case 'suspended':
        // More for a block already cut off: it continues in a new item, in turn.
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

  /** Brings queued blocks onto the wire while nothing is current; ended ones (and text with others waiting) close at once. */
  private promote(): string {
    let out = '';
    while (this.current === undefined && this.queue.length > 0) {
      const next = this.queue.shift();
      if (next === undefined) break;
      this.current = next;
      next.state = 'current';
      out += this.writer.begin(next);
      for (const event of next.pending.splice(0)) out += this.writer.write(next, event);
      if (next.ended || (splittable(next) && this.queue.length > 0)) out += this.stopCurrent();
    }
    return out;
  }

  private stopCurrent(status: 'completed' | 'incomplete' = 'completed'): string {
    const lifecycle = this.current;
    this.current = undefined;
    if (lifecycle === undefined) return '';
    lifecycle.state = lifecycle.ended ? 'closed' : 'suspended';
    return this.writer.close(lifecycle, status);
  }

  /** Closes the current item, flushes every queued one in order, then the terminal event with the whole response. */
  private finish(event: Extract<StreamEvent, { type: 'finish' }>): string {
    let out = this.begin();
    const finish = emitFinish(event.finishReason);
    const itemStatus = finish.status === 'incomplete' ? 'incomplete' : 'completed';
    while (this.current !== undefined || this.queue.length > 0) {
      if (this.current !== undefined) this.current.ended = true;
      out += this.stopCurrent(itemStatus);
      for (const queued of this.queue) queued.ended = true;
      out += this.promote();
    }
    this.done = true;
    this.usage = mergeUsage(this.usage, event.usage);
    const error = finish.status === 'failed' ? { code: 'server_error', message: 'The upstream failed to complete the response.' } : null;
    const response = this.response({ status: finish.status, error, incompleteDetails: finish.incomplete_details, usage: emitUsage(this.usage) });
    const type = finish.status === 'completed' ? 'response.completed' : finish.status === 'incomplete' ? 'response.incomplete' : 'response.failed';
    return out + this.writer.frame(type, { response });
  }

  /**
   * An `error` event, then `response.failed`, as OpenAI ends a failed stream
   * (fixtures/openai-responses/stream-error-insufficient-quota.data.ndjson). The error's fields
   * are written both at the top level (the SDK's `ResponseErrorEvent` type) and nested in `error`
   * (what OpenAI sends, and what makes the SDK's stream reader raise an `APIError`:
   * node_modules/openai/core/streaming.js `if (data && data.error) throw new APIError(…)`).
   */
  private fail(error: InterlinguaError): string {
    let out = this.begin();
    this.done = true;
    // The item on the wire gets its `output_item.done` (as incomplete), so every announced item
    // is closed; blocks still waiting were never announced and are dropped.
    if (this.current !== undefined) this.current.ended = true;
    out += this.stopCurrent('incomplete');
    const { error: wire } = errorBody(error);
    out += this.writer.frame('error', { code: wire.code, message: wire.message, param: wire.param, error: wire });
    const response = this.response({ status: 'failed', error: responseError(error), incompleteDetails: null, usage: null });
    return out + this.writer.frame('response.failed', { response });
  }
}

/** Text and foreign reasoning may be cut into several items; tool calls and OpenAI's signed reasoning may not. */
function splittable(lifecycle: Lifecycle): boolean {
  return lifecycle.kind === 'text' || (lifecycle.kind === 'reasoning' && !lifecycle.signed);
}
