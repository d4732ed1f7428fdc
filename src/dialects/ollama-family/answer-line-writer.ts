/**
 * What writing an Ollama NDJSON answer stream takes, whichever API it is: every line repeats the
 * caller's model name and one `created_at`; `done: false` lines carry the deltas; the last line
 * has `done: true`, `done_reason`, and the counts and timings as numbers; a failure is a bare
 * `{"error": "…"}` line, which the official client throws from
 * (node_modules/ollama/src/utils.ts `AbortableAsyncIterator`). Each API's encoder says only which
 * fields a line's content goes in (`message` for `/api/chat`, `response` / `thinking` for
 * `/api/generate`).
 */
import type { FinishReason } from '../../interlingua/finish-reason.js';
import type { InterlinguaError } from '../../interlingua/error.js';
import type { Usage } from '../../interlingua/usage.js';
import { mergeUsage } from '../../core/fold-stream.js';
import { emitOllamaError } from './errors.js';
import { emitDoneReason } from './finish-reason.js';
import { emitMetrics } from './usage.js';
import { streamedDurations } from './measured-durations.js';
import type { WireErrorBody } from './wire-types.js';

export class AnswerLineWriter {
  private usage: Usage = {};
  private createdAt: string | undefined;
  private prefix: string | undefined;
  /** When the first `done: false` line was written: the first output the caller saw. */
  private firstLineAt: number | undefined;
  /** True once the final or an error line was written: nothing may follow. */
  closed = false;

  /** `startedAt`: when the request arrived (`performance.now()`), if known: the timings are measured from it. */
  constructor(
    private readonly requestedModel: string,
    private readonly startedAt?: number,
  ) {}

  /** Usage known so far (a `usage` event); later values replace earlier ones field by field. */
  addUsage(usage: Usage): void {
    this.usage = mergeUsage(this.usage, usage);
  }

  envelope(): { model: string; created_at: string } {
    this.createdAt ??= new Date().toISOString();
    return { model: this.requestedModel, created_at: this.createdAt };
  }

  /**
   * A `done: false` line. `fields` is the serialized content, without braces (`"response":"Hi"`).
   * The envelope is serialized once per stream and only the content per line; the bytes equal
   * `JSON.stringify({ model, created_at, ...content, done: false })`.
   */
  line(fields: string): string {
    this.firstLineAt ??= performance.now();
    this.prefix ??= JSON.stringify(this.envelope()).slice(0, -1);
    return `${this.prefix},${fields},"done":false}\n`;
  }

  /** The `done: true` line: `content` (the empty message or response), the reason, counts and timings (measured-durations.ts). */
  finalLine(content: Record<string, unknown>, finishReason: FinishReason, usage: Usage, extra: Record<string, unknown> = {}): string {
    this.closed = true;
    const final = {
      ...this.envelope(),
      ...content,
      done: true,
      done_reason: emitDoneReason(finishReason),
      ...extra,
      ...emitMetrics(mergeUsage(this.usage, usage), this.startedAt === undefined ? undefined : streamedDurations(this.startedAt, this.firstLineAt, performance.now())),
    };
    return `${JSON.stringify(final)}\n`;
  }

  /** The same words as the error would have had before the stream began (`emitOllamaError`). */
  errorLine(error: InterlinguaError): string {
    this.closed = true;
    const body: WireErrorBody = emitOllamaError(error).body;
    return `${JSON.stringify(body)}\n`;
  }
}
