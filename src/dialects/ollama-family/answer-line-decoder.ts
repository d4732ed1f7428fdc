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
import { parseJsonText } from '../../wire/json-text.js';

/** The fields every streamed line of either API may have. */
export interface WireAnswerLine extends WireMetrics {
  model?: string | null | undefined;
  created_at?: string | null | undefined;
  done?: boolean | null | undefined;
  done_reason?: string | null | undefined;
  error?: unknown;
}

type BlockKind = 'text' | 'reasoning';

export abstract class AnswerLineDecoder<Line extends WireAnswerLine> implements StreamDecoder {
  private started = false;
  private finished = false;
  private blockCount = 0;
  private open: { kind: BlockKind; id: string } | undefined;
  /** Set by a decoder whose lines carry tool calls: Ollama says `stop` when the model called tools. */
  protected toolCalls = 0;

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
    this.decodeContent(line, events);
    if (line.done === true) {
      this.closeBlock(events);
      this.finished = true;
      events.push({ type: 'finish', finishReason: parseDoneReason(line.done_reason ?? undefined, this.toolCalls > 0), usage: parseUsage(line) });
    }
    return events;
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
