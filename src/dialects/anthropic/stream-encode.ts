/**
 * Interlingua stream events → Anthropic SSE, as the official SDK's MessageStream reads it:
 * `message_start` first, then content blocks one at a time with consecutive indices
 * (the SDK appends each `content_block_start` and applies deltas to the last block), then
 * `message_delta` and `message_stop`. Every frame names its event: the SDK skips frames without one.
 *
 * Upstream lifecycles may interleave (parallel tool calls); Anthropic blocks may not. The block
 * on the wire stays current until it ends, and blocks that start meanwhile wait in a queue
 * with their deltas buffered, flushed in start order. The one exception: an open text (or
 * unsigned reasoning) block is closed when another block starts, since text splits cleanly
 * and upstreams such as OpenAI never say when text is done; text that arrives for it later
 * opens a new block. Nothing else is held back: each event is written at once, but for Claude's
 * citations of a text block, which come with its end and go out just before its stop (stream-citations.ts).
 * Claude's blocks with no interlingua part (server tool calls and results) come on `vendor-output`
 * events, whole, and go out as blocks of their own in that place (opaque-output.ts).
 */
import type { EmitResponseContext, StreamEncoder } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import type { Usage } from '../../interlingua/usage.js';
import type { VendorData } from '../../interlingua/vendor.js';
import { mergeUsage } from '../../core/fold-stream.js';
import { generateId } from '../../core/ids.js';
import { carrierValue } from '../../core/signature-envelope.js';
import { formatSseFrame } from '../../wire/sse-parser.js';
import { SequentialBlocks, type BlockContentEvent, type BlockLifecycle } from '../../core/sequential-blocks.js';
import { wireError } from './errors.js';
import { emitStopReason } from './finish-reason.js';
import { messageId } from './response-emit.js';
import { emitUsage } from './usage.js';
import { anthropicFields, dialectName } from './vendor-data.js';
import { citationDeltas } from './stream-citations.js';
import { opaqueBlocksListed, streamedOpaqueBlock } from './opaque-output.js';
import type { WireBlock } from './wire-schema.js';

type ContentEvent = BlockContentEvent;

type BlockType = 'text' | 'thinking' | 'redacted_thinking' | 'tool_use';

interface Lifecycle extends BlockLifecycle {
  /** The Anthropic block written for it while on the wire; a reasoning block waits for its first event. */
  wire?: { index: number; type: BlockType };
}

function frame(payload: { type: string; [field: string]: unknown }): string {
  return formatSseFrame(JSON.stringify(payload), payload.type);
}

class AnthropicStreamEncoder implements StreamEncoder {
  /** Anthropic's blocks are strictly sequential; interleaved upstream blocks wait their turn. */
  private readonly blocks = new SequentialBlocks<Lifecycle>({
    begin: (lifecycle) => (lifecycle.kind === 'reasoning' ? '' : this.blockStart(lifecycle)),
    write: (lifecycle, event) => this.write(lifecycle, event),
    close: (lifecycle) => this.blockStop(lifecycle),
  }, dialectName);
  private nextIndex = 0;
  /** Claude's citations of a text block whose `text-end` came, written as it leaves the wire. */
  private readonly endCitations = new Map<string, ReturnType<typeof citationDeltas>>();
  private usage: Usage = {};
  private started = false;
  private done = false;

  constructor(private readonly context: EmitResponseContext) {}

  encode(event: StreamEvent): string {
    if (this.done) return '';
    switch (event.type) {
      case 'response-start':
        if (event.usage !== undefined) this.usage = mergeUsage(this.usage, event.usage);
        return this.started ? '' : this.messageStart(event.id);
      case 'text-start':
      case 'reasoning-start':
      case 'tool-call-start':
      case 'text-delta':
      case 'tool-call-delta':
      case 'reasoning-delta':
      case 'reasoning-signature':
      case 'reasoning-redacted':
      case 'reasoning-end':
      case 'tool-call-end':
        return this.messageStart() + this.blocks.accept(event);
      case 'text-end': {
        const deltas = citationDeltas(event.vendor);
        if (deltas.length > 0) this.endCitations.set(event.id, deltas);
        return this.messageStart() + this.blocks.accept(event);
      }
      case 'usage':
        this.usage = mergeUsage(this.usage, event.usage);
        return '';
      case 'vendor-output':
        // Claude's own blocks are written back; the rest is not this dialect's to write: the gateway
        // reports it from `finish` (core/unported-output.ts).
        return this.opaqueBlocks(event.vendor);
      case 'finish':
        return this.finish(event);
      case 'error':
        this.done = true;
        return frame(wireError(event.error));
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled stream event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /**
   * `message_start`, once, before anything else (with a generated id if the upstream gave none).
   * Its usage leaves `cache_creation` out while the upstream has reported no usage at all (Bedrock,
   * OpenAI and Responses report it only at the end), so what it wrote is not known: Anthropic's own
   * `message_start` may lack it
   * (test/fixtures/recorded/anthropic/dd-stream-tools.response.sse: `"usage":{"input_tokens":599,"output_tokens":2}`),
   * whereas a split of zeros would stand, since the SDK's MessageStream takes `message_start`'s usage
   * whole and from `message_delta` only the counts, never `cache_creation`
   * (node_modules/@anthropic-ai/sdk/lib/MessageStream.js, `_MessageStream_accumulateMessage`).
   */
  private messageStart(id?: string): string {
    if (this.started) return '';
    this.started = true;
    const emitted = emitUsage(this.usage);
    const { cache_creation: _unknownYet, ...counts } = emitted;
    const reported = this.usage.inputTokens !== undefined || this.usage.cacheWriteTokens !== undefined;
    const usage = reported ? emitted : counts;
    return frame({
      type: 'message_start',
      message: {
        id: id === undefined ? generateId('msg_') : messageId(id),
        type: 'message',
        role: 'assistant',
        model: this.context.requestedModel,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage,
      },
    });
  }

  /**
   * Closes the block on the wire (a reasoning block never opened writes nothing). An ended text
   * block's citations go first, after its text, as Claude sends them: `text_delta`, then
   * `citations_delta`, then `content_block_stop`
   * (https://docs.claude.com/en/docs/build-with-claude/citations, "Streaming support").
   * Claude's blocks come one at a time, so its text is still on the wire when its `text-end` comes.
   */
  private blockStop(lifecycle: Lifecycle): string {
    const wire = lifecycle.wire;
    lifecycle.wire = undefined;
    if (wire === undefined) return '';
    let out = '';
    const citations = lifecycle.ended ? this.endCitations.get(lifecycle.id) : undefined;
    if (citations !== undefined && wire.type === 'text') {
      this.endCitations.delete(lifecycle.id);
      for (const delta of citations) out += frame({ type: 'content_block_delta', index: wire.index, delta });
    }
    return out + frame({ type: 'content_block_stop', index: wire.index });
  }

  private blockStart(lifecycle: Lifecycle, redactedData?: string): string {
    let block: { type: BlockType; [field: string]: unknown };
    switch (lifecycle.kind) {
      case 'text':
        block = { type: 'text', text: '' };
        break;
      case 'tool-call':
        block = { ...anthropicFields(lifecycle.vendor), type: 'tool_use', id: lifecycle.id, name: lifecycle.name, input: {} };
        break;
      case 'reasoning':
        block = redactedData === undefined ? { type: 'thinking', thinking: '', signature: '' } : { type: 'redacted_thinking', data: redactedData };
        break;
      default: {
        const unhandled: never = lifecycle.kind;
        throw new Error(`unhandled block kind ${String(unhandled)}`);
      }
    }
    const index = this.nextIndex++;
    lifecycle.wire = { index, type: block.type };
    return frame({ type: 'content_block_start', index, content_block: block });
  }

  /**
   * One delta for the current block. A reasoning block is opened by its first event, as
   * `redacted_thinking` or `thinking`. Signatures and redacted data from other vendors go out
   * in an envelope (core/signature-envelope.ts): the caller sends them back with the block, and
   * the gateway returns them to their vendor rather than to Anthropic, which would refuse them.
   */
  private write(lifecycle: Lifecycle, event: ContentEvent): string {
    if (event.type === 'reasoning-redacted') {
      const data = carrierValue(dialectName, lifecycle.origin, 'redacted', event.data);
      if (lifecycle.wire !== undefined || data === undefined) return '';
      return this.blockStart(lifecycle, data);
    }
    // A signature nobody can verify would open an empty thinking block for nothing.
    if (event.type === 'reasoning-signature' && lifecycle.origin === undefined) return '';
    let out = lifecycle.wire === undefined ? this.blockStart(lifecycle) : '';
    const wire = lifecycle.wire;
    if (wire === undefined) return out;
    const delta = this.deltaPayload(wire.type, lifecycle.origin, event);
    if (delta !== undefined) out += frame({ type: 'content_block_delta', index: wire.index, delta });
    return out;
  }

  private deltaPayload(blockType: BlockType, origin: string | undefined, event: ContentEvent): Record<string, string> | undefined {
    switch (event.type) {
      case 'text-delta':
        return blockType === 'text' ? { type: 'text_delta', text: event.delta } : undefined;
      case 'tool-call-delta':
        return blockType === 'tool_use' ? { type: 'input_json_delta', partial_json: event.delta } : undefined;
      case 'reasoning-delta':
        return blockType === 'thinking' ? { type: 'thinking_delta', thinking: event.delta } : undefined;
      case 'reasoning-signature': {
        const signature = blockType === 'thinking' ? carrierValue(dialectName, origin, 'signature', event.signature) : undefined;
        return signature === undefined ? undefined : { type: 'signature_delta', signature };
      }
      case 'reasoning-redacted':
        return undefined;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled delta ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /**
   * Claude's blocks told on a `vendor-output` event, each a block of its own after whatever came
   * before it (Claude's blocks come one at a time, so nothing of its own is open then).
   */
  private opaqueBlocks(vendor: VendorData): string {
    const listed = opaqueBlocksListed(vendor);
    if (listed.length === 0) return '';
    let out = this.messageStart() + this.blocks.flush(false);
    for (const { block } of listed) out += this.opaqueBlock(block);
    return out;
  }

  private opaqueBlock(block: WireBlock): string {
    const index = this.nextIndex++;
    const { start, inputJson } = streamedOpaqueBlock(block);
    let out = frame({ type: 'content_block_start', index, content_block: start });
    if (inputJson !== undefined) out += frame({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: inputJson } });
    return out + frame({ type: 'content_block_stop', index });
  }

  /** Closes the current block, flushes every queued one in order, then ends the message. */
  private finish(event: Extract<StreamEvent, { type: 'finish' }>): string {
    let out = this.messageStart() + this.blocks.flush(false);
    this.done = true;
    this.usage = mergeUsage(this.usage, event.usage);
    out += frame({
      type: 'message_delta',
      delta: { stop_reason: emitStopReason(event.finishReason, event.stopSequence), stop_sequence: event.stopSequence ?? null },
      usage: emitUsage(this.usage),
    });
    return out + frame({ type: 'message_stop' });
  }
}

export function createStreamEncoder(context: EmitResponseContext): StreamEncoder {
  return new AnthropicStreamEncoder(context);
}
