/**
 * `streamGenerateContent?alt=sse` → interlingua events. Every `data:` is a whole
 * GenerateContentResponse chunk and there is no `[DONE]`: the chunk with `finishReason` ends the
 * answer, and a stream that closes before it was cut (`stream_interrupted`).
 *
 * Blocks: consecutive text parts continue one text block and thought parts one reasoning block.
 * A `thoughtSignature` on a thought part signs the open reasoning block; on a text part (Gemini 3
 * sends it last, on an empty text: fixture stream-text-thoughtsignature-empty-text.data.ndjson)
 * it becomes an empty signed reasoning block right after that text, since text events carry no
 * vendor data; assistant-parts-emit.ts folds it back onto the text. Each function call is a
 * start, one delta with its whole arguments, and an end. usageMetadata is cumulative, so each
 * chunk's replaces the last wherever usage is merged (core/fold-stream.ts mergeUsage): the first
 * chunk's also rides on `response-start`, the same values as the `usage` event after its parts.
 * A grounded answer's `groundingMetadata` (the latest a chunk carried) is placed at the finish on
 * the text block still open, as its `text-end` citations (grounding.ts).
 */
import type { StreamDecoder, StreamFrame } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { Usage } from '../../interlingua/usage.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { generateId } from '../../core/ids.js';
import { stringifyToolArguments } from '../../core/tool-arguments.js';
import { streamChunkError } from './errors.js';
import { finishReasonFromBlock, finishReasonFromGemini } from './finish-reason.js';
import type { JsonObject } from './json-value.js';
import { PartialArgsCall } from './partial-args.js';
import { usageFromGemini } from './usage.js';
import { dialectName } from './vendor.js';
import { describeIssue, generateContentResponseSchema, type WireResponse, type WireResponseFunctionCall, type WireResponsePart } from './wire-schema.js';
import { parseJsonText } from '../../wire/json-text.js';
import { unportedOutputKey, type UnportedOutput } from '../../core/unported-output.js';
import { unportedOutputOf } from './unported-output.js';
import { groundingMetadataOf, placeGrounding, type GroundingMetadata } from './grounding.js';
import { readLogprobsResult, tokensPerText } from './logprobs.js';
import type { TextCitation } from '../../interlingua/content.js';
import { pushAll } from '../../core/push-all.js';

export class GeminiStreamDecoder implements StreamDecoder {
  private started = false;
  private finished = false;
  private blockCount = 0;
  private textBlock: string | undefined;
  /** The open text block's text so far, for placing grounding citations in it. */
  private blockText = '';
  private grounding: GroundingMetadata | undefined;
  private reasoningBlock: string | undefined;
  private toolCalls = 0;
  private pendingCall: PartialArgsCall | undefined;
  private usage: Usage = {};
  private readonly unported: UnportedOutput[] = [];

  push(frame: StreamFrame): StreamEvent[] {
    if (this.finished) return [];
    const parsed = parseJsonText(frame.data);
    if (!parsed.ok) throw new InterlinguaError('upstream_error', `Gemini streamed a chunk that ${parsed.problem}.`);
    const json = parsed.value;
    const chunks = Array.isArray(json) ? json : [json];
    const events: StreamEvent[] = [];
    for (const chunk of chunks) {
      if (this.finished) break;
      const parsed = generateContentResponseSchema.safeParse(chunk);
      if (!parsed.success) throw new InterlinguaError('upstream_error', `Gemini streamed an unexpected chunk: ${describeIssue(parsed.error)}.`);
      this.decodeChunk(parsed.data, events);
    }
    return events;
  }

  end(): StreamEvent[] {
    if (this.finished) return [];
    this.finished = true;
    return [{ type: 'error', error: new InterlinguaError('stream_interrupted', 'The Gemini stream ended without a finishReason.') }];
  }

  private decodeChunk(chunk: WireResponse, events: StreamEvent[]): void {
    if (chunk.error) {
      this.finished = true;
      events.push({ type: 'error', error: streamChunkError(chunk.error) });
      return;
    }
    if (!this.started) {
      this.started = true;
      const start: StreamEvent = { type: 'response-start', id: chunk.responseId ?? generateId('resp_'), model: chunk.modelVersion ?? '' };
      const created = chunk.createTime ? Date.parse(chunk.createTime) : Number.NaN;
      if (!Number.isNaN(created)) start.created = Math.floor(created / 1000);
      // The prompt is counted from the first chunk on; an Anthropic caller reads it in message_start.
      if (chunk.usageMetadata) start.usage = usageFromGemini(chunk.usageMetadata);
      events.push(start);
    }
    const candidate = chunk.candidates?.find((entry) => (entry.index ?? 0) === 0);
    const decodedFrom = events.length;
    for (const part of candidate?.content?.parts ?? []) this.decodePart(part, events);
    placeChunkLogprobs(candidate?.['logprobsResult'], events.slice(decodedFrom));
    this.grounding = groundingMetadataOf(candidate) ?? this.grounding;
    if (chunk.usageMetadata) this.usage = usageFromGemini(chunk.usageMetadata);

    const blockReason = chunk.promptFeedback?.blockReason ?? undefined;
    if (candidate?.finishReason) {
      this.finish(finishReasonFromGemini(candidate.finishReason, this.toolCalls > 0 || this.pendingCall !== undefined), events);
    } else if (blockReason !== undefined && (chunk.candidates ?? []).length === 0) {
      this.finish(finishReasonFromBlock(blockReason), events);
    } else if (chunk.usageMetadata) {
      events.push({ type: 'usage', usage: this.usage });
    }
  }

  private decodePart(part: WireResponsePart, events: StreamEvent[]): void {
    const signature = part.thoughtSignature ?? undefined;
    if (part.functionCall) {
      this.decodeFunctionCall(part.functionCall, signature, events);
      return;
    }
    this.flushPendingCall(events);
    // A part the interlingua has no type for (executableCode, inline image output, signed or not on
    // Gemini 3, a draft image of a Gemini 3 image model's thinking) ends the blocks before it and is
    // told where it came, on a `vendor-output` event, for a caller dialect that writes it in its
    // place; the `finish` event lists it again for the gateway to carry or report
    // (core/unported-output.ts).
    const unported = unportedOutputOf(part);
    if (unported !== undefined) {
      this.closeText(events);
      this.closeReasoning(events);
      const placed: UnportedOutput = { ...unported, at: this.blockCount + this.toolCalls };
      this.unported.push(placed);
      events.push({ type: 'vendor-output', vendor: { [dialectName]: { [unportedOutputKey]: [placed] } } });
      // A part kept whole (its signature, if any, with it) is nothing more: a Part holds one kind of
      // data (https://ai.google.dev/api/caching#Part), and a draft image of the thinking has no text.
      if (unported.wire !== undefined) return;
    }
    if (part.thought === true) {
      this.closeText(events);
      const id = this.openReasoning(events);
      if (part.text) events.push({ type: 'reasoning-delta', id, delta: part.text });
      if (signature !== undefined) events.push({ type: 'reasoning-signature', id, signature });
      return;
    }
    if (typeof part.text !== 'string' && signature === undefined) {
      // Such a part still ends the text before it.
      if (Object.keys(part).length > 0) {
        this.closeText(events);
        this.closeReasoning(events);
      }
      return;
    }
    const text = part.text ?? '';
    if (text !== '') {
      this.closeReasoning(events);
      if (this.textBlock === undefined) {
        this.textBlock = this.nextId('text');
        this.blockText = '';
        events.push({ type: 'text-start', id: this.textBlock });
      }
      this.blockText += text;
      events.push({ type: 'text-delta', id: this.textBlock, delta: text });
    }
    if (signature !== undefined) {
      this.closeText(events);
      this.closeReasoning(events);
      const id = this.openReasoning(events);
      events.push({ type: 'reasoning-signature', id, signature });
      this.closeReasoning(events);
    }
  }

  private decodeFunctionCall(call: WireResponseFunctionCall, signature: string | undefined, events: StreamEvent[]): void {
    this.closeText(events);
    this.closeReasoning(events);
    const streamed = call.willContinue === true || (call.partialArgs ?? []).length > 0;
    if (typeof call.name === 'string' && call.name !== '' && streamed && call.args == null) {
      this.flushPendingCall(events);
      this.pendingCall = new PartialArgsCall(call.name, call.id ?? undefined, signature);
      this.pendingCall.apply(call.partialArgs ?? []);
      return;
    }
    if (this.pendingCall !== undefined && call.name == null) {
      this.pendingCall.apply(call.partialArgs ?? []);
      if (call.willContinue !== true) this.flushPendingCall(events);
      return;
    }
    this.flushPendingCall(events);
    if (typeof call.name !== 'string' || call.name === '') return;
    this.emitCall(call.name, call.id ?? undefined, signature, call.args ?? {}, events);
  }

  private flushPendingCall(events: StreamEvent[]): void {
    const pending = this.pendingCall;
    if (pending === undefined) return;
    this.pendingCall = undefined;
    this.emitCall(pending.name, pending.wireId, pending.signature, pending.args, events);
  }

  /** A call's signature comes first, as a signed reasoning block with no text (call-signature.ts). */
  private emitCall(name: string, wireId: string | undefined, signature: string | undefined, args: JsonObject, events: StreamEvent[]): void {
    if (signature !== undefined) {
      const reasoning = this.openReasoning(events);
      events.push({ type: 'reasoning-signature', id: reasoning, signature });
      this.closeReasoning(events);
    }
    const id = wireId !== undefined && wireId !== '' ? wireId : generateId('call_');
    const vendor: JsonObject = {};
    if (id !== wireId) vendor['idSynthesized'] = true;
    const start: StreamEvent = { type: 'tool-call-start', id, name };
    if (Object.keys(vendor).length > 0) start.vendor = { [dialectName]: vendor };
    events.push(start, { type: 'tool-call-delta', id, delta: stringifyToolArguments(args) }, { type: 'tool-call-end', id });
    this.toolCalls += 1;
  }

  private finish(finishReason: ReturnType<typeof finishReasonFromGemini>, events: StreamEvent[]): void {
    this.flushPendingCall(events);
    this.closeText(events, this.placeGrounding());
    this.closeReasoning(events);
    this.finished = true;
    const finish: Extract<StreamEvent, { type: 'finish' }> = { type: 'finish', finishReason, usage: this.usage };
    if (this.unported.length > 0) finish.vendor = { [dialectName]: { [unportedOutputKey]: this.unported } };
    events.push(finish);
  }

  private openReasoning(events: StreamEvent[]): string {
    if (this.reasoningBlock === undefined) {
      this.reasoningBlock = this.nextId('reasoning');
      events.push({ type: 'reasoning-start', id: this.reasoningBlock, signatureOrigin: dialectName });
    }
    return this.reasoningBlock;
  }

  /** The grounding's citations in the open text block; what cannot be placed or carried is listed as unported. */
  private placeGrounding(): TextCitation[] | undefined {
    if (this.grounding === undefined) return undefined;
    const texts = this.textBlock === undefined ? [] : [{ text: this.blockText }];
    const placed = placeGrounding(this.grounding, texts);
    pushAll(this.unported, placed.unported);
    const citations = placed.citations[0] ?? [];
    return citations.length > 0 ? citations : undefined;
  }

  private closeText(events: StreamEvent[], citations?: TextCitation[]): void {
    if (this.textBlock !== undefined) events.push(citations === undefined ? { type: 'text-end', id: this.textBlock } : { type: 'text-end', id: this.textBlock, citations });
    this.textBlock = undefined;
  }

  private closeReasoning(events: StreamEvent[]): void {
    if (this.reasoningBlock !== undefined) events.push({ type: 'reasoning-end', id: this.reasoningBlock });
    this.reasoningBlock = undefined;
  }

  /** Block ids are prefixed so they can never equal a tool call's id. */
  private nextId(kind: 'text' | 'reasoning'): string {
    this.blockCount += 1;
    return `${kind}-${this.blockCount}`;
  }
}

/** A chunk's token logprobs (told per chunk of the candidate) on the text deltas decoded from it (logprobs.ts). */
function placeChunkLogprobs(result: unknown, decoded: StreamEvent[]): void {
  const tokens = readLogprobsResult(result);
  if (tokens === undefined) return;
  const deltas = decoded.filter((event): event is Extract<StreamEvent, { type: 'text-delta' }> => event.type === 'text-delta');
  if (deltas.length === 0) return;
  tokensPerText(deltas.map((delta) => delta.delta), tokens).forEach((own, index) => {
    const delta = deltas[index];
    if (delta !== undefined && own !== undefined) delta.logprobs = own;
  });
}
