/**
 * Anthropic SSE stream → interlingua stream events
 * (https://docs.claude.com/en/docs/build-with-claude/streaming). Blocks are addressed by
 * `index`; the decoder maps each index to the id of its interlingua lifecycle. Blocks with no
 * interlingua part (`server_tool_use`, whose input comes as `input_json_delta`s, and the server
 * tool results, which start whole) are gathered and told whole, where they came, on a
 * `vendor-output` event as they stop, and listed on `finish` as a whole answer keeps them
 * (opaque-output.ts, response-parse.ts). A text block's
 * `citations_delta` events are gathered and its web search citations ride on its `text-end`,
 * covering the whole block (web-search-citations.ts), with the wire citations as vendor data
 * (claude-family/citations-vendor.ts).
 * Like the official SDK (core/streaming.ts), an SSE `event: error` is an error whatever its
 * data, `ping` is ignored, and every other event is read from the `type` in its data.
 */
import type { z } from 'zod';
import type { StreamDecoder, StreamFrame } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { parseStopReason } from './finish-reason.js';
import { errorFromWire } from './errors.js';
import { mergeWireUsage, parseUsage } from './usage.js';
import type { WireUsage } from './wire-schema.js';
import {
  contentBlockDeltaSchema,
  deltaTypeSchema,
  contentBlockStartSchema,
  contentBlockStopSchema,
  errorBodySchema,
  inputJsonDeltaSchema,
  messageDeltaSchema,
  messageStartSchema,
  parseWire,
  redactedThinkingBlockSchema,
  signatureDeltaSchema,
  streamEventSchema,
  streamTextSchema,
  streamThinkingSchema,
  streamToolUseSchema,
  textDeltaSchema,
  thinkingDeltaSchema,
} from './wire-schema.js';
import type { WireBlock } from './wire-schema.js';
import { dialectName, isPlainObject } from './vendor-data.js';
import { parseJsonText } from '../../wire/json-text.js';
import { directBlockStart, directMessageDelta, directMessageStart, directStreamThinking, directToolUse, isCount } from './wire-direct.js';
import { extraFields } from '../../wire/extra-fields.js';
import { toolUseBlockFields } from './block-fields.js';
import { blockCitations, CitationTally } from './web-search-citations.js';
import { wireCitationsVendor } from '../claude-family/citations-vendor.js';
import { opaqueOutputEntry, opaqueOutputEvent } from './opaque-output.js';
import type { OpaqueBlock } from './opaque-blocks.js';
import { unportedOutputKey, type UnportedOutput } from '../../core/unported-output.js';

/** A text block counts its UTF-16 length and gathers its `citations_delta` citations, which cover all of it. */
type Block =
  | { kind: 'text'; id: string; length: number; citations: unknown[] }
  | { kind: 'reasoning' | 'tool-call'; id: string }
  /** A block with no interlingua part, kept whole; a `server_tool_use`'s input JSON gathered as it streams. */
  | { kind: 'opaque'; block: WireBlock; inputJson: string; at: number };

function malformed(message: string): InterlinguaError {
  return new InterlinguaError('upstream_error', `Anthropic stream: ${message}`);
}

function read<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> {
  return parseWire(schema, value, path, 'upstream_error');
}

function parseData(data: string): unknown {
  const parsed = parseJsonText(data);
  if (!parsed.ok) throw malformed(`an event's data ${parsed.problem}`);
  return parsed.value;
}

/*
 * Deltas are most of a stream. Their few fields are checked here directly, and so are the frames
 * every stream carries once (wire-direct.ts); a frame that does not fit goes through its schema,
 * whose error names what is wrong.
 */

function eventType(data: unknown): string {
  return isPlainObject(data) && typeof data['type'] === 'string' ? data['type'] : read(streamEventSchema, data, '').type;
}

function deltaOf(data: unknown): { index: number; delta: Record<string, unknown>; deltaType: string } {
  if (isPlainObject(data)) {
    const { index, delta } = data;
    if (isCount(index) && isPlainObject(delta) && typeof delta['type'] === 'string') return { index, delta, deltaType: delta['type'] };
  }
  const { index, delta } = read(contentBlockDeltaSchema, data, 'content_block_delta');
  const deltaType = read(deltaTypeSchema, delta, 'content_block_delta.delta').type;
  return { index, delta: delta as Record<string, unknown>, deltaType };
}

class AnthropicStreamDecoder implements StreamDecoder {
  private readonly blocks = new Map<number, Block>();
  private usage: WireUsage = {};
  private stopReason: string | null | undefined;
  private stopSequence: string | null | undefined;
  private started = false;
  private done = false;
  private readonly citationTally = new CitationTally();
  /** How many interlingua parts have started: where an opaque block comes in the answer. */
  private parts = 0;
  private readonly opaque: OpaqueBlock[] = [];
  private readonly opaqueEntries: UnportedOutput[] = [];

  push(frame: StreamFrame): StreamEvent[] {
    if (this.done || frame.event === 'ping') return [];
    if (frame.event === 'error') return this.error(frame.data);
    const data = parseData(frame.data);
    switch (eventType(data)) {
      case 'message_start':
        return this.messageStart(data);
      case 'content_block_start':
        return this.blockStart(data);
      case 'content_block_delta':
        return this.blockDelta(data);
      case 'content_block_stop':
        return this.blockStop(data);
      case 'message_delta': {
        const delta = (isPlainObject(data) ? directMessageDelta(data) : undefined) ?? read(messageDeltaSchema, data, 'message_delta');
        this.stopReason = delta.delta.stop_reason;
        this.stopSequence = delta.delta.stop_sequence;
        if (delta.usage != null) this.usage = mergeWireUsage(this.usage, delta.usage);
        return [];
      }
      case 'message_stop':
        return this.messageStop();
      case 'error':
        return this.error(frame.data);
      default:
        // `ping`, and event types added after this was written: Anthropic asks clients to ignore them.
        return [];
    }
  }

  end(): StreamEvent[] {
    if (this.done) return [];
    this.done = true;
    return [{ type: 'error', error: new InterlinguaError('stream_interrupted', 'The Anthropic stream ended before message_stop.') }];
  }

  private messageStart(data: unknown): StreamEvent[] {
    const message = (isPlainObject(data) ? directMessageStart(data) : undefined) ?? read(messageStartSchema, data, 'message_start').message;
    // The SDK's MessageStream rejects a second message_start the same way.
    if (this.started) throw malformed('message_start came twice.');
    this.started = true;
    if (message.usage != null) this.usage = mergeWireUsage(this.usage, message.usage);
    const start: StreamEvent = { type: 'response-start', id: message.id, model: message.model };
    if (message.usage != null) start.usage = parseUsage(this.usage);
    return [start];
  }

  private blockStart(data: unknown): StreamEvent[] {
    const { index, content_block: block } = (isPlainObject(data) ? directBlockStart(data) : undefined) ?? read(contentBlockStartSchema, data, 'content_block_start');
    if (this.blocks.has(index)) throw malformed(`content block ${index} started twice.`);
    const id = String(index);
    const path = 'content_block_start.content_block';
    if (block.type !== 'text' && block.type !== 'thinking' && block.type !== 'redacted_thinking' && block.type !== 'tool_use') {
      this.blocks.set(index, { kind: 'opaque', block, inputJson: '', at: this.parts });
      return [];
    }
    this.parts += 1;
    switch (block.type) {
      case 'text': {
        const given = block['text'];
        const text = typeof given === 'string' ? given : given === undefined ? '' : (read(streamTextSchema, block, path).text ?? '');
        const citations = block['citations'];
        this.blocks.set(index, { kind: 'text', id, length: text.length, citations: Array.isArray(citations) ? [...citations] : [] });
        return text === '' ? [{ type: 'text-start', id }] : [{ type: 'text-start', id }, { type: 'text-delta', id, delta: text }];
      }
      case 'thinking': {
        this.blocks.set(index, { kind: 'reasoning', id });
        const thinking = directStreamThinking(block) ?? read(streamThinkingSchema, block, path);
        const events: StreamEvent[] = [{ type: 'reasoning-start', id, signatureOrigin: dialectName }];
        if (thinking.thinking) events.push({ type: 'reasoning-delta', id, delta: thinking.thinking });
        if (thinking.signature) events.push({ type: 'reasoning-signature', id, signature: thinking.signature });
        return events;
      }
      case 'redacted_thinking': {
        this.blocks.set(index, { kind: 'reasoning', id });
        const redacted = read(redactedThinkingBlockSchema, block, path);
        return [
          { type: 'reasoning-start', id, signatureOrigin: dialectName },
          { type: 'reasoning-redacted', id, data: redacted.data },
        ];
      }
      default: // `tool_use`, the one type left
        return this.toolUseStart(index, block, path);
    }
  }

  private toolUseStart(index: number, block: WireBlock, path: string): StreamEvent[] {
    const call = directToolUse(block) ?? read(streamToolUseSchema, block, path);
    this.blocks.set(index, { kind: 'tool-call', id: call.id });
    const start: StreamEvent = { type: 'tool-call-start', id: call.id, name: call.name };
    const extras = extraFields(call, toolUseBlockFields);
    if (extras !== undefined) start.vendor = { [dialectName]: extras };
    // The input normally streams as input_json_delta after an empty `{}`; a filled one is sent whole.
    const input = call.input;
    const filled = isPlainObject(input) ? Object.keys(input).length > 0 : input !== undefined;
    return filled ? [start, { type: 'tool-call-delta', id: call.id, delta: JSON.stringify(input) }] : [start];
  }

  private blockDelta(data: unknown): StreamEvent[] {
    const { index, delta, deltaType } = deltaOf(data);
    const block = this.blocks.get(index);
    if (block === undefined) throw malformed(`delta for content block ${index}, which is not open.`);
    if (block.kind === 'opaque') return this.opaqueDelta(block, delta, deltaType);
    const path = 'content_block_delta.delta';
    const expect = (kind: Block['kind']): string => {
      if (block.kind !== kind) throw malformed(`${deltaType} for a ${block.kind} block (${index}).`);
      return block.id;
    };
    switch (deltaType) {
      case 'text_delta': {
        const id = expect('text');
        const given = delta['text'];
        const text = typeof given === 'string' ? given : read(textDeltaSchema, delta, path).text;
        if (block.kind === 'text') block.length += text.length;
        return [{ type: 'text-delta', id, delta: text }];
      }
      case 'citations_delta':
        expect('text');
        if (block.kind === 'text' && delta['citation'] !== undefined) block.citations.push(delta['citation']);
        return [];
      case 'input_json_delta': {
        const id = expect('tool-call');
        const partial = delta['partial_json'];
        const json = typeof partial === 'string' ? partial : read(inputJsonDeltaSchema, delta, path).partial_json;
        return json === '' ? [] : [{ type: 'tool-call-delta', id, delta: json }];
      }
      case 'thinking_delta': {
        const id = expect('reasoning');
        const text = delta['thinking'];
        const thinking = typeof text === 'string' ? text : read(thinkingDeltaSchema, delta, path).thinking;
        return thinking === '' ? [] : [{ type: 'reasoning-delta', id, delta: thinking }];
      }
      case 'signature_delta': {
        const id = expect('reasoning');
        const signature = delta['signature'];
        return [{ type: 'reasoning-signature', id, signature: typeof signature === 'string' ? signature : read(signatureDeltaSchema, delta, path).signature }];
      }
      default:
        // Newer delta types carry nothing the interlingua holds.
        return [];
    }
  }

  /** A `server_tool_use`'s input streams as `input_json_delta`s, like a tool call's (the SDK's MessageStream, `tracksToolInput`). */
  private opaqueDelta(block: Extract<Block, { kind: 'opaque' }>, delta: Record<string, unknown>, deltaType: string): StreamEvent[] {
    if (deltaType !== 'input_json_delta') return [];
    const partial = delta['partial_json'];
    block.inputJson += typeof partial === 'string' ? partial : read(inputJsonDeltaSchema, delta, 'content_block_delta.delta').partial_json;
    return [];
  }

  private blockStop(data: unknown): StreamEvent[] {
    const index = isPlainObject(data) && isCount(data['index']) ? data['index'] : read(contentBlockStopSchema, data, 'content_block_stop').index;
    const block = this.blocks.get(index);
    this.blocks.delete(index);
    return block === undefined ? [] : this.endEvents(block);
  }

  private endEvents(block: Block): StreamEvent[] {
    switch (block.kind) {
      case 'text': {
        if (block.citations.length === 0) return [{ type: 'text-end', id: block.id }];
        const cited = blockCitations(block.citations, block.length);
        this.citationTally.add(cited);
        // Claude's own citations, whole, for an Anthropic caller (claude-family/citations-vendor.ts).
        const end: Extract<StreamEvent, { type: 'text-end' }> = { type: 'text-end', id: block.id, vendor: wireCitationsVendor(block.citations) };
        if (cited.citations.length > 0) end.citations = cited.citations;
        return [end];
      }
      case 'reasoning':
        return [{ type: 'reasoning-end', id: block.id }];
      case 'tool-call':
        return [{ type: 'tool-call-end', id: block.id }];
      case 'opaque':
        return [this.opaqueEnd(block)];
      default: {
        const unhandled: never = block;
        throw new Error(`unhandled block ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /** The block whole, its streamed input in place of the empty one it started with. */
  private opaqueEnd(opaque: Extract<Block, { kind: 'opaque' }>): StreamEvent {
    let block = opaque.block;
    if (opaque.inputJson !== '') {
      const input = parseJsonText(opaque.inputJson);
      if (!input.ok) throw malformed(`the input of ${block.type} block ${String(block['id'])} ${input.problem}`);
      block = { ...block, input: input.value };
    }
    this.opaque.push({ index: opaque.at, block });
    const entry = opaqueOutputEntry(block, opaque.at);
    this.opaqueEntries.push(entry);
    return opaqueOutputEvent(entry);
  }

  /** `finish`'s vendor data: the opaque blocks, as a whole answer keeps them, and what other dialects are told was left out. */
  private finishVendor(): Record<string, unknown> | undefined {
    const entries = [...this.opaqueEntries, ...(this.citationTally.unported()?.[unportedOutputKey] ?? [])];
    if (entries.length === 0) return undefined;
    return this.opaque.length > 0 ? { opaque_blocks: this.opaque, [unportedOutputKey]: entries } : { [unportedOutputKey]: entries };
  }

  private messageStop(): StreamEvent[] {
    const events = [...this.blocks.values()].flatMap((block) => this.endEvents(block));
    this.blocks.clear();
    this.done = true;
    const finish: StreamEvent = { type: 'finish', finishReason: parseStopReason(this.stopReason), usage: parseUsage(this.usage) };
    if (this.stopSequence !== null && this.stopSequence !== undefined) finish.stopSequence = this.stopSequence;
    const vendor = this.finishVendor();
    if (vendor !== undefined) finish.vendor = { [dialectName]: vendor };
    events.push(finish);
    return events;
  }

  /** An in-band error: the SDK raises it as an APIError whatever the body, so this never throws. */
  private error(data: string): StreamEvent[] {
    this.done = true;
    const parsed = parseJsonText(data);
    const body = errorBodySchema.safeParse(parsed.ok ? parsed.value : undefined);
    const error = body.success
      ? errorFromWire(body.data.error.type, body.data.error.message)
      : new InterlinguaError('upstream_error', `Anthropic stream error: ${data.slice(0, 200)}`);
    return [{ type: 'error', error }];
  }
}

export function createStreamDecoder(): StreamDecoder {
  return new AnthropicStreamDecoder();
}
