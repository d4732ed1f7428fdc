/**
 * ConverseStream events → interlingua stream events. Each AWS event-stream message is one event,
 * named by its `:event-type` (the payload has no wrapper key, and a `p` padding field to ignore):
 * `messageStart`, `contentBlockStart` (tool calls only: text and reasoning blocks begin with their
 * first delta), `contentBlockDelta`, `contentBlockStop`, `messageStop` (the stop reason), then
 * `metadata` (usage, `metrics`) — recorded in test/fixtures/recorded/bedrock/pa-converse-stream-reasoning.frames.ndjson
 * and stream-converse-text-live.frames.ndjson; https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html.
 * Reasoning ends with one `reasoningContent.signature` delta; a cited passage of a document is a
 * text block with one `citation` delta per citation, before its text (recorded: vercel/ai
 * packages/amazon-bedrock/src/__fixtures__/bedrock-document-citations.chunks.txt) or after it
 * (citations.ts); `finish` lists them for callers of other APIs. A failure mid-stream is an
 * exception message (`throttlingException`, `modelStreamErrorException`, …).
 *
 * What the interlingua has no place for rides on `finish` in `vendor.bedrock`, named as the whole
 * answer names it (response-parse.ts), for a Bedrock caller to get back: `messageStop`'s
 * `additionalModelResponseFields`, `metadata`'s `metrics`, `trace`, `performanceConfig` and
 * `serviceTier` (vendor-data.ts `answerPassThroughFields`; API_runtime_MessageStopEvent.html,
 * API_runtime_ConverseStreamMetadataEvent.html). `finish` goes out at `metadata`, which comes
 * after `messageStop`, so it carries both, and the listing of what callers of other APIs lose
 * (unported-answer-fields.ts).
 */
import type { StreamDecoder, StreamFrame } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { FinishReason } from '../../interlingua/finish-reason.js';
import type { Usage } from '../../interlingua/usage.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { generateId } from '../../core/ids.js';
import { streamException } from '../bedrock-family/errors.js';
import { parseStopReason } from './finish-reason.js';
import { parseUsage } from './usage.js';
import { copyAnswerPassThrough, dialectName } from './vendor-data.js';
import { CitationCount, citedTextVendor } from './citations.js';
import { unportedListing } from './unported-answer-fields.js';
import {
  contentBlockDeltaSchema,
  contentBlockStartSchema,
  contentBlockStopSchema,
  messageStartSchema,
  messageStopSchema,
  metadataSchema,
  type WireCitation,
} from './wire-schema.js';
import type { z } from 'zod';
import { pushAll } from '../../core/push-all.js';

type BlockKind = 'text' | 'reasoning' | 'tool-call';

interface OpenBlock {
  id: string;
  kind: BlockKind;
  /** A text block's `citation` deltas, which cite all of it and ride on its `text-end` (citations.ts). */
  citations?: WireCitation[];
}

function parsePayload<T>(schema: z.ZodType<T>, frame: StreamFrame): T {
  let json: unknown;
  try {
    json = JSON.parse(frame.data);
  } catch {
    throw new InterlinguaError('upstream_error', `Bedrock sent a ${frame.event ?? 'stream'} event that is not JSON.`, { retryable: true });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new InterlinguaError('upstream_error', `Bedrock sent a malformed ${frame.event ?? 'stream'} event: ${parsed.error.issues[0]?.message ?? 'invalid'}.`, { retryable: true });
  return parsed.data;
}

class ConverseStreamDecoder implements StreamDecoder {
  private readonly responseId = generateId('bedrock-');
  private started = false;
  private readonly blocks = new Map<number, OpenBlock>();
  private stop: FinishReason | undefined;
  private usage: Usage = {};
  /** The answer's fields the interlingua has no place for, by their Converse names. */
  private readonly answerFields: Record<string, unknown> = {};
  private done = false;
  private readonly citations = new CitationCount();

  push(frame: StreamFrame): StreamEvent[] {
    if (this.done) return [];
    if (frame.exception === true) {
      this.done = true;
      return [{ type: 'error', error: streamException(frame.event ?? 'exception', frame.data, dialectName) }];
    }
    const events: StreamEvent[] = this.started || frame.event === 'messageStart' ? [] : this.start();
    switch (frame.event) {
      case 'messageStart':
        parsePayload(messageStartSchema, frame);
        if (!this.started) pushAll(events, this.start());
        break;
      case 'contentBlockStart': {
        const payload = parsePayload(contentBlockStartSchema, frame);
        const toolUse = payload.start.toolUse;
        if (toolUse !== undefined) {
          pushAll(events, this.close(payload.contentBlockIndex));
          this.blocks.set(payload.contentBlockIndex, { id: toolUse.toolUseId, kind: 'tool-call' });
          events.push({ type: 'tool-call-start', id: toolUse.toolUseId, name: toolUse.name });
        }
        break;
      }
      case 'contentBlockDelta': {
        const { contentBlockIndex: index, delta } = parsePayload(contentBlockDeltaSchema, frame);
        if (delta.text !== undefined && delta.text !== '') events.push(...this.open(index, 'text'), { type: 'text-delta', id: this.blocks.get(index)!.id, delta: delta.text });
        if (delta.citation !== undefined) {
          pushAll(events, this.open(index, 'text'));
          const block = this.blocks.get(index)!;
          (block.citations ??= []).push(delta.citation);
        }
        if (delta.toolUse !== undefined && delta.toolUse.input !== '') {
          const block = this.blocks.get(index);
          if (block?.kind !== 'tool-call') throw new InterlinguaError('upstream_error', `Bedrock sent tool input for block ${index}, which no contentBlockStart opened as a tool call.`, { retryable: true });
          events.push({ type: 'tool-call-delta', id: block.id, delta: delta.toolUse.input });
        }
        const reasoning = delta.reasoningContent;
        if (reasoning !== undefined) {
          if (reasoning.text !== undefined && reasoning.text !== '') events.push(...this.open(index, 'reasoning'), { type: 'reasoning-delta', id: this.blocks.get(index)!.id, delta: reasoning.text });
          if (reasoning.signature !== undefined) events.push(...this.open(index, 'reasoning'), { type: 'reasoning-signature', id: this.blocks.get(index)!.id, signature: reasoning.signature });
          if (reasoning.redactedContent !== undefined) events.push(...this.open(index, 'reasoning'), { type: 'reasoning-redacted', id: this.blocks.get(index)!.id, data: reasoning.redactedContent });
        }
        break;
      }
      case 'contentBlockStop':
        pushAll(events, this.close(parsePayload(contentBlockStopSchema, frame).contentBlockIndex));
        break;
      case 'messageStop': {
        pushAll(events, this.closeAll());
        const payload = parsePayload(messageStopSchema, frame);
        this.stop = parseStopReason(payload.stopReason);
        if (payload.additionalModelResponseFields !== undefined) this.answerFields['additionalModelResponseFields'] = payload.additionalModelResponseFields;
        break;
      }
      case 'metadata': {
        const payload = parsePayload(metadataSchema, frame);
        if (payload.usage !== undefined) {
          this.usage = parseUsage(payload.usage);
          events.push({ type: 'usage', usage: this.usage });
        }
        if (payload.metrics !== undefined) this.answerFields['metrics'] = payload.metrics;
        copyAnswerPassThrough(payload, this.answerFields);
        // `metadata` comes last, after `messageStop`: the answer is complete.
        if (this.stop !== undefined) pushAll(events, this.finish());
        break;
      }
      default:
        // An event type added after this codec was written carries nothing it knows how to read.
        break;
    }
    return events;
  }

  end(): StreamEvent[] {
    if (this.done) return [];
    if (this.stop !== undefined) return this.finish();
    this.done = true;
    return [{ type: 'error', error: new InterlinguaError('stream_interrupted', 'The Bedrock stream ended before its messageStop event.') }];
  }

  private start(): StreamEvent[] {
    this.started = true;
    return [{ type: 'response-start', id: this.responseId, model: '' }];
  }

  /** Opens the block at `index` as `kind` if it is not open yet (text and reasoning have no start event). */
  private open(index: number, kind: 'text' | 'reasoning'): StreamEvent[] {
    const open = this.blocks.get(index);
    if (open?.kind === kind) return [];
    const events = this.close(index);
    const id = `${this.responseId}-${index}`;
    this.blocks.set(index, { id, kind });
    events.push(kind === 'reasoning' ? { type: 'reasoning-start', id, signatureOrigin: dialectName } : { type: 'text-start', id });
    return events;
  }

  private close(index: number): StreamEvent[] {
    const block = this.blocks.get(index);
    if (block === undefined) return [];
    this.blocks.delete(index);
    switch (block.kind) {
      case 'text': {
        this.citations.add(block.citations ?? []);
        const vendor = citedTextVendor(block.citations ?? []);
        return [vendor === undefined ? { type: 'text-end', id: block.id } : { type: 'text-end', id: block.id, vendor }];
      }
      case 'reasoning':
        return [{ type: 'reasoning-end', id: block.id }];
      case 'tool-call':
        return [{ type: 'tool-call-end', id: block.id }];
      default: {
        const unhandled: never = block.kind;
        throw new Error(`unhandled block kind ${String(unhandled)}`);
      }
    }
  }

  private closeAll(): StreamEvent[] {
    return [...this.blocks.keys()].flatMap((index) => this.close(index));
  }

  private finish(): StreamEvent[] {
    this.done = true;
    const closed = this.closeAll();
    const finish: Extract<StreamEvent, { type: 'finish' }> = { type: 'finish', finishReason: this.stop ?? { unified: 'other' }, usage: this.usage };
    const vendor: Record<string, unknown> = { ...this.answerFields, ...unportedListing(this.answerFields, this.citations.unported()) };
    if (Object.keys(vendor).length > 0) finish.vendor = { [dialectName]: vendor };
    return [...closed, finish];
  }
}

export function createStreamDecoder(): StreamDecoder {
  return new ConverseStreamDecoder();
}
