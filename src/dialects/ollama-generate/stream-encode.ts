/**
 * Interlingua events → the NDJSON lines of an `/api/generate` stream, each written as soon as its
 * event arrives: a text delta is a `done: false` line with `response`, a reasoning delta one with
 * `"response":""` and `thinking`, as Ollama writes them
 * (fixtures/ollama/generate-stream-gpt-oss-thinking.ndjson); `finish` is the `done: true` line
 * with `"response":""`, `done_reason`, counts and timings; `error` a bare `{"error": "…"}` line
 * (../ollama-family/answer-line-writer.ts). A tool call has no place in generate: it is written
 * into the text (src/core/tool-call-text.ts) as its arguments stream, not dropped. Thinking is
 * left out when the caller sent `think: false` (../ollama-family/thinking-shown.ts). A text delta's
 * tokens, where the caller asked for logprobs, go on its line as top-level `logprobs` (../ollama-family/logprobs.ts).
 */
import type { EmitResponseContext, StreamEncoder } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { StreamedToolCallText } from '../../core/tool-call-text.js';
import { AnswerLineWriter } from '../ollama-family/answer-line-writer.js';
import { thinkingShown } from '../ollama-family/thinking-shown.js';
import { streamedLogprobsField } from '../ollama-family/logprobs.js';

export class GenerateStreamEncoder implements StreamEncoder {
  private readonly writer: AnswerLineWriter;
  private textWritten = false;
  private readonly calls = new StreamedToolCallText();
  private readonly showsThinking: boolean;

  constructor(context: EmitResponseContext) {
    this.writer = new AnswerLineWriter(context.requestedModel, context.startedAt);
    this.showsThinking = thinkingShown(context.request);
  }

  encode(event: StreamEvent): string {
    if (this.writer.closed) return '';
    switch (event.type) {
      case 'text-delta':
        return this.text(event.delta, streamedLogprobsField(event.logprobs));
      case 'reasoning-delta':
        return event.delta === '' || !this.showsThinking ? '' : this.writer.line(`"response":"","thinking":${JSON.stringify(event.delta)}`);
      case 'tool-call-start':
        return this.text(this.calls.start(event.id, event.name, this.textWritten));
      case 'tool-call-delta':
        return this.text(this.calls.delta(event.id, event.delta));
      case 'tool-call-end':
        return this.text(this.calls.end(event.id));
      case 'usage':
        this.writer.addUsage(event.usage);
        return '';
      case 'vendor-output':
        // Not this dialect's to write: the gateway reports it from `finish` (core/unported-output.ts).
        return '';
      case 'finish': {
        const closings = this.calls.endAll().map((closing) => this.text(closing)).join('');
        return closings + this.writer.finalLine({ response: '' }, event.finishReason, event.usage);
      }
      case 'error':
        return this.writer.errorLine(event.error);
      case 'response-start':
      case 'text-start':
      case 'text-end':
      case 'reasoning-start':
      case 'reasoning-signature':
      case 'reasoning-redacted':
      case 'reasoning-end':
        return '';
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled stream event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  private text(delta: string, logprobs = ''): string {
    if (delta === '') return '';
    this.textWritten = true;
    return this.writer.line(`"response":${JSON.stringify(delta)}${logprobs}`);
  }
}
