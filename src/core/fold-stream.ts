import type { AssistantPart, ReasoningPart, TextPart, ToolCallPart } from '../interlingua/content.js';
import type { ChatResponse } from '../interlingua/response.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import type { Usage } from '../interlingua/usage.js';
import { InterlinguaError } from '../interlingua/error.js';

/**
 * Later usage values replace earlier ones field by field (Anthropic splits usage over two events).
 * The vendor's `raw` object belongs to the counts it came with: an update with counts of the
 * gateway's own making and no raw (a plugin loop's or a tool repair's calls summed, core/added-usage.ts)
 * drops the earlier raw, which no longer describes them and which a same-dialect emitter writes
 * back (Gemini's whole `usageMetadata`, Anthropic's `cache_creation`).
 */
export function mergeUsage(base: Usage, update: Usage): Usage {
  const merged: Usage = { ...base };
  let counted = false;
  for (const key of Object.keys(update) as Array<keyof Usage>) {
    const value = update[key];
    if (value === undefined) continue;
    (merged as Record<string, unknown>)[key] = value;
    if (key !== 'raw') counted = true;
  }
  if (counted && update.raw === undefined) delete merged.raw;
  return merged;
}

/**
 * Folds a stream into the response it stands for, keeping block order by first appearance.
 * Used to check that a folded stream equals its non-streamed twin, and wherever a stream
 * must be answered as one body.
 */
export class StreamFolder {
  private readonly parts: AssistantPart[] = [];
  private readonly open = new Map<string, AssistantPart>();
  private response: Omit<ChatResponse, 'content'> = {
    id: '',
    model: '',
    finishReason: { unified: 'other' },
    usage: {},
  };
  private finished = false;

  push(event: StreamEvent): void {
    switch (event.type) {
      case 'response-start':
        this.response.id = event.id;
        this.response.model = event.model;
        if (event.created !== undefined) this.response.created = event.created;
        if (event.usage) this.response.usage = mergeUsage(this.response.usage, event.usage);
        return;
      case 'text-start': {
        const part: TextPart = { type: 'text', text: '' };
        if (event.vendor !== undefined) part.vendor = event.vendor;
        this.openPart(event.id, part);
        return;
      }
      case 'text-delta': {
        const part = this.partFor(event.id, 'text') as TextPart;
        part.text += event.delta;
        // The part's tokens are its deltas' tokens, in order.
        // Appended in place: copying the list at each delta made a long stream's fold quadratic.
        if (event.logprobs !== undefined) for (const entry of event.logprobs) (part.logprobs ??= []).push(entry);
        return;
      }
      case 'reasoning-start': {
        const part: ReasoningPart = { type: 'reasoning', text: '' };
        if (event.signatureOrigin !== undefined) part.signatureOrigin = event.signatureOrigin;
        this.openPart(event.id, part);
        return;
      }
      case 'reasoning-delta':
        (this.partFor(event.id, 'reasoning') as ReasoningPart).text += event.delta;
        return;
      case 'reasoning-signature':
        (this.partFor(event.id, 'reasoning') as ReasoningPart).signature = event.signature;
        return;
      case 'reasoning-redacted':
        (this.partFor(event.id, 'reasoning') as ReasoningPart).redactedData = event.data;
        return;
      case 'tool-call-start': {
        const part: ToolCallPart = { type: 'tool-call', id: event.id, name: event.name, arguments: '' };
        if (event.vendor !== undefined) part.vendor = event.vendor;
        this.openPart(event.id, part);
        return;
      }
      case 'tool-call-delta':
        (this.partFor(event.id, 'tool-call') as ToolCallPart).arguments += event.delta;
        return;
      case 'text-end': {
        const part = this.open.get(event.id);
        if (event.citations !== undefined && part?.type === 'text') part.citations = [...(part.citations ?? []), ...event.citations];
        if (event.vendor !== undefined && part?.type === 'text') part.vendor = { ...part.vendor, ...event.vendor };
        this.open.delete(event.id);
        return;
      }
      case 'reasoning-end':
      case 'tool-call-end':
        this.open.delete(event.id);
        return;
      case 'usage':
        this.response.usage = mergeUsage(this.response.usage, event.usage);
        return;
      case 'vendor-output':
        // `finish` lists the same output again, for the whole answer.
        return;
      case 'finish':
        this.response.finishReason = event.finishReason;
        this.response.usage = mergeUsage(this.response.usage, event.usage);
        if (event.stopSequence !== undefined) this.response.stopSequence = event.stopSequence;
        if (event.vendor !== undefined) this.response.vendor = { ...this.response.vendor, ...event.vendor };
        this.finished = true;
        return;
      case 'error':
        throw event.error;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled stream event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /** The folded response; throws if the stream never finished. */
  result(): ChatResponse {
    if (!this.finished) throw new InterlinguaError('stream_interrupted', 'The stream ended before it finished.');
    return { ...this.response, content: this.parts };
  }

  private openPart(id: string, part: AssistantPart): void {
    this.parts.push(part);
    this.open.set(id, part);
  }

  private partFor(id: string, type: AssistantPart['type']): AssistantPart {
    const part = this.open.get(id);
    if (part === undefined || part.type !== type) {
      throw new InterlinguaError('upstream_error', `Stream event for ${type} block "${id}" that is not open.`);
    }
    return part;
  }
}

export function foldStream(events: Iterable<StreamEvent>): ChatResponse {
  const folder = new StreamFolder();
  for (const event of events) folder.push(event);
  return folder.result();
}
