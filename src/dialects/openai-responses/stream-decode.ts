/**
 * An upstream's Responses stream (SSE events named after their `type`, each with a
 * `sequence_number`; no `[DONE]`) → stream events.
 *
 * Items are tracked by `output_index` (never by `item_id`: the GitHub Copilot proxy rotates ids on
 * every event, fixtures/openai-responses/stream-copilot-item-id-rotation.data.ndjson). Each message
 * content part is a text block, each `function_call` a tool-call block keyed by its `call_id`
 * (which only `output_item.added` / `.done` carry), each `reasoning` item one reasoning block whose
 * summary parts are joined by a blank line (as `parseResponse` joins them) and whose
 * `encrypted_content` is taken from `output_item.done`, where it can differ from the one in
 * `.added` (fixtures/openai-responses/stream-reasoning-summary-function-calls-4-turns.data.ndjson).
 * A `.done` event that holds more than the deltas did (a proxy that skips deltas) adds the rest.
 * A `refusal` content part (`response.refusal.delta` / `.done`) is a text block whose `text-start`
 * carries the refusal mark the whole answer's part has (openai-family/refusal-part.ts).
 * A text part's annotations (`response.output_text.annotation.added`, or the part's or item's
 * `annotations`) ride on its `text-end` as URL citations (url-citations-read.ts).
 * The stream ends with `response.completed` / `response.incomplete` (finish with usage), or
 * `error` and/or `response.failed` (an error event); anything else is a cut stream.
 * Reference: https://platform.openai.com/docs/api-reference/responses-streaming
 */
import type { z } from 'zod';
import type { StreamDecoder, StreamFrame } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { generateId } from '../../core/ids.js';
import { errorFromWire } from './errors.js';
import { parseFinishReason } from './finish-reason.js';
import { errorBodySchema, modelledResponseFields } from './response-schema.js';
import { StreamItems } from './stream-decode-items.js';
import {
  argumentsDeltaEventSchema,
  argumentsDoneEventSchema,
  customInputDeltaEventSchema,
  customInputDoneEventSchema,
  contentDeltaEventSchema,
  contentPartEventSchema,
  errorEventSchema,
  itemEventSchema,
  lifecycleEventSchema,
  refusalDoneEventSchema,
  summaryDeltaEventSchema,
  summaryDoneEventSchema,
  summaryPartEventSchema,
  textDoneEventSchema,
  type LifecycleResponse,
} from './stream-schema.js';
import { parseUsage } from './usage.js';
import { dialectName, isRecord } from './vendor.js';
import { parseWire } from './wire-parse.js';
import { parseJsonText } from '../../wire/json-text.js';
import { annotationAddedEventSchema } from './url-citations-read.js';
import { extraFields } from '../../wire/extra-fields.js';
import { readTokenLogprobs } from '../openai-family/token-logprobs.js';
import { pushAll } from '../../core/push-all.js';

/** `completed_at` is still null when the stream starts; the encoder's final response must not repeat that. */
const streamStartModelled: ReadonlySet<string> = new Set([...modelledResponseFields, 'completed_at']);

export class OpenaiResponsesStreamDecoder implements StreamDecoder {
  private started = false;
  /** A `finish` or `error` went out; anything after it is ignored. */
  private closed = false;
  private readonly items = new StreamItems();

  push(frame: StreamFrame): StreamEvent[] {
    if (this.closed) return [];
    const data = frame.data.trim();
    // OpenAI sends no `[DONE]`; an OpenAI-compatible server that does has said nothing more.
    if (data === '[DONE]') return [];
    const parsed = parseJsonText(data);
    if (!parsed.ok) throw new InterlinguaError('upstream_error', `The upstream stream sent an event that ${parsed.problem}.`);
    const json = parsed.value;
    if (!isRecord(json)) throw new InterlinguaError('upstream_error', `The upstream stream sent an event that is not an object: ${data.slice(0, 200)}`);
    const type = typeof json['type'] === 'string' ? json['type'] : frame.event;
    const events: StreamEvent[] = [];
    switch (type) {
      case 'response.created':
      case 'response.in_progress':
      case 'response.queued':
        this.start(parse(lifecycleEventSchema, json).response, events, json['response']);
        return events;
      case 'response.completed':
      case 'response.incomplete':
        return this.finish(parse(lifecycleEventSchema, json).response);
      case 'response.failed':
        return this.fail(parse(lifecycleEventSchema, json).response, data);
      case 'error':
        return this.error(json, data);
      case undefined:
        if (json['error'] != null) return this.error(json, data);
        throw new InterlinguaError('upstream_error', `The upstream stream sent an event without a type: ${data.slice(0, 200)}`);
      default: {
        // Parsed first: a malformed event throws before anything (the start included) is consumed.
        const itemEvents: StreamEvent[] = [];
        this.item(type, json, itemEvents);
        this.start(undefined, events);
        pushAll(events, itemEvents);
        return events;
      }
    }
  }

  end(): StreamEvent[] {
    if (this.closed) return [];
    this.closed = true;
    return [{ type: 'error', error: new InterlinguaError('stream_interrupted', 'The upstream stream ended before response.completed arrived.') }];
  }

  /** Events about one output item; types the interlingua has no use for (web search progress, audio, keepalive) are skipped. */
  private item(type: string, json: Record<string, unknown>, events: StreamEvent[]): void {
    const items = this.items;
    switch (type) {
      case 'response.output_item.added': {
        const event = parse(itemEventSchema, json);
        items.open(event.output_index, json['item'], events);
        return;
      }
      case 'response.output_item.done': {
        const event = parse(itemEventSchema, json);
        items.close(event.output_index, json['item'], events);
        return;
      }
      case 'response.content_part.added': {
        const event = parse(contentPartEventSchema, json);
        if (isTextPart(event.part.type)) items.textPart(event.output_index, event.content_index, event.part.text ?? event.part.refusal ?? undefined, false, events, event.part.type === 'refusal');
        return;
      }
      case 'response.content_part.done': {
        const event = parse(contentPartEventSchema, json);
        const part = json['part'];
        if (event.part.type === 'output_text' && isRecord(part)) items.annotate(event.output_index, event.content_index, part['annotations'], events);
        if (isTextPart(event.part.type)) items.textPart(event.output_index, event.content_index, event.part.text ?? event.part.refusal ?? undefined, true, events, event.part.type === 'refusal');
        return;
      }
      case 'response.output_text.annotation.added': {
        const event = parse(annotationAddedEventSchema, json);
        items.annotate(event.output_index, event.content_index, [event.annotation], events);
        return;
      }
      case 'response.output_text.delta':
      case 'response.refusal.delta': {
        const event = parse(contentDeltaEventSchema, json);
        items.textDelta(event.output_index, event.content_index, event.delta, events, readTokenLogprobs(event.logprobs), type === 'response.refusal.delta');
        return;
      }
      case 'response.output_text.done': {
        const event = parse(textDoneEventSchema, json);
        items.textPart(event.output_index, event.content_index, event.text, false, events);
        return;
      }
      case 'response.refusal.done': {
        const event = parse(refusalDoneEventSchema, json);
        items.textPart(event.output_index, event.content_index, event.refusal, false, events, true);
        return;
      }
      case 'response.function_call_arguments.delta': {
        const event = parse(argumentsDeltaEventSchema, json);
        items.argumentsDelta(event.output_index, event.delta, events);
        return;
      }
      case 'response.function_call_arguments.done': {
        const event = parse(argumentsDoneEventSchema, json);
        items.argumentsDone(event.output_index, event.arguments, events);
        return;
      }
      case 'response.custom_tool_call_input.delta': {
        const event = parse(customInputDeltaEventSchema, json);
        items.customInputDelta(event.output_index, event.delta, events);
        return;
      }
      case 'response.custom_tool_call_input.done': {
        const event = parse(customInputDoneEventSchema, json);
        items.customInputDone(event.output_index, event.input, events);
        return;
      }
      case 'response.reasoning_summary_part.added': {
        const event = parse(summaryPartEventSchema, json);
        items.summaryPart(event.output_index, event.summary_index, events);
        return;
      }
      case 'response.reasoning_summary_text.delta': {
        const event = parse(summaryDeltaEventSchema, json);
        items.reasoningDelta(event.output_index, 'summary', event.summary_index, event.delta, events);
        return;
      }
      case 'response.reasoning_summary_text.done': {
        const event = parse(summaryDoneEventSchema, json);
        items.reasoningPartDone(event.output_index, 'summary', event.summary_index, event.text, events);
        return;
      }
      case 'response.reasoning_text.delta': {
        const event = parse(contentDeltaEventSchema, json);
        items.reasoningDelta(event.output_index, 'content', event.content_index, event.delta, events);
        return;
      }
      case 'response.reasoning_text.done': {
        const event = parse(textDoneEventSchema, json);
        items.reasoningPartDone(event.output_index, 'content', event.content_index, event.text, events);
        return;
      }
      default:
        return;
    }
  }

  /**
   * `response-start`; the response's unmodelled fields (`billing`, `service_tier`, its echo of the
   * settings) ride along in vendor data, for an encoder of this dialect to repeat.
   */
  private start(response: LifecycleResponse | undefined, events: StreamEvent[], raw?: unknown): void {
    if (this.started) return;
    this.started = true;
    const id = response?.id != null && response.id !== '' ? response.id : generateId('resp_');
    const start: StreamEvent = { type: 'response-start', id, model: response?.model ?? '' };
    if (response?.created_at != null) start.created = response.created_at;
    const extras = isRecord(raw) ? extraFields(raw, streamStartModelled) : undefined;
    if (extras !== undefined) start.vendor = { [dialectName]: { response: extras } };
    events.push(start);
  }

  /** Closes every block, taking from the final output whatever the events did not carry. */
  private finish(response: LifecycleResponse): StreamEvent[] {
    const events: StreamEvent[] = [];
    this.start(response, events);
    this.items.closeAll(response.output ?? [], events);
    const finishReason = parseFinishReason(response.status, response.incomplete_details?.reason, this.items.hasToolCalls);
    const finish: Extract<StreamEvent, { type: 'finish' }> = { type: 'finish', finishReason, usage: response.usage == null ? {} : parseUsage(response.usage) };
    const unported = this.items.unportedCitations();
    if (unported !== undefined) finish.vendor = { [dialectName]: unported };
    events.push(finish);
    this.closed = true;
    return events;
  }

  private fail(response: LifecycleResponse, data: string): StreamEvent[] {
    this.closed = true;
    const wire = response.error;
    const error =
      wire == null
        ? new InterlinguaError('upstream_error', 'The upstream response failed without saying why.')
        : errorFromWire({ code: wire.code, message: wire.message ?? undefined }, data);
    return [{ type: 'error', error }];
  }

  private error(json: Record<string, unknown>, data: string): StreamEvent[] {
    this.closed = true;
    if (json['type'] === undefined) {
      const body = errorBodySchema.safeParse(json);
      if (body.success) return [{ type: 'error', error: errorFromWire(body.data.error, data) }];
    }
    const event = parse(errorEventSchema, json);
    const wire = event.error ?? event;
    const type = event.error != null ? wire.type : undefined;
    return [{ type: 'error', error: errorFromWire({ type, code: wire.code, message: wire.message, param: wire.param }, data) }];
  }
}

function parse<Schema extends z.ZodType>(schema: Schema, json: unknown): z.output<Schema> {
  return parseWire(schema, json, '', 'upstream_error');
}

/** Message content parts that are text; `reasoning_text` parts belong to reasoning items. */
function isTextPart(type: string): boolean {
  return type === 'output_text' || type === 'refusal';
}
