/** Helpers shared by the Anthropic dialect tests. */
import Anthropic from '@anthropic-ai/sdk';
import type { Message as SdkMessage } from '@anthropic-ai/sdk/resources/messages/messages';
import type { EmitResponseContext, StreamFrame } from '../../../src/interlingua/dialect.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import { SseParser } from '../../../src/wire/sse-parser.js';
import { anthropicDialect } from '../../../src/dialects/anthropic/index.js';

export const emptyRequest: ChatRequest = { model: 'claude-test', system: [], messages: [], sampling: {}, stream: true };

export function responseContext(requestedModel = 'claude-test'): EmitResponseContext {
  return { requestedModel, request: emptyRequest };
}

export function sseFrames(text: string): StreamFrame[] {
  const parser = new SseParser();
  return [...parser.push(text), ...parser.end()];
}

export function decodeFrames(frames: readonly StreamFrame[]): StreamEvent[] {
  const decoder = anthropicDialect.createStreamDecoder();
  return [...frames.flatMap((frame) => decoder.push(frame)), ...decoder.end()];
}

export function encodeEvents(events: readonly StreamEvent[], context = responseContext()): string {
  const encoder = anthropicDialect.createStreamEncoder(context);
  return events.map((event) => encoder.encode(event)).join('');
}

/** `.data.ndjson` frames back into SSE text, each with its event name. */
export function framesToSse(frames: readonly StreamFrame[]): string {
  return frames.map((frame) => (frame.event === undefined ? `data: ${frame.data}\n\n` : `event: ${frame.event}\ndata: ${frame.data}\n\n`)).join('');
}

/** The official SDK as a client: its `fetch` answers with `respond()` instead of the network. */
export function sdkClient(respond: () => Response): Anthropic {
  return new Anthropic({ apiKey: 'test-key', maxRetries: 0, fetch: async () => respond() });
}

/** What the official SDK's MessageStream makes of an SSE body: the reference for stream tests. */
export async function sdkFinalMessage(sseText: string): Promise<SdkMessage> {
  const client = sdkClient(() => new Response(sseText, { headers: { 'content-type': 'text/event-stream' } }));
  return client.messages.stream({ model: 'claude-test', max_tokens: 16, messages: [{ role: 'user', content: 'x' }] }).finalMessage();
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

function textBlocks(content: Json): Json {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/**
 * An Anthropic request body in one canonical form, so bodies that mean the same compare equal:
 * string content → one text block, string system → one text block, `stream: false` → absent,
 * a tool result's string content → one text block. Nothing is dropped, so a lost field still fails.
 */
export function canonicalRequest(body: unknown): Json {
  const json = toJson(body);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return json;
  const canonical: { [key: string]: Json } = { ...json };
  if (canonical['stream'] === false) delete canonical['stream'];
  const system = canonical['system'];
  if (system === '' || system === undefined) delete canonical['system'];
  else canonical['system'] = textBlocks(system);
  const messages = canonical['messages'];
  if (Array.isArray(messages)) {
    canonical['messages'] = messages.map((message) => {
      if (message === null || typeof message !== 'object' || Array.isArray(message)) return message;
      const content = textBlocks(message['content'] ?? null);
      return {
        ...message,
        content: Array.isArray(content)
          ? content.map((block) => {
              if (block === null || typeof block !== 'object' || Array.isArray(block) || block['type'] !== 'tool_result') return block;
              return { ...block, content: textBlocks(block['content'] ?? []) };
            })
          : content,
      };
    });
  }
  return canonical;
}

const deltaForBlock: Record<string, string[]> = {
  text: ['text_delta', 'citations_delta'],
  tool_use: ['input_json_delta'],
  // A server tool call's input streams as a tool call's does; its results start whole and take no delta
  // (https://docs.claude.com/en/docs/build-with-claude/streaming, "Full HTTP Stream response", web search).
  server_tool_use: ['input_json_delta'],
  thinking: ['thinking_delta', 'signature_delta'],
  redacted_thinking: [],
};

/**
 * Checks an encoded stream against what the Messages streaming protocol and the SDK's
 * MessageStream require: every frame named after its `type`; `message_start` first; blocks
 * strictly one at a time with consecutive indices from 0; deltas only for the open block and of
 * its kind; `message_delta` then `message_stop` last (or an `error` event ends it).
 */
export function assertValidAnthropicStream(text: string): void {
  const frames = sseFrames(text);
  let open: { index: number; type: string } | undefined;
  let nextIndex = 0;
  let state: 'before' | 'content' | 'delta' | 'stopped' = 'before';
  for (const [position, frame] of frames.entries()) {
    const data = JSON.parse(frame.data) as Record<string, unknown> & { type: string };
    if (frame.event !== data.type) throw new Error(`frame ${position}: event "${frame.event}" but type "${data.type}"`);
    if (state === 'stopped') throw new Error(`frame ${position}: ${data.type} after the end`);
    if (data.type === 'ping') continue;
    if (data.type === 'error') {
      state = 'stopped';
      continue;
    }
    if (state === 'before' && data.type !== 'message_start') throw new Error(`frame ${position}: ${data.type} before message_start`);
    switch (data.type) {
      case 'message_start':
        if (state !== 'before') throw new Error(`frame ${position}: second message_start`);
        state = 'content';
        continue;
      case 'content_block_start': {
        const block = data['content_block'] as { type: string };
        if (state !== 'content' || open !== undefined) throw new Error(`frame ${position}: block starts while ${open?.index} is open`);
        if (data['index'] !== nextIndex) throw new Error(`frame ${position}: index ${String(data['index'])}, expected ${nextIndex}`);
        open = { index: nextIndex++, type: block.type };
        continue;
      }
      case 'content_block_delta': {
        const delta = data['delta'] as { type: string };
        if (open === undefined || data['index'] !== open.index) throw new Error(`frame ${position}: delta for block ${String(data['index'])} which is not open`);
        if (!(deltaForBlock[open.type] ?? []).includes(delta.type)) throw new Error(`frame ${position}: ${delta.type} in a ${open.type} block`);
        continue;
      }
      case 'content_block_stop':
        if (open === undefined || data['index'] !== open.index) throw new Error(`frame ${position}: stop for block ${String(data['index'])} which is not open`);
        open = undefined;
        continue;
      case 'message_delta':
        if (state !== 'content' || open !== undefined) throw new Error(`frame ${position}: message_delta with a block open`);
        state = 'delta';
        continue;
      case 'message_stop':
        if (state !== 'delta') throw new Error(`frame ${position}: message_stop before message_delta`);
        state = 'stopped';
        continue;
      default:
        throw new Error(`frame ${position}: unknown event ${data.type}`);
    }
  }
  if (state !== 'stopped') throw new Error(`stream does not end (state ${state})`);
}
