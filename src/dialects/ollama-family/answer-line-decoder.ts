/**
 * What decoding an Ollama NDJSON answer stream takes, whichever API streams it: every line is a
 * whole JSON object (docs/api/streaming.mdx); the first one starts the answer; lines with
 * `done: false` carry thinking and text deltas (in `message` for `/api/chat`, at the top level for
 * `/api/generate`); the line with `done: true` may still carry text
 * (fixtures/ollama/generate-stream.ndjson), then ends the answer with `done_reason` and the counts.
 * A failure after the HTTP 200 is a bare `{"error": "…"}` line
 * (fixtures/ollama/generate-stream-midstream-error.ndjson); a stream that closes before `done`
 * was cut (`stream_interrupted`).
 *
 * Blocks: consecutive thinking deltas are one reasoning block and consecutive text deltas one
 * text block; a switch between them (or a tool call, in chat) closes the open block. Each API's
 * decoder says only where the deltas are in its line (`decodeContent`).
 */
import type { z } from 'zod';
import type { StreamDecoder, StreamFrame } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { generateId } from '../../core/ids.js';
import { streamLineError } from './errors.js';
import { parseDoneReason } from './finish-reason.js';
import { parseCreatedAt } from './created-at.js';
import { parseUsage } from './usage.js';
import type { WireMetrics } from './wire-schema.js';
import type { TokenLogprob } from '../../interlingua/content.js';
import { readOllamaLogprobs, tokensSpelling } from './logprobs.js';
import { parseJsonText } from '../../wire/json-text.js';

/** The fields every streamed line of either API may have. */
export interface WireAnswerLine extends WireMetrics {
  model?: string | null | undefined;
  created_at?: string | null | undefined;
  done?: boolean | null | undefined;
  done_reason?: string | null | undefined;
  error?: unknown;
  /** The tokens this line was decoded from, where the caller asked (./logprobs.ts). */
  logprobs?: unknown;
}

type BlockKind = 'text' | 'reasoning';

export abstract class AnswerLineDecoder<Line extends WireAnswerLine> implements StreamDecoder {
  private started = false;
  private finished = false;
  private blockCount = 0;
  private open: { kind: BlockKind; id: string } | undefined;
  /** Set by a decoder whose lines carry tool calls: Ollama says `stop` when the model called tools. */
  protected toolCalls = 0;
  /** Tokens of lines that told no text (Ollama's tool parser holding it back), for the text that follows. */
  private heldTokens: TokenLogprob[] = [];

  /** A stripping zod object: it runs once per token, and zod compiles it several times faster. */
  constructor(private readonly lineSchema: z.ZodType<Line>) {}

  /** Adds the line's deltas (and, in chat, tool calls) to `events`. */
  protected abstract decodeContent(line: Line, events: StreamEvent[]): void;

  push(frame: StreamFrame): StreamEvent[] {
    if (this.finished) return [];
    const read = parseJsonText(frame.data);
    if (!read.ok) throw new InterlinguaError('upstream_error', `Ollama streamed a line that ${read.problem}.`);
    const json = read.value;
    const parsed = this.lineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue === undefined || issue.path.length === 0 ? 'the line' : `'${issue.path.join('.')}'`;
      throw new InterlinguaError('upstream_error', `Ollama streamed an unexpected line: invalid value for ${where}: ${issue?.message ?? 'invalid'}.`);
    }
    return this.decodeLine(parsed.data);
  }

  end(): StreamEvent[] {
    if (this.finished) return [];
    this.finished = true;
    return [{ type: 'error', error: new InterlinguaError('stream_interrupted', 'The Ollama stream ended without its final "done": true line.') }];
  }

  private decodeLine(line: Line): StreamEvent[] {
    const events: StreamEvent[] = [];
    if (line.error !== undefined && line.error !== null) {
      this.finished = true;
      events.push({ type: 'error', error: streamLineError(line.error) });
      return events;
    }
    if (!this.started) {
      this.started = true;
      const start: StreamEvent = { type: 'response-start', id: generateId('resp_'), model: line.model ?? '' };
      const created = parseCreatedAt(line.created_at ?? undefined);
      if (created !== undefined) start.created = created;
      events.push(start);
    }
    const decodedFrom = events.length;
    this.decodeContent(line, events);
    if (line.logprobs != null || this.heldTokens.length > 0) this.placeTokens(line.logprobs, events, decodedFrom);
    if (line.done === true) {
      this.closeBlock(events);
      this.finished = true;
      events.push({ type: 'finish', finishReason: parseDoneReason(line.done_reason ?? undefined, this.toolCalls > 0), usage: parseUsage(line) });
    }
    return events;
  }

  /**
   * A line's tokens on the text delta decoded from it, where a run of them (after those held from
   * lines without text) spells it; tokens of thinking or of a tool call are dropped.
   */
  private placeTokens(wire: unknown, events: StreamEvent[], from: number): void {
    const tokens = readOllamaLogprobs(wire) ?? [];
    let texts = 0;
    let other = false;
    for (let index = from; index < events.length; index++) {
      const event = events[index] as StreamEvent;
      if (event.type === 'text-delta') {
        texts++;
        const own = tokensSpelling(event.delta, this.heldTokens.length === 0 ? tokens : [...this.heldTokens, ...tokens]);
        if (own !== undefined) event.logprobs = own;
      } else if (event.type === 'reasoning-delta' || event.type === 'tool-call-start') {
        other = true;
      }
    }
    if (texts > 0 || other) this.heldTokens = [];
    else for (const token of tokens) this.heldTokens.push(token);
  }

  /** A thinking or text delta; empty strings (Ollama's `"response":""` while thinking) add nothing. */
  protected delta(kind: BlockKind, delta: string | null | undefined, events: StreamEvent[]): void {
    if (delta == null || delta === '') return;
    if (this.open?.kind !== kind) {
      this.closeBlock(events);
      const id = `${kind}-${this.blockCount++}`;
      this.open = { kind, id };
      events.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id });
    }
    const id = this.open.id;
    events.push(kind === 'text' ? { type: 'text-delta', id, delta } : { type: 'reasoning-delta', id, delta });
  }

  protected closeBlock(events: StreamEvent[]): void {
    if (this.open === undefined) return;
    events.push({ type: this.open.kind === 'text' ? 'text-end' : 'reasoning-end', id: this.open.id });
    this.open = undefined;
  }
}
