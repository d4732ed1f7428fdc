/**
 * An upstream's Chat Completions stream (SSE `data:` payloads) → stream events.
 *
 * What the wire does, and compatible servers do differently (all replayed in the tests):
 * - a tool call's `id` and `name` come only in the first delta for its `index`; later deltas
 *   carry argument fragments. Qwen repeats `id: ""` on later deltas
 *   (fixtures/openai-compat/alibaba-qwen-stream-tool-call-empty-id.data.ndjson), Groq sends a whole
 *   call in one delta (groq-stream-tool-call-single-chunk), Anthropic's compat endpoint starts at
 *   index 1 (fixtures/openai-chat/stream-tool-call-index1-anthropic-compat.sse);
 * - with `stream_options.include_usage` the `finish_reason` chunk is followed by a `choices: []`
 *   usage chunk; DeepSeek and Zhipu put usage on the finish chunk, OpenRouter repeats the finish
 *   chunk with usage. So `finish` goes out on the usage chunk, at `[DONE]`, or at the end;
 * - Azure opens with a `choices: []` chunk with an empty id (stream-azure-content-filter-…), and
 *   its asynchronous filter sends annotation chunks with no delta, after the finish chunk too: each
 *   goes on a `vendor-output` event, those before the start on `response-start`, and Azure's stream
 *   finishes only at `[DONE]` (azure-filter-chunks.ts); under its default filter each chunk's choice
 *   carries `content_filter_results`, which go on the first event made of that chunk, or on an
 *   empty delta where the chunk made none (azure-filter-results.ts);
 * - an error after the HTTP 200 arrives as a `data: {"error": …}` frame
 *   (node_modules/openai/core/streaming.js);
 * - Mistral's Magistral streams `delta.content` as typed chunks with thinking (content-chunks.ts);
 * - a search-preview model sends `delta.annotations` indexed into the whole content; each text
 *   block takes those that fall in it on its `text-end` (url-citations-read.ts);
 * - with `logprobs: true` a chunk's choice carries `logprobs: {content, refusal}` for the tokens of
 *   its delta (openai-family/token-logprobs.ts); they go on the text delta they describe;
 * - a refusal streams as `delta.refusal` (its tokens in `logprobs.refusal`); it is a text block of
 *   its own whose `text-start` carries the mark the whole answer's refusal part has
 *   (openai-family/refusal-part.ts), so it stays a refusal rather than answer text.
 * Reference: https://platform.openai.com/docs/api-reference/chat-streaming
 */
import type { StreamDecoder, StreamFrame } from '../../interlingua/dialect.js';
import type { FinishReason } from '../../interlingua/finish-reason.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { Usage } from '../../interlingua/usage.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { generateId } from '../../core/ids.js';
import { errorFromWire } from './errors.js';
import { errorOfFrame, readOpenaiDataFrame } from '../openai-family/data-frame.js';
import { parseFinishReason } from './finish-reason.js';
import { dialectName } from './vendor.js';
import { chunkTexts } from './content-chunks.js';
import { chunkPassThroughFields, chunkSchema, type WireChunk } from './response-schema.js';
import { parseUsage } from './usage.js';
import { isRecord, parseWire } from './wire-parse.js';
import { directChunk } from './chunk-direct.js';
import { ContentCitations } from './url-citations-read.js';
import type { TokenLogprob } from '../../interlingua/content.js';
import { readTokenLogprobs } from '../openai-family/token-logprobs.js';
import { pushAll } from '../../core/push-all.js';
import { refusalMarker } from '../openai-family/refusal-part.js';
import { unportedOutputKey } from '../../core/unported-output.js';
import { azureFilterChunk, filterAnnotationsLeftOut, filterChunkEvent, filterChunksBeforeKey } from './azure-filter-chunks.js';
import { choiceFilterResults, filterResultsKey, withFilterResults } from './azure-filter-results.js';

type ChunkDelta = NonNullable<NonNullable<WireChunk['choices']>[number]['delta']>;
type ToolCallDelta = NonNullable<ChunkDelta['tool_calls']>[number];
/** The events a chunk's `content_filter_results` may ride on (azure-filter-results.ts). */
type FilterCarrier = Extract<StreamEvent, { type: 'text-delta' | 'tool-call-start' | 'tool-call-delta' | 'response-start' }>;
/** `refusal`: `delta.refusal`, a text block marked as a refusal; annotations index `content` only. */
type SequentialKind = 'text' | 'refusal' | 'reasoning';

export class OpenaiChatStreamDecoder implements StreamDecoder {
  private started = false;
  /** A `finish` or `error` went out; anything after it is ignored. */
  private closed = false;
  /**
   * The open text, refusal or reasoning block; only one at a time, so block order is the wire's order.
   * A refusal is a text block of its own, marked as the whole answer's refusal part is, never joined to `content`'s.
   */
  private sequential: { kind: SequentialKind; id: string } | undefined;
  private blockCount = 0;
  /** Tool calls by wire `index`, in the order they started; they stay open until the finish. */
  private readonly toolCalls = new Map<number, string>();
  /** Every block id handed out; events key blocks by id, so two blocks must never share one. */
  private readonly usedIds = new Set<string>();
  private finishReason: FinishReason | undefined;
  private usage: Usage = {};
  private usageChunkSeen = false;
  /** UTF-16 length of `content` so far, where the open text block began in it, and the annotations read. */
  private contentLength = 0;
  private textStart = 0;
  private readonly citations = new ContentCitations();
  /** Azure's filter chunks that came before the response started: they go out on its start, in order. */
  private pendingFilterChunks: Record<string, unknown>[] = [];
  /** Azure's filter annotations came, in chunks of their own or on the answer's chunks: `finish` lists them once. */
  private filterChunkSeen = false;
  /** The finish chunk's `content_filter_results`, for the `finish` event, which waits for `[DONE]` on Azure. */
  private finishFilterResults: unknown;

  /**
   * `finishAtDone`: the finish waits for `[DONE]` (or the end), not the usage chunk, for an upstream
   * that may annotate the answer after its usage (Azure's asynchronous filter, azure-filter-chunks.ts).
   */
  constructor(private readonly finishAtDone = false) {}

  push(frame: StreamFrame): StreamEvent[] {
    if (this.closed) return [];
    const read = readOpenaiDataFrame(frame);
    // Servers that drop `finish_reason` but end cleanly still end: the reason is just unknown.
    if (read.kind === 'done') return this.finish({ unified: 'other' });
    if (read.kind === 'error') {
      this.closed = true;
      return [{ type: 'error', error: errorOfFrame(read, errorFromWire) }];
    }
    const json = read.json;
    const chunk = directChunk(json) ?? parseWire(chunkSchema, json, '', 'upstream_error');
    const events: StreamEvent[] = [];
    const choices = chunk.choices ?? [];
    const filterChunk = azureFilterChunk(json);
    if (filterChunk !== undefined) {
      this.filterChunkSeen = true;
      if (this.started) events.push(filterChunkEvent(filterChunk));
      else this.pendingFilterChunks.push(filterChunk);
    } else if (!this.started && ((chunk.id != null && chunk.id !== '') || choices.length > 0)) this.start(chunk, events);
    if (chunk.usage != null) {
      // Usage is cumulative where it repeats (DeepSeek), so the latest replaces the earlier.
      this.usage = parseUsage(chunk.usage);
      if (choices.length === 0) this.usageChunkSeen = true;
    }
    // Read before the deltas, so annotations that come with their text are pending when its block ends.
    const annotations = deltaAnnotations(json);
    if (annotations !== undefined) this.citations.add(annotations);
    for (let position = 0; position < choices.length; position++) {
      const choice = choices[position]!;
      // The interlingua holds one answer; other choices (`n` > 1) are not read.
      if ((choice.index ?? 0) !== 0) continue;
      if (choice.delta != null) this.applyDelta(choice.delta, choice.logprobs, events);
      if (choice.finish_reason != null) this.finishReason = parseFinishReason(choice.finish_reason, this.toolCalls.size > 0);
      // Read from the raw chunk (the schema keeps only what every chunk needs); an annotation-only chunk went whole above.
      const filterResults = filterChunk === undefined && isRecord(json) ? choiceFilterResults(json['choices'], position) : undefined;
      if (filterResults != null) this.placeFilterResults(filterResults, events, choice.finish_reason != null);
    }
    if (this.finishReason !== undefined && this.usageChunkSeen && !this.finishAtDone) pushAll(events, this.finish());
    return events;
  }

  end(): StreamEvent[] {
    if (this.closed) return [];
    if (this.finishReason !== undefined) return this.finish();
    this.closed = true;
    return [
      {
        type: 'error',
        error: new InterlinguaError('stream_interrupted', 'The upstream stream ended before a finish_reason arrived.'),
      },
    ];
  }

  private start(chunk: WireChunk, events: StreamEvent[]): void {
    this.started = true;
    const id = chunk.id != null && chunk.id !== '' ? chunk.id : generateId('chatcmpl-');
    const event: StreamEvent = { type: 'response-start', id, model: chunk.model ?? '' };
    if (chunk.created != null) event.created = chunk.created;
    const passThrough: Record<string, string> = {};
    for (const field of chunkPassThroughFields) {
      const value = chunk[field];
      if (value != null) passThrough[field] = value;
    }
    const own: Record<string, unknown> = {};
    if (Object.keys(passThrough).length > 0) own['chunk'] = passThrough;
    if (this.pendingFilterChunks.length > 0) own[filterChunksBeforeKey] = this.pendingFilterChunks;
    this.pendingFilterChunks = [];
    if (Object.keys(own).length > 0) event.vendor = { [dialectName]: own };
    events.push(event);
  }

  /**
   * A chunk's `content_filter_results` go on the first event made of it that the Chat encoder
   * writes a chunk for: its first text delta or piece of a tool call, else the response's start
   * (the role chunk) or the finish (the finish chunk). A chunk that made none of these (an empty
   * `content`, an empty piece of arguments) gets an empty delta of the open text block or tool call
   * to carry them, so the caller still reads them on a chunk of its own. The events were made just
   * now, so they are changed in place.
   */
  private placeFilterResults(results: unknown, events: StreamEvent[], finishes: boolean): void {
    this.filterChunkSeen = true;
    // `events` holds only what this chunk made: a few events, rarely more.
    const carrier =
      events.find((event): event is FilterCarrier => event.type === 'text-delta' || event.type === 'tool-call-start' || event.type === 'tool-call-delta') ??
      (finishes ? undefined : (events.find((event): event is FilterCarrier => event.type === 'response-start') ?? this.emptyDelta(events)));
    if (carrier !== undefined) carrier.vendor = withFilterResults(carrier.vendor, results);
    else if (finishes) this.finishFilterResults = results;
  }

  /**
   * An empty delta of the open text block, else of the latest tool call, added to `events`; none
   * when neither is open (only reasoning so far), where the results have no event to ride on.
   */
  private emptyDelta(events: StreamEvent[]): FilterCarrier | undefined {
    const block = this.sequential;
    // Tool calls stay open to the finish, but a text or reasoning block after one is the latest.
    const call = block === undefined ? [...this.toolCalls.values()].at(-1) : undefined;
    const carrier: FilterCarrier | undefined =
      block !== undefined && block.kind !== 'reasoning' ? { type: 'text-delta', id: block.id, delta: '' } : call !== undefined ? { type: 'tool-call-delta', id: call, delta: '' } : undefined;
    if (carrier !== undefined) events.push(carrier);
    return carrier;
  }

  private applyDelta(delta: ChunkDelta, logprobs: unknown, events: StreamEvent[]): void {
    // DeepSeek/Zhipu/xAI/llama.cpp say `reasoning_content`; OpenRouter says `reasoning`.
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (reasoning != null && reasoning !== '') this.appendSequential('reasoning', reasoning, events);
    const logprobsOf = (key: 'content' | 'refusal'): TokenLogprob[] | undefined => (isRecord(logprobs) ? readTokenLogprobs(logprobs[key]) : undefined);
    if (typeof delta.content === 'string') {
      if (delta.content !== '') this.appendContent('text', delta.content, events, logprobsOf('content'));
    } else if (delta.content != null) {
      // The chunk's tokens go with its first text piece.
      let contentLogprobs = logprobsOf('content');
      for (const piece of chunkTexts(delta.content)) {
        this.appendContent(piece.kind, piece.text, events, piece.kind === 'text' ? contentLogprobs : undefined);
        if (piece.kind === 'text') contentLogprobs = undefined;
      }
    }
    if (delta.refusal != null && delta.refusal !== '') this.appendSequential('refusal', delta.refusal, events, logprobsOf('refusal'));
    (delta.tool_calls ?? []).forEach((call, position) => this.applyToolCall(call, position, events));
  }

  /** Text of `content`, which annotations index, as opposed to a refusal's. */
  private appendContent(kind: 'text' | 'reasoning', delta: string, events: StreamEvent[], logprobs?: TokenLogprob[]): void {
    this.appendSequential(kind, delta, events, logprobs);
    if (kind === 'text') this.contentLength += delta.length;
  }

  private appendSequential(kind: SequentialKind, delta: string, events: StreamEvent[], logprobs?: TokenLogprob[]): void {
    let block = this.sequential;
    if (block?.kind !== kind) {
      this.closeSequential(events);
      block = { kind, id: this.freshId(`${kind}-${this.blockCount++}`) };
      this.sequential = block;
      this.textStart = this.contentLength;
      events.push(kind === 'text' ? { type: 'text-start', id: block.id } : kind === 'refusal' ? { type: 'text-start', id: block.id, vendor: refusalMarker(dialectName) } : { type: 'reasoning-start', id: block.id });
    }
    if (kind === 'reasoning') events.push({ type: 'reasoning-delta', id: block.id, delta });
    else events.push(logprobs === undefined ? { type: 'text-delta', id: block.id, delta } : { type: 'text-delta', id: block.id, delta, logprobs });
  }

  private closeSequential(events: StreamEvent[]): void {
    const block = this.sequential;
    if (block === undefined) return;
    if (block.kind === 'refusal') events.push({ type: 'text-end', id: block.id });
    else if (block.kind === 'text') {
      const citations = this.citations.take(this.textStart, this.contentLength - this.textStart);
      events.push(citations === undefined ? { type: 'text-end', id: block.id } : { type: 'text-end', id: block.id, citations });
    } else events.push({ type: 'reasoning-end', id: block.id });
    this.sequential = undefined;
  }

  private applyToolCall(call: ToolCallDelta, position: number, events: StreamEvent[]): void {
    const index = call.index ?? position;
    let id = this.toolCalls.get(index);
    if (id === undefined) {
      this.closeSequential(events);
      // A missing id, or one already taken (a server repeating an id), gets a fresh one.
      id = this.freshId(call.id != null && call.id !== '' ? call.id : generateId('call_'));
      this.toolCalls.set(index, id);
      events.push({ type: 'tool-call-start', id, name: call.function?.name ?? '' });
    }
    const fragment = call.function?.arguments;
    if (fragment != null && fragment !== '') events.push({ type: 'tool-call-delta', id, delta: fragment });
  }

  private freshId(candidate: string): string {
    const id = this.usedIds.has(candidate) ? generateId('call_') : candidate;
    this.usedIds.add(id);
    return id;
  }

  private finish(fallback?: FinishReason): StreamEvent[] {
    const finishReason = this.finishReason ?? fallback;
    if (finishReason === undefined) return [];
    const events: StreamEvent[] = [];
    if (!this.started) this.start({}, events);
    this.closeSequential(events);
    for (const id of this.toolCalls.values()) events.push({ type: 'tool-call-end', id });
    const finish: Extract<StreamEvent, { type: 'finish' }> = { type: 'finish', finishReason, usage: this.usage };
    const unported = this.citations.unported() ?? {};
    if (this.filterChunkSeen) unported[unportedOutputKey] = [...(unported[unportedOutputKey] ?? []), filterAnnotationsLeftOut];
    const own: Record<string, unknown> = unported;
    if (this.finishFilterResults !== undefined) own[filterResultsKey] = this.finishFilterResults;
    if (Object.keys(own).length > 0) finish.vendor = { [dialectName]: own };
    events.push(finish);
    this.closed = true;
    return events;
  }
}

/** The first choice's `delta.annotations`, from the raw chunk: the chunk schema keeps only what every chunk needs. */
function deltaAnnotations(json: unknown): unknown {
  if (!isRecord(json) || !Array.isArray(json['choices'])) return undefined;
  for (const choice of json['choices']) {
    if (isRecord(choice) && (choice['index'] ?? 0) === 0 && isRecord(choice['delta'])) return choice['delta']['annotations'];
  }
  return undefined;
}
