/**
 * Stream events → a Completions SSE stream. Each chunk is a whole `text_completion` object with a
 * piece of `text` ("both the streamed and non-streamed response objects share the same shape",
 * node_modules/openai/resources/completions.d.ts); the last choice chunk has empty text and the
 * `finish_reason`; a caller that asked (`stream_options.include_usage`) then gets a `choices: []`
 * chunk with the usage; `data: [DONE]` ends the stream. Nothing is buffered: each text delta is
 * written at once. Reasoning has no place in a completion and writes nothing; tool calls are
 * written into the text as src/core/tool-call-text.ts describes.
 */
import type { EmitResponseContext, StreamEncoder } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { Usage } from '../../interlingua/usage.js';
import { generateId } from '../../core/ids.js';
import { mergeUsage } from '../../core/fold-stream.js';
import { formatSseFrame } from '../../wire/sse-parser.js';
import type { WireCompletion } from './wire-types.js';
import { errorBody } from './errors.js';
import { emitFinishReason } from './finish-reason.js';
import { StreamedToolCallText } from '../../core/tool-call-text.js';
import { emitUsage } from './usage.js';

export class OpenaiCompletionsStreamEncoder implements StreamEncoder {
  private id: string | undefined;
  private created: number | undefined;
  private closed = false;
  private usage: Usage = {};
  private textWritten = false;
  private readonly calls = new StreamedToolCallText();
  private chunkPrefix: string | undefined;

  constructor(private readonly context: EmitResponseContext) {}

  encode(event: StreamEvent): string {
    if (this.closed) return '';
    switch (event.type) {
      case 'response-start':
        if (event.id !== '') this.id ??= event.id;
        if (event.created !== undefined) this.created ??= event.created;
        if (event.usage !== undefined) this.usage = mergeUsage(this.usage, event.usage);
        return '';
      case 'text-delta':
        return this.text(event.delta);
      case 'tool-call-start':
        return this.text(this.calls.start(event.id, event.name, this.textWritten));
      case 'tool-call-delta':
        return this.text(this.calls.delta(event.id, event.delta));
      case 'tool-call-end':
        return this.text(this.calls.end(event.id));
      case 'usage':
        this.usage = mergeUsage(this.usage, event.usage);
        return '';
      case 'vendor-output':
        // Not this dialect's to write: the gateway reports it from `finish` (core/unported-output.ts).
        return '';
      case 'finish': {
        // Calls never ended are still the model's calls: closed in the text before the last chunk.
        let text = this.calls.endAll().map((closing) => this.text(closing)).join('');
        this.closed = true;
        text += this.chunk('', JSON.stringify(emitFinishReason(event.finishReason)));
        if (this.context.request.streamUsage === true) {
          const usageChunk: WireCompletion = { ...this.envelope(), choices: [], usage: emitUsage(mergeUsage(this.usage, event.usage)) };
          text += formatSseFrame(JSON.stringify(usageChunk));
        }
        return text + formatSseFrame('[DONE]');
      }
      case 'error':
        // The SDK raises `APIError` from a `{"error": …}` frame; no [DONE] follows, as from OpenAI.
        this.closed = true;
        return formatSseFrame(JSON.stringify(errorBody(event.error)));
      case 'text-start':
      case 'text-end':
      case 'reasoning-start':
      case 'reasoning-delta':
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

  private text(delta: string): string {
    if (delta === '') return '';
    this.textWritten = true;
    return this.chunk(delta, 'null');
  }

  private envelope(): Pick<WireCompletion, 'id' | 'object' | 'created' | 'model'> {
    this.id ??= generateId('cmpl-');
    this.created ??= Math.floor(Date.now() / 1000);
    return { id: this.id, object: 'text_completion', created: this.created, model: this.context.requestedModel };
  }

  /**
   * The envelope is the same in every chunk: it is serialized once per stream and only the text
   * is serialized per chunk. The bytes equal `JSON.stringify({ ...envelope, choices: [{ text,
   * index: 0, logprobs: null, finish_reason }] })`.
   */
  private chunk(text: string, finishReasonJson: string): string {
    this.chunkPrefix ??= `${JSON.stringify(this.envelope()).slice(0, -1)},"choices":[{"text":`;
    return formatSseFrame(`${this.chunkPrefix}${JSON.stringify(text)},"index":0,"logprobs":null,"finish_reason":${finishReasonJson}}]}`);
  }
}
