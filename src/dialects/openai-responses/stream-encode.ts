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
 * Upstream blocks may interleave (parallel tool calls); OpenAI's items never do, so with the
 * scheduler the Anthropic encoder shares (src/core/sequential-blocks.ts) the item on the wire
 * stays current until its block ends and blocks that start
 * meanwhile wait, deltas buffered, in start order. An open text (or foreign reasoning) item is
 * closed when another block starts, since text splits cleanly; later text for it opens a new
 * message item. Text and reasoning items open on their first delta, so an empty block writes
 * nothing. An image another vendor's model generated is an item of its own where it came
 * (generated-images.ts), written once no block is open. A text item's end waits for the next
 * event that writes (`heldTextEnd`), so that an answer cut short closes it `incomplete`. Nothing
 * else is held back: each event's frames are written at once.
 */
import type { EmitResponseContext, StreamEncoder, StreamFrame } from '../../interlingua/dialect.js';
import { parseJsonText } from '../../wire/json-text.js';
import type { InterlinguaError } from '../../interlingua/error.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { Usage } from '../../interlingua/usage.js';
import { mergeUsage } from '../../core/fold-stream.js';
import { generateId } from '../../core/ids.js';
import { errorBody, responseError } from './errors.js';
import { emitFinish } from './finish-reason.js';
import { responseId, responseObject, responseSettings, type ResponseState } from './response-envelope.js';
import { WireItemWriter, type Lifecycle } from './stream-encode-items.js';
import { customToolNames, namespacedNames } from './tool-kinds.js';
import { carriesSignatures } from './reasoning-carrier.js';
import { SequentialBlocks } from '../../core/sequential-blocks.js';
import { emitUsage } from './usage.js';
import { dialectName, ownVendor, recordField } from './vendor.js';
import type { VendorData } from '../../interlingua/vendor.js';
import { generatedImagesIn } from './generated-images.js';
import { pushAll } from '../../core/push-all.js';

export class OpenaiResponsesStreamEncoder implements StreamEncoder {
  private readonly writer: WireItemWriter;
  /** Output items never interleave; interleaved upstream blocks wait their turn. */
  private readonly blocks = new SequentialBlocks<Lifecycle>({
    begin: (lifecycle) => this.writer.begin(lifecycle),
    write: (lifecycle, event) => this.writer.write(lifecycle, event),
    close: (lifecycle, incomplete) => this.writer.close(lifecycle, incomplete ? 'incomplete' : 'completed'),
  }, dialectName);
  private usage: Usage = {};
  private id = '';
  private createdAt = 0;
  private settings: Record<string, unknown> | undefined;
  private started = false;
  private done = false;
  private final: Record<string, unknown> | undefined;
  /** Blocks started and not yet ended: while any is, an item may be on the wire or waiting for it. */
  private readonly openBlocks = new Set<string>();
  /** Generated images told mid-answer while the wire was taken, written as soon as it is free. */
  private readonly heldImages: string[] = [];
  /** How many generated images were told mid-answer; `finish` lists them again, first. */
  private placedImages = 0;
  /**
   * A text block's end, held until the next event that writes: upstreams end their text before they
   * say why the answer ended, and OpenAI marks the message item of an answer cut short (max output
   * tokens) `incomplete` in its `output_item.done`, as in the response it ends with
   * (fixtures/openai-responses/dd-response_stream_incomplete.response.sse). A finish next closes the
   * item with the answer's status; anything else passes the end on first, and it closes `completed`.
   */
  private heldTextEnd: Extract<StreamEvent, { type: 'text-end' }> | undefined;

  constructor(private readonly context: EmitResponseContext) {
    this.writer = new WireItemWriter(carriesSignatures(context), namespacedNames(context.request.vendor), customToolNames(context.request.vendor));
  }

  encode(event: StreamEvent): string {
    if (this.done) return '';
    // Usage changes nothing on the wire, and a finish closes a held text item itself.
    const released = this.heldTextEnd !== undefined && event.type !== 'usage' && event.type !== 'finish' ? this.releaseTextEnd() : '';
    return released + this.encodeEvent(event);
  }

  private encodeEvent(event: StreamEvent): string {
    switch (event.type) {
      case 'response-start':
        if (event.usage !== undefined) this.usage = mergeUsage(this.usage, event.usage);
        return this.begin(event.id, event.created, recordField(ownVendor(event.vendor), 'response'));
      case 'text-start':
      case 'reasoning-start':
      case 'tool-call-start':
        this.openBlocks.add(event.id);
        return this.begin() + this.blocks.accept(event);
      case 'text-delta':
      case 'tool-call-delta':
      case 'reasoning-delta':
      case 'reasoning-signature':
      case 'reasoning-redacted':
        return this.begin() + this.blocks.accept(event);
      case 'reasoning-end':
      case 'tool-call-end':
        this.openBlocks.delete(event.id);
        return this.begin() + this.blocks.accept(event) + this.writeHeldImages();
      case 'text-end':
        if (event.citations !== undefined && event.citations.length > 0) this.writer.cite(event.id, event.citations);
        this.heldTextEnd = event;
        return this.begin();
      case 'usage':
        this.usage = mergeUsage(this.usage, event.usage);
        return '';
      case 'vendor-output':
        return this.placeImages(event.vendor);
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

  /** The text end held back (`heldTextEnd`), passed on now that the answer goes on. */
  private releaseTextEnd(): string {
    const end = this.heldTextEnd;
    this.heldTextEnd = undefined;
    if (end === undefined) return '';
    this.openBlocks.delete(end.id);
    return this.blocks.accept(end) + this.writeHeldImages();
  }

  /** The next event is numbered after the relayed upstream's last one, which every Responses event carries. */
  continueAfter(frame: StreamFrame): void {
    const parsed = parseJsonText(frame.data);
    const sequence = parsed.ok && parsed.value !== null && typeof parsed.value === 'object' ? (parsed.value as Record<string, unknown>)['sequence_number'] : undefined;
    if (typeof sequence === 'number' && Number.isSafeInteger(sequence) && sequence >= 0) this.writer.numberFrom(sequence + 1);
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

  /** Closes the current item, flushes every queued one in order, then the terminal event with the whole response. */
  private finish(event: Extract<StreamEvent, { type: 'finish' }>): string {
    let out = this.begin();
    const finish = emitFinish(event.finishReason);
    const itemStatus = finish.status === 'incomplete' ? 'incomplete' : 'completed';
    out += this.blocks.flush(itemStatus === 'incomplete');
    this.openBlocks.clear();
    out += this.writeHeldImages() + this.writeUnplacedImages(event.vendor);
    this.done = true;
    this.usage = mergeUsage(this.usage, event.usage);
    const error = finish.status === 'failed' ? { code: 'server_error', message: 'The upstream failed to complete the response.' } : null;
    const response = this.response({ status: finish.status, error, incompleteDetails: finish.incomplete_details, usage: emitUsage(this.usage) });
    const type = finish.status === 'completed' ? 'response.completed' : finish.status === 'incomplete' ? 'response.incomplete' : 'response.failed';
    this.final = response;
    return out + this.writer.frame(type, { response });
  }

  /**
   * Images another vendor's model generated, told where they came in the answer (a `vendor-output`
   * event, core/unported-output.ts): each is an item of its own between the items before and
   * after it (generated-images.ts), written at once when no item is open, else when the open ones end.
   */
  private placeImages(vendor: VendorData): string {
    const images = generatedImagesIn(vendor);
    if (images.length === 0) return '';
    this.placedImages += images.length;
    pushAll(this.heldImages, images.map((image) => image.data));
    return this.begin() + this.writeHeldImages();
  }

  private writeHeldImages(): string {
    if (this.openBlocks.size > 0) return '';
    return this.heldImages.splice(0).map((data) => this.writer.generatedImage(data)).join('');
  }

  /** The images `finish` lists that no `vendor-output` event placed (an upstream that tells them only at the end) follow the other items. */
  private writeUnplacedImages(vendor: VendorData | undefined): string {
    return generatedImagesIn(vendor).slice(this.placedImages).map((image) => this.writer.generatedImage(image.data)).join('');
  }

  finalResponse(): Record<string, unknown> | undefined {
    return this.final;
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
    out += this.blocks.abandon();
    const { error: wire } = errorBody(error);
    out += this.writer.frame('error', { code: wire.code, message: wire.message, param: wire.param, error: wire });
    const response = this.response({ status: 'failed', error: responseError(error), incompleteDetails: null, usage: null });
    return out + this.writer.frame('response.failed', { response });
  }
}
