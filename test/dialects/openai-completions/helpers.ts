/**
 * Shared by the openai-completions tests: requests, an SSE replay through the decoder, and
 * completion bodies in the shape of node_modules/openai/resources/completions.d.ts `Completion`.
 */
import type { StreamEvent } from '../../../src/interlingua/stream-event.js';
import type { ChatRequest } from '../../../src/interlingua/request.js';
import type { StreamFrame } from '../../../src/interlingua/dialect.js';
import { openaiCompletionsDialect } from '../../../src/dialects/openai-completions/index.js';
import { SseParser } from '../../../src/wire/sse-parser.js';

/** The only recorded /v1/completions request (MANIFEST: dd-trace-py cassette, POST https://api.openai.com/v1/completions). */
export const legacyCompletionsRequest = 'openai-chat/dd-legacy-completions-stream-401.request.json';
/** Its recorded answer: an HTTP 401 in OpenAI's error shape. */
export const legacyCompletionsError = 'openai-chat/dd-legacy-completions-stream-401.response.json';

export function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'caller-model',
    system: [],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    sampling: {},
    stream: false,
    ...overrides,
  };
}

export const emitOptions = { model: 'upstream-model', defaultMaxOutputTokens: 1024 };

export function sseFrames(text: string): StreamFrame[] {
  const parser = new SseParser();
  return [...parser.push(text), ...parser.end()];
}

/** Every frame through a fresh decoder, then `end()`. */
export function decodeFrames(frames: readonly StreamFrame[]): StreamEvent[] {
  const decoder = openaiCompletionsDialect.createStreamDecoder();
  return [...frames.flatMap((frame) => decoder.push(frame)), ...decoder.end()];
}

/** A completion body with every field the SDK's `Completion` type names. */
export function completionBody(text: string, finishReason: 'stop' | 'length' = 'stop'): Record<string, unknown> {
  return {
    id: 'cmpl-8Zz1',
    object: 'text_completion',
    created: 1_700_000_000,
    model: 'gpt-3.5-turbo-instruct',
    system_fingerprint: 'fp_0123',
    choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }],
    usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
  };
}
