/**
 * Interlingua stream events → ConverseStream events, for callers of Bedrock's API. The events
 * are those stream-decode.ts reads (`messageStart`, `contentBlockStart` for tool calls,
 * `contentBlockDelta`, `contentBlockStop`, `messageStop`, `metadata`). Bedrock's framing is binary,
 * so the encoder hands each event over as `StreamFrame`s (`encodeFrames`: `event` is the
 * `:event-type`, `data` the JSON payload, serialized here once), which the serving transport writes
 * as event-stream messages (src/wire/aws-event-stream.ts); `encode` writes the same frames as text lines.
 *
 * Bedrock sends one content block at a time: a block's `contentBlockStop` comes before the next
 * block's first event (recorded: test/fixtures/recorded/bedrock/stream-converse-kimi-k2-text-then-tooluse.data.ndjson),
 * and callers rely on it: AWS Strands Agents keeps one current tool use, replaced at each
 * `contentBlockStart` and finished at `contentBlockStop` (strands src/strands/event_loop/streaming.py
 * `process_stream`), so a second start before the first stop loses the first call. Upstreams such as
 * OpenAI Chat end their parallel tool calls only when the whole answer ends, so the blocks are put
 * on the wire one at a time by the scheduler the Anthropic and Responses encoders share
 * (src/core/sequential-blocks.ts): a block that starts while another is on the wire waits, its
 * deltas buffered, until that one stops. Text and reasoning have no `contentBlockStart` on
 * Bedrock; such a block takes its index with its first delta, so one that never writes a delta
 * leaves no trace, and an open text block closes when another block starts.
 *
 * A cited passage (citations.ts) is one text block with a `citation` delta per citation
 * (`ContentBlockDelta.citation`, a `CitationsDelta` of `title`, `sourceContent`, `location`:
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlockDelta.html,
 * API_runtime_CitationsDelta.html). Bedrock sends them before the passage's text (recorded:
 * vercel/ai packages/amazon-bedrock/src/__fixtures__/bedrock-document-citations.chunks.txt), but
 * the interlingua learns them with the block's `text-end`, so they go out just before its
 * `contentBlockStop`, still within the block they cite.
 *
 * `messageStop` and `metadata` go out at `finish`, with what a Bedrock upstream's stream told in
 * them (`vendor.bedrock`, stream-decode.ts): `additionalModelResponseFields`, metadata's `trace`,
 * `performanceConfig` and `serviceTier` (vendor-data.ts `answerPassThroughFields`), and `metrics`, which
 * Bedrock requires and which is `{latencyMs: 0}` when no Bedrock upstream measured it, as a whole
 * answer writes it (response-emit.ts).
 */
import type { EmitResponseContext, StreamEncoder, StreamFrame } from '../../interlingua/dialect.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { carrierValue } from '../../core/signature-envelope.js';
import { SequentialBlocks, type BlockContentEvent, type BlockLifecycle } from '../../core/sequential-blocks.js';
import { streamExceptionFrame } from '../bedrock-family/errors.js';
import { converseStreamExceptions } from '../bedrock-family/stream-exceptions.js';
import { emitStopReason } from './finish-reason.js';
import { emitUsage } from './usage.js';
import { bedrockFields, copyAnswerPassThrough, dialectName } from './vendor-data.js';
import { streamFrameLines } from '../../wire/aws-event-stream.js';

interface Lifecycle extends BlockLifecycle {
  /** Its `contentBlockIndex` while on the wire: a tool call's from its start, text's and reasoning's from their first delta. */
  index?: number;
}

function frame(event: string, payload: unknown): StreamFrame {
  return { event, data: JSON.stringify(payload) };
}

class ConverseStreamEncoder implements StreamEncoder {
  /**
   * The scheduler's writer returns wire text, as the SSE encoders write it; this one collects frames
   * in `frames` instead (returning no text), taken by `encodeFrames` after each event.
   */
  private readonly blocks = new SequentialBlocks<Lifecycle>({
    begin: (lifecycle) => {
      if (lifecycle.kind === 'tool-call') {
        const index = this.open(lifecycle);
        this.frames.push(frame('contentBlockStart', { contentBlockIndex: index, start: { toolUse: { toolUseId: lifecycle.id, name: lifecycle.name } } }));
      }
      return '';
    },
    write: (lifecycle, event) => {
      const delta = this.deltaPayload(lifecycle, event);
      if (delta !== undefined) this.frames.push(frame('contentBlockDelta', { contentBlockIndex: lifecycle.index ?? this.open(lifecycle), delta }));
      return '';
    },
    close: (lifecycle) => {
      const citations = lifecycle.ended ? this.endCitations.get(lifecycle.id) : undefined;
      if (citations !== undefined) {
        this.endCitations.delete(lifecycle.id);
        const index = lifecycle.index ?? this.open(lifecycle);
        for (const citation of citations) this.frames.push(frame('contentBlockDelta', { contentBlockIndex: index, delta: { citation } }));
      }
      if (lifecycle.index !== undefined) this.frames.push(frame('contentBlockStop', { contentBlockIndex: lifecycle.index }));
      lifecycle.index = undefined;
      return '';
    },
  }, dialectName);
  private frames: StreamFrame[] = [];
  /** Converse's citations of a text block whose `text-end` came, written as it leaves the wire. */
  private readonly endCitations = new Map<string, unknown[]>();
  private nextIndex = 0;
  private started = false;

  encode(event: StreamEvent): string {
    return streamFrameLines(this.encodeFrames(event));
  }

  encodeFrames(event: StreamEvent): StreamFrame[] {
    switch (event.type) {
      case 'response-start':
        this.start();
        break;
      case 'text-start':
      case 'reasoning-start':
      case 'tool-call-start':
      case 'text-delta':
      case 'reasoning-delta':
      case 'reasoning-signature':
      case 'reasoning-redacted':
      case 'tool-call-delta':
      case 'reasoning-end':
      case 'tool-call-end':
        this.start();
        this.blocks.accept(event);
        break;
      case 'text-end': {
        const citations = bedrockFields(event.vendor)['citations'];
        if (Array.isArray(citations) && citations.length > 0) this.endCitations.set(event.id, citations);
        this.start();
        this.blocks.accept(event);
        break;
      }
      case 'usage':
      case 'vendor-output':
        break;
      case 'finish':
        this.start();
        // Blocks still open or waiting (OpenAI's tool calls end only here) go out in turn first.
        this.blocks.flush(false);
        this.finish(event);
        break;
      case 'error':
        this.frames.push(streamExceptionFrame(event.error, dialectName, converseStreamExceptions));
        break;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled stream event ${JSON.stringify(unhandled)}`);
      }
    }
    const frames = this.frames;
    this.frames = [];
    return frames;
  }

  private finish(event: Extract<StreamEvent, { type: 'finish' }>): void {
    const vendor = bedrockFields(event.vendor);
    const stop: Record<string, unknown> = { stopReason: emitStopReason(event.finishReason, event.stopSequence) };
    if (vendor['additionalModelResponseFields'] !== undefined) stop['additionalModelResponseFields'] = vendor['additionalModelResponseFields'];
    const metadata: Record<string, unknown> = { usage: emitUsage(event.usage), metrics: vendor['metrics'] ?? { latencyMs: 0 } };
    copyAnswerPassThrough(vendor, metadata);
    this.frames.push(frame('messageStop', stop), frame('metadata', metadata));
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.frames.push(frame('messageStart', { role: 'assistant' }));
  }

  private open(lifecycle: Lifecycle): number {
    lifecycle.index = this.nextIndex++;
    return lifecycle.index;
  }

  /**
   * The delta for one content event, or none. Bedrock's signature and redacted data go out as they
   * are, another vendor's in an envelope (response-emit.ts), none where nobody can verify them.
   */
  private deltaPayload(lifecycle: Lifecycle, event: BlockContentEvent): Record<string, unknown> | undefined {
    switch (event.type) {
      case 'text-delta':
        return { text: event.delta };
      case 'reasoning-delta':
        return { reasoningContent: { text: event.delta } };
      case 'reasoning-signature': {
        const signature = carrierValue(dialectName, lifecycle.origin, 'signature', event.signature);
        return signature === undefined ? undefined : { reasoningContent: { signature } };
      }
      case 'reasoning-redacted': {
        const data = carrierValue(dialectName, lifecycle.origin, 'redacted', event.data);
        return data === undefined ? undefined : { reasoningContent: { redactedContent: data } };
      }
      case 'tool-call-delta':
        return { toolUse: { input: event.delta } };
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled delta ${JSON.stringify(unhandled)}`);
      }
    }
  }
}

export function createStreamEncoder(_context: EmitResponseContext): StreamEncoder {
  return new ConverseStreamEncoder();
}
