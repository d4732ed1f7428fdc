/**
 * The decoder's per-item state: which block each output item (by `output_index`) and each of its
 * parts became, and how much text each block has had, so a `.done` event or the final output
 * adds only what the deltas did not carry. See stream-decode.ts for the protocol. A text block
 * gathers its part's annotations, from whichever event brings them first, and its `text-end`
 * carries their URL citations (url-citations-read.ts).
 */
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { TokenLogprob } from '../../interlingua/content.js';
import { generateId } from '../../core/ids.js';
import { partSeparator } from './reasoning-text.js';
import { streamItemSchema, type StreamItem } from './stream-schema.js';
import { qualifiedName } from './tool-kinds.js';
import { dialectName } from './vendor.js';
import { refusalMarker } from '../openai-family/refusal-part.js';
import { annotationKey, citationsUnported, partCitations, rawPartAnnotations, urlCitationOf } from './url-citations-read.js';

interface TextBlock {
  id: string;
  text: string;
  open: boolean;
  /** The part's annotations, each once (`keys`); read as citations when the block ends and its text is whole. */
  annotations: unknown[];
  keys: Set<string>;
}

type Source = 'summary' | 'content';

/** `index` is the item's `output_index`; `done` once its block(s) ended. */
type ItemState =
  | { kind: 'message'; index: number; done: boolean; texts: Map<number, TextBlock> }
  | { kind: 'function_call'; index: number; done: boolean; id: string; arguments: string }
  /** A custom tool's call: its text streams as the `input` string of JSON arguments (tool-kinds.ts), `input` is the text so far. */
  | { kind: 'custom_tool_call'; index: number; done: boolean; id: string; input: string }
  | {
      kind: 'reasoning';
      index: number;
      done: boolean;
      id: string;
      /** Whether the text comes from summary parts or (open-weight servers) `reasoning_text` parts; the first seen wins. */
      source?: Source;
      partIndex?: number;
      partText: string;
      parts: number;
      encrypted?: string;
    }
  | { kind: 'other'; index: number; done: boolean };

export class StreamItems {
  private readonly items = new Map<number, ItemState>();
  private readonly usedIds = new Set<string>();
  hasToolCalls = false;
  /** URL citations put on text blocks, and annotations that could not be (file citations, or ones that came after their block ended). */
  private citationsPlaced = 0;
  private annotationsLeft = 0;

  open(index: number, raw: unknown, events: StreamEvent[]): void {
    if (this.items.has(index)) return;
    const item = readItem(raw);
    switch (item?.type) {
      case 'message':
        this.items.set(index, { kind: 'message', index, done: false, texts: new Map() });
        return;
      case 'function_call': {
        const id = this.freshId(item.call_id != null && item.call_id !== '' ? item.call_id : generateId('call_'));
        // A namespace member's call travels under its flat name (tool-kinds.ts).
        const name = item.namespace != null && item.namespace !== '' ? qualifiedName(item.namespace, item.name ?? '') : (item.name ?? '');
        const start: StreamEvent = { type: 'tool-call-start', id, name };
        // The item's own `fc_…` id, where parseResponse keeps it too.
        if (item.id != null) start.vendor = { [dialectName]: { id: item.id } };
        events.push(start);
        this.items.set(index, { kind: 'function_call', index, done: false, id, arguments: '' });
        this.hasToolCalls = true;
        if (item.arguments != null) this.argumentsDone(index, item.arguments, events);
        return;
      }
      case 'custom_tool_call': {
        const id = this.freshId(item.call_id != null && item.call_id !== '' ? item.call_id : generateId('call_'));
        const name = item.namespace != null && item.namespace !== '' ? qualifiedName(item.namespace, item.name ?? '') : (item.name ?? '');
        const start: StreamEvent = { type: 'tool-call-start', id, name };
        if (item.id != null) start.vendor = { [dialectName]: { id: item.id } };
        events.push(start, { type: 'tool-call-delta', id, delta: '{"input":"' });
        this.items.set(index, { kind: 'custom_tool_call', index, done: false, id, input: '' });
        this.hasToolCalls = true;
        if (item.input != null) this.customInputDone(index, item.input, events);
        return;
      }
      case 'reasoning': {
        const id = this.freshId(`reasoning-${index}`);
        events.push({ type: 'reasoning-start', id, signatureOrigin: dialectName });
        const state: ItemState = { kind: 'reasoning', index, done: false, id, partText: '', parts: 0 };
        if (item.encrypted_content != null && item.encrypted_content !== '') state.encrypted = item.encrypted_content;
        this.items.set(index, state);
        this.reasoningFromItem(state, item, events);
        return;
      }
      default:
        this.items.set(index, { kind: 'other', index, done: false });
    }
  }

  close(index: number, raw: unknown, events: StreamEvent[]): void {
    if (!this.items.has(index)) this.open(index, raw, events);
    const state = this.items.get(index);
    if (state !== undefined) this.closeState(state, readItem(raw), events, raw);
  }

  /**
   * At the end of the response. The final output completes items still open at the same index;
   * it supplies whole items only when the events announced none (a proxy that sends just the
   * terminal event), since a recording or proxy that drops an item (a web search call, in
   * fixtures/openai-responses/stream-text-two-message-items-phase.data.ndjson) shifts the final
   * output's indices against the events' `output_index`.
   */
  closeAll(output: readonly unknown[], events: StreamEvent[]): void {
    const announced = this.items.size > 0;
    output.forEach((raw, index) => {
      const state = this.items.get(index);
      if (state === undefined) {
        if (!announced) this.close(index, raw, events);
        return;
      }
      const item = readItem(raw);
      if (!state.done && item?.type === state.kind) this.closeState(state, item, events, raw);
    });
    for (const state of this.items.values()) this.closeState(state, undefined, events);
  }

  /** `text` is the part's whole text so far (a `.done` event or a part that came with text); `refusal`, whether the part is a `refusal` one. */
  textPart(index: number, contentIndex: number, text: string | undefined, close: boolean, events: StreamEvent[], refusal = false): void {
    const block = this.textBlock(index, contentIndex, events, refusal);
    if (block === undefined) return;
    if (text !== undefined) this.rest(block, text, events);
    if (close && block.open) this.endText(block, events);
  }

  /** Annotations of a message's content part (an `annotation.added` event's one, or a part's or item's list). */
  annotate(index: number, contentIndex: number, annotations: unknown, events: StreamEvent[]): void {
    if (!Array.isArray(annotations) || annotations.length === 0) return;
    const block = this.textBlock(index, contentIndex, events);
    if (block === undefined) return;
    for (const annotation of annotations) {
      const key = annotationKey(annotation, urlCitationOf(annotation, Number.MAX_SAFE_INTEGER));
      if (block.keys.has(key)) continue;
      block.keys.add(key);
      if (block.open) block.annotations.push(annotation);
      else this.annotationsLeft += 1;
    }
  }

  /** The entries for callers of other dialects about the annotations (core/unported-output.ts). */
  unportedCitations(): ReturnType<typeof citationsUnported> {
    return citationsUnported(this.citationsPlaced, this.annotationsLeft);
  }

  private endText(block: TextBlock, events: StreamEvent[]): void {
    block.open = false;
    if (block.annotations.length === 0) {
      events.push({ type: 'text-end', id: block.id });
      return;
    }
    const { citations, other } = partCitations(block.annotations, block.text);
    this.citationsPlaced += citations.length;
    this.annotationsLeft += other;
    events.push(citations.length === 0 ? { type: 'text-end', id: block.id } : { type: 'text-end', id: block.id, citations });
  }

  /** `logprobs`: the delta's tokens, where the caller asked for them (`message.output_text.logprobs`). */
  textDelta(index: number, contentIndex: number, delta: string, events: StreamEvent[], logprobs?: TokenLogprob[], refusal = false): void {
    const block = this.textBlock(index, contentIndex, events, refusal);
    if (block === undefined || !block.open || delta === '') return;
    block.text += delta;
    events.push(logprobs === undefined ? { type: 'text-delta', id: block.id, delta } : { type: 'text-delta', id: block.id, delta, logprobs });
  }

  customInputDelta(index: number, delta: string, events: StreamEvent[]): void {
    const state = this.items.get(index);
    if (state?.kind !== 'custom_tool_call' || state.done || delta === '') return;
    state.input += delta;
    // The text, escaped as inside a JSON string.
    events.push({ type: 'tool-call-delta', id: state.id, delta: JSON.stringify(delta).slice(1, -1) });
  }

  customInputDone(index: number, input: string, events: StreamEvent[]): void {
    const state = this.items.get(index);
    if (state?.kind !== 'custom_tool_call' || state.done) return;
    if (input.length > state.input.length && input.startsWith(state.input)) this.customInputDelta(index, input.slice(state.input.length), events);
  }

  argumentsDelta(index: number, delta: string, events: StreamEvent[]): void {
    const state = this.items.get(index);
    if (state?.kind !== 'function_call' || state.done || delta === '') return;
    state.arguments += delta;
    events.push({ type: 'tool-call-delta', id: state.id, delta });
  }

  argumentsDone(index: number, text: string, events: StreamEvent[]): void {
    const state = this.items.get(index);
    if (state?.kind !== 'function_call' || state.done) return;
    if (text.length > state.arguments.length && text.startsWith(state.arguments)) this.argumentsDelta(index, text.slice(state.arguments.length), events);
  }

  summaryPart(index: number, summaryIndex: number, events: StreamEvent[]): void {
    const state = this.items.get(index);
    if (state?.kind === 'reasoning' && !state.done) this.enterPart(state, 'summary', summaryIndex, events);
  }

  reasoningDelta(index: number, source: Source, partIndex: number, delta: string, events: StreamEvent[]): void {
    const state = this.items.get(index);
    if (state?.kind !== 'reasoning' || state.done || !this.enterPart(state, source, partIndex, events) || delta === '') return;
    state.partText += delta;
    events.push({ type: 'reasoning-delta', id: state.id, delta });
  }

  reasoningPartDone(index: number, source: Source, partIndex: number, text: string, events: StreamEvent[]): void {
    const state = this.items.get(index);
    if (state?.kind !== 'reasoning' || state.done || !this.enterPart(state, source, partIndex, events)) return;
    if (text.length > state.partText.length && text.startsWith(state.partText)) {
      this.reasoningDelta(index, source, partIndex, text.slice(state.partText.length), events);
    }
  }

  /**
   * The block of a message's content part, opened by whichever event names the part first. A
   * `refusal` part's block carries the mark the whole answer's refusal part has (openai-family/refusal-part.ts).
   */
  private textBlock(index: number, contentIndex: number, events: StreamEvent[], refusal = false): TextBlock | undefined {
    let state = this.items.get(index);
    if (state === undefined) {
      state = { kind: 'message', index, done: false, texts: new Map() };
      this.items.set(index, state);
    }
    if (state.kind !== 'message' || state.done) return undefined;
    let block = state.texts.get(contentIndex);
    if (block === undefined) {
      block = { id: this.freshId(`text-${index}-${contentIndex}`), text: '', open: true, annotations: [], keys: new Set() };
      state.texts.set(contentIndex, block);
      events.push(refusal ? { type: 'text-start', id: block.id, vendor: refusalMarker(dialectName) } : { type: 'text-start', id: block.id });
    }
    return block;
  }

  private rest(block: TextBlock, text: string, events: StreamEvent[]): void {
    if (!block.open || text.length <= block.text.length || !text.startsWith(block.text)) return;
    const delta = text.slice(block.text.length);
    block.text = text;
    events.push({ type: 'text-delta', id: block.id, delta });
  }

  /** Moves a reasoning block to part `partIndex`; parts after the first are set off by a blank line. */
  private enterPart(state: Extract<ItemState, { kind: 'reasoning' }>, source: Source, partIndex: number, events: StreamEvent[]): boolean {
    state.source ??= source;
    if (state.source !== source) return false;
    if (state.partIndex === partIndex) return true;
    if (state.parts > 0) events.push({ type: 'reasoning-delta', id: state.id, delta: partSeparator });
    state.parts++;
    state.partIndex = partIndex;
    state.partText = '';
    return true;
  }

  /** The parts a whole reasoning item holds, from the part the deltas reached onward. */
  private reasoningFromItem(state: Extract<ItemState, { kind: 'reasoning' }>, item: StreamItem, events: StreamEvent[]): void {
    const summary = (item.summary ?? []).map((part) => part.text);
    const content = (item.content ?? []).flatMap((part) => (part.type === 'reasoning_text' && part.text != null ? [part.text] : []));
    const source: Source = state.source ?? (summary.length === 0 && content.length > 0 ? 'content' : 'summary');
    const texts = source === 'summary' ? summary : content;
    for (let partIndex = state.partIndex ?? 0; partIndex < texts.length; partIndex++) {
      this.reasoningPartDone(state.index, source, partIndex, texts[partIndex] ?? '', events);
    }
  }

  /** `raw` is the item as the wire had it, for what `item` (read for the decoder's needs) leaves out: its parts' annotations. */
  private closeState(state: ItemState, item: StreamItem | undefined, events: StreamEvent[], raw?: unknown): void {
    if (state.done) return;
    switch (state.kind) {
      case 'message': {
        (item?.content ?? []).forEach((part, contentIndex) => {
          const text = part.type === 'output_text' ? part.text : part.type === 'refusal' ? part.refusal : undefined;
          if (text == null || (text === '' && !state.texts.has(contentIndex))) return;
          this.textPart(state.index, contentIndex, text, false, events, part.type === 'refusal');
          if (part.type === 'output_text') this.annotate(state.index, contentIndex, rawPartAnnotations(raw, contentIndex), events);
        });
        for (const block of state.texts.values()) if (block.open) this.endText(block, events);
        break;
      }
      case 'function_call':
        if (item?.arguments != null) this.argumentsDone(state.index, item.arguments, events);
        events.push({ type: 'tool-call-end', id: state.id });
        break;
      case 'custom_tool_call':
        if (item?.input != null) this.customInputDone(state.index, item.input, events);
        events.push({ type: 'tool-call-delta', id: state.id, delta: '"}' }, { type: 'tool-call-end', id: state.id });
        break;
      case 'reasoning': {
        if (item !== undefined) this.reasoningFromItem(state, item, events);
        const encrypted = item?.encrypted_content != null && item.encrypted_content !== '' ? item.encrypted_content : state.encrypted;
        if (encrypted !== undefined) events.push({ type: 'reasoning-signature', id: state.id, signature: encrypted });
        events.push({ type: 'reasoning-end', id: state.id });
        break;
      }
      case 'other':
        break;
      default: {
        const unhandled: never = state;
        throw new Error(`unhandled item state ${JSON.stringify(unhandled)}`);
      }
    }
    state.done = true;
  }

  /** Events key blocks by id, so two blocks never share one (a repeated or missing `call_id` gets a fresh one). */
  private freshId(candidate: string): string {
    const id = this.usedIds.has(candidate) ? generateId('call_') : candidate;
    this.usedIds.add(id);
    return id;
  }
}

function readItem(raw: unknown): StreamItem | undefined {
  const parsed = streamItemSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
