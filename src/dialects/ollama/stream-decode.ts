/**
 * An `/api/chat` NDJSON stream → interlingua events. Every line is a whole JSON object
 * (docs/api/streaming.mdx): lines with `done: false` carry `message.content` and/or
 * `message.thinking` deltas, and tool calls arrive whole, arguments and all, in such a line
 * (fixtures/ollama/chat-stream-tools.doc-example.first-and-final.json), so each is a start, one
 * delta and an end. The line with `done: true` may still carry content
 * (fixtures/ollama/generate-stream.ndjson), then ends the answer with `done_reason` and the counts.
 * A failure after the HTTP 200 is a bare `{"error": "…"}` line
 * (fixtures/ollama/generate-stream-midstream-error.ndjson); a stream that closes before `done`
 * was cut (`stream_interrupted`).
 *
 * Blocks: consecutive thinking deltas are one reasoning block and consecutive content deltas one
 * text block; a switch between them, or a tool call, closes the open block.
 */
import type { StreamDecoder, StreamFrame } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { generateId } from '../../core/ids.js';
import { answerToolCall } from './answer-tool-call.js';
import { streamLineError } from './errors.js';
import { parseDoneReason } from './finish-reason.js';
import { parseCreatedAt } from './response-parse.js';
import { parseUsage } from './usage.js';
import { wireStreamLineSchema, type WireStreamLine } from './wire-schema.js';

type BlockKind = 'text' | 'reasoning';

export class OllamaStreamDecoder implements StreamDecoder {
  private started = false;
  private finished = false;
  private blockCount = 0;
  private open: { kind: BlockKind; id: string } | undefined;
  private toolCalls = 0;

  push(frame: StreamFrame): StreamEvent[] {
    if (this.finished) return [];
    let json: unknown;
    try {
      json = JSON.parse(frame.data);
    } catch {
      throw new InterlinguaError('upstream_error', `Ollama streamed a line that is not JSON: ${frame.data.slice(0, 200)}`);
    }
    const parsed = wireStreamLineSchema.safeParse(json);
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

  private decodeLine(line: WireStreamLine): StreamEvent[] {
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
    const message = line.message;
    if (message != null) {
      if (message.thinking != null && message.thinking !== '') this.delta('reasoning', message.thinking, events);
      if (message.content != null && message.content !== '') this.delta('text', message.content, events);
      if (message.tool_calls != null && message.tool_calls.length > 0) {
        this.closeBlock(events);
        for (const wireCall of message.tool_calls) {
          const call = answerToolCall(wireCall);
          const start: StreamEvent = { type: 'tool-call-start', id: call.id, name: call.name };
          if (call.vendor !== undefined) start.vendor = call.vendor;
          events.push(start, { type: 'tool-call-delta', id: call.id, delta: call.arguments }, { type: 'tool-call-end', id: call.id });
          this.toolCalls++;
        }
      }
    }
    if (line.done === true) {
      this.closeBlock(events);
      this.finished = true;
      events.push({ type: 'finish', finishReason: parseDoneReason(line.done_reason ?? undefined, this.toolCalls > 0), usage: parseUsage(line) });
    }
    return events;
  }

  private delta(kind: BlockKind, delta: string, events: StreamEvent[]): void {
    if (this.open?.kind !== kind) {
      this.closeBlock(events);
      const id = `${kind}-${this.blockCount++}`;
      this.open = { kind, id };
      events.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id });
    }
    const id = this.open.id;
    events.push(kind === 'text' ? { type: 'text-delta', id, delta } : { type: 'reasoning-delta', id, delta });
  }

  private closeBlock(events: StreamEvent[]): void {
    if (this.open === undefined) return;
    events.push({ type: this.open.kind === 'text' ? 'text-end' : 'reasoning-end', id: this.open.id });
    this.open = undefined;
  }
}
