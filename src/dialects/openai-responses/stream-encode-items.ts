/**
 * Writes one output item's events for the stream encoder and keeps the finished items, which the
 * terminal event repeats as `response.output`. Event and field names follow
 * node_modules/openai/resources/responses/responses.d.ts (`ResponseOutputItemAddedEvent`,
 * `ResponseContentPartAddedEvent`, `ResponseTextDeltaEvent`, `ResponseReasoningSummaryPartAddedEvent`,
 * `ResponseFunctionCallArgumentsDeltaEvent`, …) and OpenAI's recorded streams
 * (fixtures/openai-responses/dd-response_stream.response.sse, fantasy-o4mini-summary-thinking-streaming.i0.response.sse).
 */
import { generateId } from '../../core/ids.js';
import { formatSseFrame } from '../../wire/sse-parser.js';
import type { BlockContentEvent, BlockLifecycle } from '../../core/sequential-blocks.js';
import { carrierValue, type CarriedKind } from '../../core/signature-envelope.js';
import { dialectName, ownVendor, stringField } from './vendor.js';
import { customInput, wireToolName, type NamespacedName } from './tool-kinds.js';
import type { TextCitation, TokenLogprob } from '../../interlingua/content.js';
import { responsesEventLogprobs, responsesPartLogprobs } from '../openai-family/token-logprobs.js';
import { responsesAnnotations } from './url-citations.js';
import { imageGenerationCall, imageGenerationCallId } from './generated-images.js';
import { pushAll } from '../../core/push-all.js';
import { isRefusal } from '../openai-family/refusal-part.js';

export type ContentEvent = BlockContentEvent;

/** One upstream block, as the encoder schedules it (reasoning is `signed` when it came from a Responses upstream). */
export interface Lifecycle extends BlockLifecycle {
  signature?: string;
  /** The item written for it while current; `logprobs`, a text item's tokens so far, for its `.done` events and part. */
  wire?: { outputIndex: number; itemId: string; text: string; partOpen: boolean; logprobs?: TokenLogprob[]; refusal?: boolean };
  /** For text cut into several items: the length of its text in the items before the current one. */
  written?: number;
}

export class WireItemWriter {
  private sequence = 0;

  /**
   * `carrySignatures`: whether another vendor's signature goes out as `encrypted_content`
   * (reasoning-carrier.ts); `toolNames`: the caller's namespaced functions, whose calls are written
   * as name plus namespace; `customNames`: its custom tools, whose calls are `custom_tool_call`
   * items (tool-kinds.ts).
   */
  constructor(
    private readonly carrySignatures: boolean,
    private readonly toolNames?: ReadonlyMap<string, NamespacedName>,
    private readonly customNames?: ReadonlySet<string>,
  ) {}
  /** Finished items, in output order. */
  readonly output: Array<Record<string, unknown>> = [];
  /** Citations of text blocks that ended, by block id, for their item's close. */
  private readonly citations = new Map<string, readonly TextCitation[]>();

  /** A text block's citations (its `text-end`), indexed into the block's whole text. */
  cite(blockId: string, citations: readonly TextCitation[]): void {
    this.citations.set(blockId, citations);
  }

  /** Numbers the next event `next` (a relayed stream goes on where the upstream's numbering stopped). */
  numberFrom(next: number): void {
    this.sequence = Math.max(this.sequence, next);
  }

  /** One SSE event, named after its type and numbered in sequence. */
  frame(type: string, fields: Record<string, unknown>): string {
    return formatSseFrame(JSON.stringify({ type, sequence_number: this.sequence++, ...fields }), type);
  }

  /** A block comes on the wire: a tool call's item opens at once (its name is known), text and reasoning on their first delta. */
  begin(lifecycle: Lifecycle): string {
    return lifecycle.kind === 'tool-call' ? this.open(lifecycle) : '';
  }

  write(lifecycle: Lifecycle, event: ContentEvent): string {
    switch (event.type) {
      case 'text-delta': {
        if (lifecycle.kind !== 'text' || event.delta === '') return '';
        const out = this.open(lifecycle);
        const wire = this.wireOf(lifecycle);
        wire.text += event.delta;
        // `ResponseRefusalDeltaEvent` has no logprobs, nor has the whole answer's refusal part (items-emit.ts).
        if (wire.refusal === true) return out + this.frame('response.refusal.delta', { ...this.where(wire), content_index: 0, delta: event.delta });
        // `logprobs` is required on the event, `[]` when there are none (`ResponseTextDeltaEvent`).
        let logprobs: Array<Record<string, unknown>> = [];
        if (event.logprobs !== undefined) {
          // Appended in place: a copy per delta made a long stream with logprobs quadratic.
          pushAll((wire.logprobs ??= []), event.logprobs);
          logprobs = responsesEventLogprobs(event.logprobs);
        }
        return out + this.frame('response.output_text.delta', { ...this.where(wire), content_index: 0, delta: event.delta, logprobs });
      }
      case 'reasoning-delta': {
        if (lifecycle.kind !== 'reasoning' || event.delta === '') return '';
        let out = this.open(lifecycle);
        const wire = this.wireOf(lifecycle);
        if (!wire.partOpen) {
          wire.partOpen = true;
          out += this.frame('response.reasoning_summary_part.added', { ...this.where(wire), summary_index: 0, part: { type: 'summary_text', text: '' } });
        }
        wire.text += event.delta;
        return out + this.frame('response.reasoning_summary_text.delta', { ...this.where(wire), summary_index: 0, delta: event.delta });
      }
      case 'reasoning-signature':
        // OpenAI's own encrypted content goes back as it came; another vendor's in its envelope.
        if (lifecycle.kind === 'reasoning') lifecycle.signature = this.carried(lifecycle, 'signature', event.signature) ?? lifecycle.signature;
        return '';
      case 'reasoning-redacted':
        if (lifecycle.kind === 'reasoning') lifecycle.signature = this.carried(lifecycle, 'redacted', event.data) ?? lifecycle.signature;
        return '';
      case 'tool-call-delta': {
        if (lifecycle.kind !== 'tool-call' || event.delta === '') return '';
        const out = this.open(lifecycle);
        const wire = this.wireOf(lifecycle);
        wire.text += event.delta;
        // A custom call's text is inside the JSON arguments: it is written whole when they are complete.
        if (this.isCustom(lifecycle)) return out;
        return out + this.frame('response.function_call_arguments.delta', { ...this.where(wire), delta: event.delta });
      }
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled delta ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /** Ends the block's item (if it has one) and keeps it for the final response. */
  close(lifecycle: Lifecycle, status: 'completed' | 'incomplete'): string {
    // Signed reasoning with no summary still carries its encrypted content.
    let out = lifecycle.wire === undefined && lifecycle.kind === 'reasoning' && lifecycle.signature !== undefined ? this.open(lifecycle) : '';
    const wire = lifecycle.wire;
    if (wire === undefined) return out;
    lifecycle.wire = undefined;
    const where = this.where(wire);
    let item: Record<string, unknown>;
    switch (lifecycle.kind) {
      case 'text': {
        if (wire.refusal === true) {
          const part = { type: 'refusal', refusal: wire.text };
          out += this.frame('response.refusal.done', { ...where, content_index: 0, refusal: wire.text });
          out += this.frame('response.content_part.done', { ...where, content_index: 0, part });
          item = { id: wire.itemId, type: 'message', status, content: [part], role: 'assistant' };
          break;
        }
        const annotations = this.annotationsOf(lifecycle, wire.text);
        annotations.forEach((annotation, index) => {
          out += this.frame('response.output_text.annotation.added', { ...where, content_index: 0, annotation_index: index, annotation });
        });
        const tokens = wire.logprobs ?? [];
        const part = { type: 'output_text', annotations, logprobs: responsesPartLogprobs(tokens), text: wire.text };
        out += this.frame('response.output_text.done', { ...where, content_index: 0, text: wire.text, logprobs: responsesEventLogprobs(tokens) });
        out += this.frame('response.content_part.done', { ...where, content_index: 0, part });
        item = { id: wire.itemId, type: 'message', status, content: [part], role: 'assistant' };
        break;
      }
      case 'reasoning': {
        const summary = wire.partOpen ? [{ type: 'summary_text', text: wire.text }] : [];
        if (wire.partOpen) {
          out += this.frame('response.reasoning_summary_text.done', { ...where, summary_index: 0, text: wire.text });
          out += this.frame('response.reasoning_summary_part.done', { ...where, summary_index: 0, part: summary[0] });
        }
        item = { id: wire.itemId, type: 'reasoning', summary };
        if (lifecycle.signature !== undefined) item['encrypted_content'] = lifecycle.signature;
        break;
      }
      case 'tool-call':
        if (this.isCustom(lifecycle)) {
          // `ResponseCustomToolCallInputDeltaEvent` / `…InputDoneEvent`; recorded: fixtures/openai-responses/stream-custom-tool-call-input.data.ndjson.
          const input = customInput(wire.text);
          if (input !== '') out += this.frame('response.custom_tool_call_input.delta', { ...where, delta: input });
          out += this.frame('response.custom_tool_call_input.done', { ...where, input });
          item = { id: wire.itemId, type: 'custom_tool_call', status, call_id: lifecycle.id, ...wireToolName(this.toolNames, lifecycle.name), input };
          break;
        }
        // A call streamed without arguments has `"{}"`, as the same answer unstreamed: an empty string is no JSON.
        // It comes as a delta too, so that a client joining the deltas reads what `.done` says.
        if (wire.text === '') out += this.frame('response.function_call_arguments.delta', { ...where, delta: '{}' });
        out += this.frame('response.function_call_arguments.done', { ...where, name: wireToolName(this.toolNames, lifecycle.name).name, arguments: wire.text || '{}' });
        item = { id: wire.itemId, type: 'function_call', status, arguments: wire.text || '{}', call_id: lifecycle.id, ...wireToolName(this.toolNames, lifecycle.name) };
        break;
      default: {
        const unhandled: never = lifecycle.kind;
        throw new Error(`unhandled block kind ${String(unhandled)}`);
      }
    }
    this.output.push(item);
    return out + this.frame('response.output_item.done', { output_index: wire.outputIndex, item });
  }

  /**
   * An image another vendor's model generated, whole, as OpenAI streams an `image_generation_call`
   * item: `output_item.added` (in progress, no result yet), `response.image_generation_call.in_progress`,
   * `.generating`, `.completed`, then `output_item.done` with the base64 `result`
   * (`ResponseImageGenCall*Event` in node_modules/openai/resources/responses/responses.d.ts; the
   * order as OpenAI-compatible servers write it:
   * https://learn.microsoft.com/en-us/dotnet/api/azure.ai.agentserver.responses.outputitemimagegencallbuilder).
   * No `partial_image` event: OpenAI sends those only when the request asked for `partial_images`,
   * and otherwise gives the image once, on `output_item.done`
   * (https://github.com/microsoft/agent-framework/pull/8424). Written only while no other item is open.
   */
  generatedImage(data: string): string {
    const where = { item_id: imageGenerationCallId(), output_index: this.output.length };
    const item = imageGenerationCall(where.item_id, data);
    let out = this.frame('response.output_item.added', { output_index: where.output_index, item: { ...item, status: 'in_progress', result: null } });
    for (const stage of ['in_progress', 'generating', 'completed']) out += this.frame(`response.image_generation_call.${stage}`, where);
    this.output.push(item);
    return out + this.frame('response.output_item.done', { output_index: where.output_index, item });
  }

  /**
   * The citations that fall in this item's text, indexed into it. A block is known to be cited only
   * when it ends, so a block cut into several items has its citations on the last one only.
   */
  private annotationsOf(lifecycle: Lifecycle, text: string): ReturnType<typeof responsesAnnotations> {
    const before = lifecycle.written ?? 0;
    lifecycle.written = before + text.length;
    const citations = lifecycle.ended ? this.citations.get(lifecycle.id) : undefined;
    if (citations === undefined) return [];
    this.citations.delete(lifecycle.id);
    const inItem = citations
      .filter((citation) => citation.startIndex >= before && citation.endIndex <= before + text.length)
      .map((citation) => ({ ...citation, startIndex: citation.startIndex - before, endIndex: citation.endIndex - before }));
    return responsesAnnotations(inItem);
  }

  private carried(lifecycle: Lifecycle, kind: CarriedKind, value: string): string | undefined {
    if (value === '') return undefined;
    if (lifecycle.signed) return value;
    return this.carrySignatures ? carrierValue(dialectName, lifecycle.origin, kind, value) : undefined;
  }

  /** `output_item.added` (and a text item's `content_part.added`), unless the item is open already. */
  private open(lifecycle: Lifecycle): string {
    if (lifecycle.wire !== undefined) return '';
    // One item is open at a time, so the next output index is the number of finished items.
    const outputIndex = this.output.length;
    switch (lifecycle.kind) {
      case 'text': {
        // A refusal (openai-family/refusal-part.ts) is a `refusal` part: `ResponseContentPartAddedEvent` and `ResponseRefusalDeltaEvent`.
        const refusal = isRefusal(lifecycle.vendor);
        const wire = (lifecycle.wire = { outputIndex, itemId: generateId('msg_'), text: '', partOpen: true, refusal });
        const item = { id: wire.itemId, type: 'message', status: 'in_progress', content: [], role: 'assistant' };
        const part = refusal ? { type: 'refusal', refusal: '' } : { type: 'output_text', annotations: [], logprobs: [], text: '' };
        return this.frame('response.output_item.added', { output_index: outputIndex, item }) + this.frame('response.content_part.added', { ...this.where(wire), content_index: 0, part });
      }
      case 'reasoning': {
        const wire = (lifecycle.wire = { outputIndex, itemId: generateId('rs_'), text: '', partOpen: false });
        return this.frame('response.output_item.added', { output_index: outputIndex, item: { id: wire.itemId, type: 'reasoning', summary: [] } });
      }
      case 'tool-call': {
        // The item id of a call from a Responses upstream (`fc_…`, `ctc_…`) is kept; anything else gets one.
        const custom = this.isCustom(lifecycle);
        const itemId = stringField(ownVendor(lifecycle.vendor), 'id') ?? generateId(custom ? 'ctc_' : 'fc_');
        const wire = (lifecycle.wire = { outputIndex, itemId, text: '', partOpen: false });
        const payload = custom ? { type: 'custom_tool_call', status: 'in_progress', input: '' } : { type: 'function_call', status: 'in_progress', arguments: '' };
        const item = { id: wire.itemId, ...payload, call_id: lifecycle.id, ...wireToolName(this.toolNames, lifecycle.name) };
        return this.frame('response.output_item.added', { output_index: outputIndex, item });
      }
      default: {
        const unhandled: never = lifecycle.kind;
        throw new Error(`unhandled block kind ${String(unhandled)}`);
      }
    }
  }

  private wireOf(lifecycle: Lifecycle): NonNullable<Lifecycle['wire']> {
    if (lifecycle.wire === undefined) throw new Error(`block ${lifecycle.id} has no item on the wire`);
    return lifecycle.wire;
  }

  private isCustom(lifecycle: Lifecycle): boolean {
    return lifecycle.kind === 'tool-call' && this.customNames?.has(lifecycle.name) === true;
  }

  private where(wire: NonNullable<Lifecycle['wire']>): { item_id: string; output_index: number } {
    return { item_id: wire.itemId, output_index: wire.outputIndex };
  }
}
