/**
 * Interlingua events → the NDJSON lines of an `/api/chat` stream, each written as soon as its
 * event arrives: a content or thinking delta is one `done: false` line; a tool call is one line
 * at `tool-call-end`, since Ollama sends calls whole with their arguments as an object
 * (fixtures/ollama/chat-stream-tools.doc-example.first-and-final.json), so its argument deltas
 * are gathered first, and numbered in `function.index` in the order they are written, as Ollama
 * numbers every call (api/types.go `ToolCallFunction.Index`, no omitempty;
 * fixtures/ollama/chat-response-qwen3.5-thinking-parallel-tool-calls.json); `finish` is the
 * `done: true` line with `done_reason`, counts and timings; `error` is a bare `{"error": "…"}` line
 * (both written by ../ollama-family/answer-line-writer.ts). Thinking is left out when the caller
 * sent `think: false` (../ollama-family/thinking-shown.ts). A text delta's tokens, where the caller
 * asked for logprobs, go on its line as the top-level `logprobs` an Ollama stream line carries
 * (../ollama-family/logprobs.ts).
 */
import type { EmitResponseContext, StreamEncoder } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { VendorData } from '../../interlingua/vendor.js';
import type { Warning } from '../../interlingua/warning.js';
import { AnswerLineWriter } from '../ollama-family/answer-line-writer.js';
import { emitToolCall } from './messages-emit.js';
import { thinkingShown } from '../ollama-family/thinking-shown.js';
import { streamedLogprobsField } from '../ollama-family/logprobs.js';

interface PendingCall {
  name: string;
  arguments: string;
  vendor?: VendorData;
}

export class OllamaStreamEncoder implements StreamEncoder {
  private readonly calls = new Map<string, PendingCall>();
  private readonly writer: AnswerLineWriter;
  private readonly showsThinking: boolean;
  /** Calls written so far: the next one's `function.index`. */
  private callsWritten = 0;

  constructor(context: EmitResponseContext) {
    this.writer = new AnswerLineWriter(context.requestedModel, context.startedAt);
    this.showsThinking = thinkingShown(context.request);
  }

  encode(event: StreamEvent): string {
    if (this.writer.closed) return '';
    switch (event.type) {
      case 'text-delta':
        return event.delta === '' ? '' : this.line(`"content":${JSON.stringify(event.delta)}`, streamedLogprobsField(event.logprobs));
      case 'reasoning-delta':
        return event.delta === '' || !this.showsThinking ? '' : this.line(`"content":"","thinking":${JSON.stringify(event.delta)}`);
      case 'tool-call-start': {
        const call: PendingCall = { name: event.name, arguments: '' };
        if (event.vendor !== undefined) call.vendor = event.vendor;
        this.calls.set(event.id, call);
        return '';
      }
      case 'tool-call-delta': {
        const call = this.calls.get(event.id);
        // A delta without its start: keep the arguments rather than lose them.
        if (call === undefined) this.calls.set(event.id, { name: '', arguments: event.delta });
        else call.arguments += event.delta;
        return '';
      }
      case 'tool-call-end':
        return this.writeCall(event.id);
      case 'usage':
        this.writer.addUsage(event.usage);
        return '';
      case 'vendor-output':
        // Not this dialect's to write: the gateway reports it from `finish` (core/unported-output.ts).
        return '';
      case 'finish': {
        // Calls never ended are still the model's calls: written before the final line.
        let text = '';
        for (const id of [...this.calls.keys()]) text += this.writeCall(id);
        return text + this.writer.finalLine({ message: { role: 'assistant', content: '' } }, event.finishReason, event.usage);
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

  private writeCall(id: string): string {
    const call = this.calls.get(id);
    if (call === undefined) return '';
    this.calls.delete(id);
    // The stream has no channel for warnings; arguments that are not an object are wrapped, not lost.
    const ignored: Warning[] = [];
    const wire = emitToolCall(id, call.name, call.arguments, call.vendor, ignored);
    const position = this.callsWritten++;
    wire.function.index ??= position;
    return this.line(`"content":"","tool_calls":[${JSON.stringify(wire)}]`);
  }

  /** Only the message fields are serialized per line; the bytes equal `JSON.stringify` of the whole line. */
  private line(messageFields: string, logprobs = ''): string {
    return this.writer.line(`"message":{"role":"assistant",${messageFields}}${logprobs}`);
  }
}
