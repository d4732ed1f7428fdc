/**
 * Interlingua events → `streamGenerateContent?alt=sse` chunks for a Gemini caller. Every event
 * with content is written at once as its own chunk (the typewriter effect); only a function call
 * waits for its `tool-call-end`, because Gemini's `functionCall.args` is one JSON object, not text.
 * An image the model drew, or a part this dialect kept whole (code execution, a draft image of its
 * thinking), told on a `vendor-output` event, is written in its place (output-parts.ts); one that
 * `finish` lists but no event placed comes before the last chunk.
 * An error becomes a `{"error":{…}}` chunk, on which @google/genai raises an ApiError
 * (`throwIfStreamErrorChunk`: any chunk whose `error.code` is 400–599).
 */
import type { EmitResponseContext, StreamEncoder } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { Usage } from '../../interlingua/usage.js';
import type { VendorData } from '../../interlingua/vendor.js';
import { mergeUsage } from '../../core/fold-stream.js';
import { generateId } from '../../core/ids.js';
import { formatSseFrame } from '../../wire/sse-parser.js';
import { toolCallToGemini } from './assistant-parts-emit.js';
import { foreignSignature } from './call-signature.js';
import { emitGeminiError } from './errors.js';
import { finishReasonToGemini } from './finish-reason.js';
import type { JsonObject } from './json-value.js';
import { listedOutputParts } from './output-parts.js';
import { thoughtsAsked } from './thoughts-asked.js';
import { logprobsResultOf } from './logprobs.js';
import { usageToGemini } from './usage.js';
import { dialectName } from './vendor.js';

interface OpenReasoning {
  origin: string | undefined;
  hasText: boolean;
  /** The block's text so far, for another vendor's signature, whose envelope holds it. */
  text: string[];
}

interface OpenCall {
  name: string;
  arguments: string;
  vendor: VendorData | undefined;
  /** Gemini's signature for this call, which came just before it (call-signature.ts). */
  signature: string | undefined;
}

export class GeminiStreamEncoder implements StreamEncoder {
  private responseId: string | undefined;
  private chunkSuffix: string | undefined;
  private usage: Usage | undefined;
  private readonly reasoning = new Map<string, OpenReasoning>();
  private readonly calls = new Map<string, OpenCall>();
  /** A Gemini signature on a block without text, waiting to see whether a call follows it. */
  private callSignature: string | undefined;
  /** Another vendor's envelope, already on its thought part, waiting for a call to sign as well (call-signature.ts). */
  private carriedSignature: string | undefined;
  private done = false;
  /** How many listed parts `vendor-output` events placed: `finish` lists them first, again (core/response-to-events.ts). */
  private placedParts = 0;
  /**
   * Whether the caller asked to see thoughts (thoughts-asked.ts). Without it another vendor's
   * reasoning is written as no thought part; its signature still rides on the function call that
   * follows, and the finish chunk ends the stream as ever, so a stream of thoughts alone is a
   * valid, empty answer. Gemini's own thoughts go as the Gemini upstream wrote them, which it did
   * only when asked by the same request (response-emit.ts).
   */
  private readonly thoughts: boolean;

  constructor(private readonly context: EmitResponseContext) {
    this.thoughts = thoughtsAsked(context.request);
  }

  encode(event: StreamEvent): string {
    if (this.done) return '';
    switch (event.type) {
      case 'response-start':
        this.responseId = event.id;
        if (event.usage) this.usage = event.usage;
        return '';
      case 'text-delta':
        // Another vendor's tokens of this delta, as the chunk's own `logprobsResult`, as Gemini tells them per chunk (stream-decode.ts).
        return event.delta === '' ? '' : this.flushCallSignature() + this.chunk([{ text: event.delta }], undefined, this.usage, logprobsResultOf(event.logprobs ?? []));
      case 'reasoning-start':
        this.reasoning.set(event.id, { origin: event.signatureOrigin, hasText: false, text: [] });
        return '';
      case 'reasoning-delta': {
        if (event.delta === '') return '';
        const block = this.reasoning.get(event.id);
        if (block !== undefined) block.hasText = true;
        if (block !== undefined && block.origin !== dialectName) block.text.push(event.delta);
        const shown = this.thoughts || block?.origin === dialectName;
        return this.flushCallSignature() + (shown ? this.chunk([{ text: event.delta, thought: true }]) : '');
      }
      case 'reasoning-signature':
      case 'reasoning-redacted':
        return this.flushCallSignature() + this.signature(event);
      case 'reasoning-end':
        this.reasoning.delete(event.id);
        return '';
      case 'tool-call-start': {
        const call: OpenCall = { name: event.name, arguments: '', vendor: event.vendor, signature: this.callSignature ?? this.carriedSignature };
        this.callSignature = undefined;
        this.carriedSignature = undefined;
        this.calls.set(event.id, call);
        return '';
      }
      case 'tool-call-delta': {
        const call = this.calls.get(event.id);
        if (call !== undefined) call.arguments += event.delta;
        return '';
      }
      case 'tool-call-end': {
        const call = this.calls.get(event.id);
        if (call === undefined) return '';
        this.calls.delete(event.id);
        const part = toolCallToGemini({ type: 'tool-call', id: event.id, name: call.name, arguments: call.arguments, ...(call.vendor ? { vendor: call.vendor } : {}) }, [], call.signature);
        return this.chunk([part]);
      }
      case 'usage':
        this.usage = this.usage === undefined ? event.usage : mergeUsage(this.usage, event.usage);
        return '';
      case 'vendor-output': {
        const listed = listedOutputParts(event.vendor);
        if (listed.length === 0) return '';
        this.placedParts += listed.length;
        return this.flushCallSignature() + this.chunk(listed.map((entry) => entry.part));
      }
      case 'finish': {
        const pending = this.flushCallSignature();
        const unplaced = listedOutputParts(event.vendor).slice(this.placedParts).map((entry) => entry.part);
        this.done = true;
        const usage = this.usage === undefined ? event.usage : mergeUsage(this.usage, event.usage);
        return pending + (unplaced.length > 0 ? this.chunk(unplaced) : '') + this.chunk([{ text: '' }], finishReasonToGemini(event.finishReason), usage);
      }
      case 'error':
        this.done = true;
        return formatSseFrame(JSON.stringify(emitGeminiError(event.error).body));
      case 'text-start':
      case 'text-end':
        return '';
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled stream event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /**
   * A signature. Gemini's own stands on the part it came with: the thought part, the function
   * call that follows (held until the call arrives), or else a text part (mirroring
   * stream-decode.ts). Another vendor's goes on a thought part of its own in an envelope with
   * the block's text, and again on the next function call, should one follow, even after text
   * (call-signature.ts): Gemini CLI keeps only the call.
   */
  private signature(event: Extract<StreamEvent, { type: 'reasoning-signature' | 'reasoning-redacted' }>): string {
    const block = this.reasoning.get(event.id);
    if (block === undefined) return '';
    if (block.origin === dialectName) {
      if (event.type === 'reasoning-redacted') return '';
      if (block.hasText) return this.chunk([{ text: '', thought: true, thoughtSignature: event.signature }]);
      this.callSignature = event.signature;
      return '';
    }
    const text = block.text.join('');
    const carried =
      event.type === 'reasoning-redacted' ? foreignSignature(block.origin, undefined, event.data, text) : foreignSignature(block.origin, event.signature, undefined, text);
    if (carried === undefined) return '';
    this.carriedSignature = carried;
    return this.thoughts ? this.chunk([{ text: '', thought: true, thoughtSignature: carried }]) : '';
  }

  /** A held Gemini signature that no call followed stood on a text part. */
  private flushCallSignature(): string {
    const signature = this.callSignature;
    if (signature === undefined) return '';
    this.callSignature = undefined;
    return this.chunk([{ text: '', thoughtSignature: signature }]);
  }

  /**
   * Only the parts, finish reason and usage change from chunk to chunk; the trailing
   * `modelVersion` and `responseId` are serialized once per stream. The bytes equal
   * `JSON.stringify({ candidates: [{ content: { role, parts }, finishReason?, logprobsResult?, index }], usageMetadata?, modelVersion, responseId })`.
   */
  private chunk(parts: JsonObject[], finishReason?: string, usage: Usage | undefined = this.usage, logprobsResult?: JsonObject): string {
    this.chunkSuffix ??= `,"modelVersion":${JSON.stringify(this.context.requestedModel)},"responseId":${JSON.stringify((this.responseId ??= generateId('resp_')))}}`;
    const finish = finishReason === undefined ? '' : `,"finishReason":${JSON.stringify(finishReason)}`;
    const logprobs = logprobsResult === undefined ? '' : `,"logprobsResult":${JSON.stringify(logprobsResult)}`;
    const usageMetadata = usage === undefined ? '' : `,"usageMetadata":${JSON.stringify(usageToGemini(usage))}`;
    return formatSseFrame(`{"candidates":[{"content":{"role":"model","parts":${JSON.stringify(parts)}}${finish}${logprobs},"index":0}]${usageMetadata}${this.chunkSuffix}`);
  }
}
