/**
 * One plain question as each caller dialect writes it over raw HTTP (no SDK between), whole or
 * streamed: for tests that judge the gateway's answers byte for byte (test/support/answer-rules).
 * The Gemini caller asks to see thoughts, which Gemini shows only when asked (includeThoughts).
 */
import type { DialectName } from './harness.js';

export interface RawCallerRequest {
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** One caller dialect's request for a model, whole or streamed, as raw HTTP. */
export function callerRequest(caller: DialectName, model: string, stream: boolean): RawCallerRequest {
  const question = 'What is the weather in Paris?';
  switch (caller) {
    case 'openai-chat':
      return { path: '/v1/chat/completions', headers: { authorization: 'Bearer caller' }, body: { model, messages: [{ role: 'user', content: question }], ...(stream ? { stream, stream_options: { include_usage: true } } : {}) } };
    case 'anthropic':
      return { path: '/v1/messages', headers: { 'x-api-key': 'caller', 'anthropic-version': '2023-06-01' }, body: { model, max_tokens: 1024, messages: [{ role: 'user', content: question }], ...(stream ? { stream } : {}) } };
    case 'gemini':
      return { path: `/v1beta/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`, headers: { 'x-goog-api-key': 'caller' }, body: { contents: [{ role: 'user', parts: [{ text: question }] }], generationConfig: { thinkingConfig: { includeThoughts: true } } } };
    case 'ollama':
      return { path: '/api/chat', headers: {}, body: { model, messages: [{ role: 'user', content: question }], stream } };
    case 'openai-responses':
      return { path: '/v1/responses', headers: { authorization: 'Bearer caller' }, body: { model, input: question, ...(stream ? { stream } : {}) } };
  }
}

