/**
 * An upstream's Completions stream (SSE `data:` payloads) → stream events. Every chunk is a
 * `text_completion` object whose choice carries a piece of `text`; the last choice chunk carries
 * `finish_reason`. With `stream_options.include_usage` a chunk with `choices: []` and the usage
 * follows it; the stream ends with `data: [DONE]`
 * (node_modules/openai/resources/completions.d.ts `stream`, `stream_options`). So `finish` goes out
 * on that usage chunk, at `[DONE]`, or when the connection closes after a `finish_reason`; a
 * stream cut before any `finish_reason` ends in `stream_interrupted`, never a clean finish.
 * An error after the HTTP 200 arrives as a `data: {"error": …}` frame.
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
import { chunkSchema, type WireChunk } from './response-schema.js';
import { parseUsage } from './usage.js';
import { parseWire } from './wire-parse.js';
import { pushAll } from '../../core/push-all.js';

const textBlockId = 'text-0';

export class OpenaiCompletionsStreamDecoder implements StreamDecoder {
  private started = false;
  private textOpen = false;
  /** A `finish` or `error` went out; anything after it is ignored. */
  private closed = false;
  private finishReason: FinishReason | undefined;
  private usage: Usage = {};
  private usageChunkSeen = false;

  push(frame: StreamFrame): StreamEvent[] {
    if (this.closed) return [];
    const read = readOpenaiDataFrame(frame);
    // A server that ends cleanly without a finish_reason still ended: the reason is just unknown.
    if (read.kind === 'done') return this.finish({ unified: 'other' });
    if (read.kind === 'error') {
      this.closed = true;
      return [{ type: 'error', error: errorOfFrame(read, errorFromWire) }];
    }
    const json = read.json;
    const chunk = parseWire(chunkSchema, json, 'upstream_error');
    const events: StreamEvent[] = [];
    const choices = chunk.choices ?? [];
    if (!this.started && ((chunk.id != null && chunk.id !== '') || choices.length > 0)) this.start(chunk, events);
    if (chunk.usage != null) {
      this.usage = parseUsage(chunk.usage);
      if (choices.length === 0) this.usageChunkSeen = true;
    }
    for (const choice of choices) {
      // The interlingua holds one answer; other choices (`n` > 1) are not read.
      if ((choice.index ?? 0) !== 0) continue;
      if (choice.text != null && choice.text !== '') {
        if (!this.textOpen) {
          this.textOpen = true;
          events.push({ type: 'text-start', id: textBlockId });
        }
        events.push({ type: 'text-delta', id: textBlockId, delta: choice.text });
      }
      if (choice.finish_reason != null) this.finishReason = parseFinishReason(choice.finish_reason);
    }
    if (this.finishReason !== undefined && this.usageChunkSeen) pushAll(events, this.finish());
    return events;
  }

  end(): StreamEvent[] {
    if (this.closed) return [];
    if (this.finishReason !== undefined) return this.finish();
    this.closed = true;
    return [{ type: 'error', error: new InterlinguaError('stream_interrupted', 'The upstream stream ended before a finish_reason arrived.') }];
  }

  private start(chunk: WireChunk, events: StreamEvent[]): void {
    this.started = true;
    const event: StreamEvent = { type: 'response-start', id: chunk.id != null && chunk.id !== '' ? chunk.id : generateId('cmpl-'), model: chunk.model ?? '' };
    if (chunk.created != null) event.created = chunk.created;
    events.push(event);
  }

  private finish(fallback?: FinishReason): StreamEvent[] {
    const finishReason = this.finishReason ?? fallback;
    if (finishReason === undefined) return [];
    const events: StreamEvent[] = [];
    if (!this.started) this.start({}, events);
    if (this.textOpen) events.push({ type: 'text-end', id: textBlockId });
    events.push({ type: 'finish', finishReason, usage: this.usage });
    this.closed = true;
    return events;
  }
}
