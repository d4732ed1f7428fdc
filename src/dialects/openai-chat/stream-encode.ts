/**
 * Stream events → a Chat Completions SSE stream for an OpenAI client. Nothing is buffered:
 * every event writes its chunk at once, and events OpenAI has no chunk for write nothing.
 * Every chunk repeats the same id, created and model; the first one (written on `response-start`,
 * or by whatever comes first without one) carries `role`; a tool call's
 * id, type and name go only in its first delta (the SDK's accumulator keys later ones by index).
 * A text delta's token log probabilities go in its chunk's `logprobs: {content, refusal}`, else null.
 * A text block marked as a refusal (openai-family/refusal-part.ts) is written as `delta.refusal`,
 * its tokens under `logprobs.refusal`, as OpenAI streams one and the whole answer writes `message.refusal`.
 * Azure's per-chunk `content_filter_results`, where an event carries them, go back on the choice of
 * the chunk written for it (azure-filter-results.ts).
 * Reference: https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
import type { EmitResponseContext, StreamEncoder } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { ReasoningPart, TokenLogprob } from '../../interlingua/content.js';
import type { Usage } from '../../interlingua/usage.js';
import { generateId } from '../../core/ids.js';
import { mergeUsage } from '../../core/fold-stream.js';
import { formatSseFrame } from '../../wire/sse-parser.js';
import type { WireChatCompletionChunk, WireChunkDelta } from './wire-types.js';
import { errorBody } from './errors.js';
import { emitFinishReason } from './finish-reason.js';
import { emitUsage } from './usage.js';
import { z } from 'zod';
import type { VendorData } from '../../interlingua/vendor.js';
import { dialectName } from './vendor.js';
import { chunkPassThroughFields } from './response-schema.js';
import { reasoningDetail } from './reasoning-details.js';
import { chatAnnotations } from './url-citations.js';
import { chatTokenLogprobs } from '../openai-family/token-logprobs.js';
import { isRefusal } from '../openai-family/refusal-part.js';
import { filterChunkOf, filterChunksBefore } from './azure-filter-chunks.js';
import { filterResultsOf } from './azure-filter-results.js';

export class OpenaiChatStreamEncoder implements StreamEncoder {
  private id: string | undefined;
  private created: number | undefined;
  private roleSent = false;
  private closed = false;
  private readonly toolIndexes = new Map<string, number>();
  /**
   * Tool calls whose arguments are still empty. A call without arguments (Anthropic streams `input: {}`
   * and then an empty `partial_json`) ends with `"{}"`, as the same answer unstreamed does: an empty
   * string is no JSON, and clients that parse it fail (vercel/ai#2103, open-webui#22189).
   */
  private readonly withoutArguments = new Set<string>();
  /** Open reasoning blocks: whose signature they will carry and their text so far. */
  private readonly reasoning = new Map<string, { origin: string | undefined; text: string }>();
  private detailCount = 0;
  /** UTF-16 length of the content written so far, and where each open text block began in it (citations index the block). */
  private contentLength = 0;
  private readonly textStarts = new Map<string, number>();
  /** Open text blocks that are refusals: their deltas go in `delta.refusal`, not in the content citations index. */
  private readonly refusals = new Set<string>();
  private usage: Usage = {};
  private chunkPrefix: string | undefined;
  /** `system_fingerprint`, `service_tier` of an OpenAI upstream, repeated in every chunk as OpenAI does. */
  private passThrough: Record<string, string> | undefined;

  constructor(private readonly context: EmitResponseContext) {}

  encode(event: StreamEvent): string {
    if (this.closed) return '';
    switch (event.type) {
      case 'response-start':
        this.passThrough ??= chunkPassThrough(event.vendor);
        if (event.id !== '') this.id ??= event.id;
        if (event.created !== undefined) this.created ??= event.created;
        if (event.usage !== undefined) this.usage = mergeUsage(this.usage, event.usage);
        // OpenAI opens every stream at once with `{role, content: ""}` (every recorded .sse in
        // fixtures/openai-chat), so the caller has its first byte before the first token; Azure's
        // prompt filter chunk comes before it (azure-filter-chunks.ts).
        return filterChunksBefore(event.vendor).map((chunk) => formatSseFrame(JSON.stringify(chunk))).join('') + (this.roleSent ? '' : this.chunk({ content: '' }, null, undefined, 'content', filterResultsOf(event.vendor)));
      case 'text-delta': {
        // Most deltas carry no vendor data: one property lookup.
        const filterResults = event.vendor === undefined ? undefined : filterResultsOf(event.vendor);
        // An empty delta writes nothing, unless it carries the filter results of a chunk of its own.
        const written = event.delta !== '' || filterResults !== undefined;
        if (this.refusals.has(event.id)) return written ? this.chunk({ refusal: event.delta }, null, event.logprobs, 'refusal', filterResults) : '';
        if (!this.textStarts.has(event.id)) this.textStarts.set(event.id, this.contentLength);
        this.contentLength += event.delta.length;
        return written ? this.chunk({ content: event.delta }, null, event.logprobs, 'content', filterResults) : '';
      }
      case 'text-start':
        if (isRefusal(event.vendor)) this.refusals.add(event.id);
        else this.textStarts.set(event.id, this.contentLength);
        return '';
      case 'text-end': {
        if (this.refusals.delete(event.id)) return '';
        const start = this.textStarts.get(event.id) ?? this.contentLength;
        this.textStarts.delete(event.id);
        return event.citations === undefined || event.citations.length === 0 ? '' : this.chunk({ annotations: chatAnnotations(event.citations, start) });
      }
      case 'reasoning-delta': {
        const block = this.reasoning.get(event.id);
        if (block !== undefined) block.text += event.delta;
        // Not an OpenAI field, but the one DeepSeek-style clients read.
        return event.delta === '' ? '' : this.chunk({ reasoning_content: event.delta });
      }
      case 'tool-call-start':
        return this.chunk({ tool_calls: [this.startToolCall(event.id, event.name)] }, null, undefined, 'content', filterResultsOf(event.vendor));
      case 'tool-call-delta': {
        const filterResults = event.vendor === undefined ? undefined : filterResultsOf(event.vendor);
        const index = this.toolIndexes.get(event.id);
        if (index === undefined) {
          // A delta without its start: open the call here so its arguments are not lost.
          const start = this.startToolCall(event.id, '');
          start.function.arguments = event.delta;
          if (event.delta !== '') this.withoutArguments.delete(event.id);
          return this.chunk({ tool_calls: [start] }, null, undefined, 'content', filterResults);
        }
        if (event.delta === '' && filterResults === undefined) return '';
        if (event.delta !== '') this.withoutArguments.delete(event.id);
        return this.chunk({ tool_calls: [{ index, function: { arguments: event.delta } }] }, null, undefined, 'content', filterResults);
      }
      case 'usage':
        this.usage = mergeUsage(this.usage, event.usage);
        return '';
      case 'vendor-output': {
        // Azure's filter annotations go back as the chunks they came in (azure-filter-chunks.ts); the
        // rest is not this dialect's to write: the gateway reports it from `finish` (core/unported-output.ts).
        const filterChunk = filterChunkOf(event.vendor);
        return filterChunk === undefined ? '' : formatSseFrame(JSON.stringify(filterChunk));
      }
      case 'finish': {
        let text = '';
        for (const id of this.withoutArguments) text += this.emptyArguments(id);
        this.closed = true;
        const usage = mergeUsage(this.usage, event.usage);
        text += this.chunk({}, emitFinishReason(event.finishReason), undefined, 'content', filterResultsOf(event.vendor));
        // Only a caller that asked (`stream_options.include_usage`) gets the usage chunk.
        if (this.context.request.streamUsage === true) {
          const usageChunk: WireChatCompletionChunk = { ...this.envelope(), choices: [], usage: emitUsage(usage) };
          text += formatSseFrame(JSON.stringify(usageChunk));
        }
        return text + formatSseFrame('[DONE]');
      }
      case 'error':
        // The SDK raises `APIError` from a `{"error": …}` frame; no [DONE] follows, as from OpenAI.
        this.closed = true;
        return formatSseFrame(JSON.stringify(errorBody(event.error)));
      case 'reasoning-start':
        this.reasoning.set(event.id, { origin: event.signatureOrigin, text: '' });
        return '';
      case 'reasoning-signature':
      case 'reasoning-redacted':
        return this.reasoningDetail(event);
      case 'reasoning-end':
        this.reasoning.delete(event.id);
        return '';
      case 'tool-call-end':
        return this.emptyArguments(event.id);
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled stream event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /** A signature from another vendor, once, in OpenRouter's `reasoning_details` (reasoning-details.ts). */
  private reasoningDetail(event: Extract<StreamEvent, { type: 'reasoning-signature' | 'reasoning-redacted' }>): string {
    const block = this.reasoning.get(event.id);
    if (block === undefined) return '';
    const part: ReasoningPart = { type: 'reasoning', text: block.text };
    if (block.origin !== undefined) part.signatureOrigin = block.origin;
    if (event.type === 'reasoning-signature') part.signature = event.signature;
    else part.redactedData = event.data;
    const detail = reasoningDetail(part, this.detailCount);
    if (detail === undefined) return '';
    this.detailCount += 1;
    return this.chunk({ reasoning_details: [detail] });
  }

  /** `"{}"` for a call whose arguments are still empty (`withoutArguments`), once; else nothing. */
  private emptyArguments(id: string): string {
    const index = this.toolIndexes.get(id);
    if (!this.withoutArguments.delete(id) || index === undefined) return '';
    return this.chunk({ tool_calls: [{ index, function: { arguments: '{}' } }] });
  }

  private startToolCall(id: string, name: string): NonNullable<WireChunkDelta['tool_calls']>[number] {
    const index = this.toolIndexes.size;
    this.toolIndexes.set(id, index);
    this.withoutArguments.add(id);
    return { index, id, type: 'function', function: { name, arguments: '' } };
  }

  private envelope(): Pick<WireChatCompletionChunk, 'id' | 'object' | 'created' | 'model'> & Record<string, string | number> {
    this.id ??= generateId('chatcmpl-');
    this.created ??= Math.floor(Date.now() / 1000);
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.context.requestedModel, ...this.passThrough };
  }

  /**
   * The envelope (id, object, created, model) is the same in every chunk: it is serialized once
   * per stream and only the delta is serialized per chunk. The bytes equal
   * `JSON.stringify({ ...envelope, choices: [{ index, delta, logprobs, finish_reason }] })`, with
   * Azure's `content_filter_results` last in the choice where the event carried them.
   */
  private chunk(delta: WireChunkDelta, finishReason: string | null = null, logprobs?: readonly TokenLogprob[], logprobsOf: 'content' | 'refusal' = 'content', filterResults?: unknown): string {
    const fullDelta: WireChunkDelta = this.roleSent ? delta : { role: 'assistant', ...delta };
    this.roleSent = true;
    this.chunkPrefix ??= `${JSON.stringify(this.envelope()).slice(0, -1)},"choices":[{"index":0,"delta":`;
    const finish = finishReason === null ? 'null' : JSON.stringify(finishReason);
    const tokens = logprobs === undefined ? undefined : chatTokenLogprobs(logprobs);
    const wireLogprobs = tokens === undefined ? 'null' : JSON.stringify(logprobsOf === 'refusal' ? { content: null, refusal: tokens } : { content: tokens, refusal: null });
    const filter = filterResults === undefined ? '' : `,"content_filter_results":${JSON.stringify(filterResults)}`;
    return formatSseFrame(`${this.chunkPrefix}${JSON.stringify(fullDelta)},"logprobs":${wireLogprobs},"finish_reason":${finish}${filter}}]}`);
  }
}

const passThroughSchema = z.object({ chunk: z.record(z.string(), z.string()) });

/** The chunk fields an OpenAI upstream's decoder kept (see `chunkPassThroughFields`). */
function chunkPassThrough(vendor: VendorData | undefined): Record<string, string> {
  const own = vendor?.[dialectName];
  // From another vendor there is nothing to pass through; a failed parse builds its issues first, at a cost.
  if (own === undefined) return {};
  const parsed = passThroughSchema.safeParse(own);
  if (!parsed.success) return {};
  return Object.fromEntries(chunkPassThroughFields.flatMap((field) => (parsed.data.chunk[field] === undefined ? [] : [[field, parsed.data.chunk[field]]])));
}
