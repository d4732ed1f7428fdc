import assert from 'node:assert/strict';
import { request as undiciRequest } from 'undici';
import type { DialectName, Harness } from './harness.js';

/** One route per caller dialect, with the smallest body that route accepts. */
export const chatRoutes: Record<DialectName, { path: string; body: (model: string) => Record<string, unknown> }> = {
  'openai-chat': { path: '/v1/chat/completions', body: (model) => ({ model, messages: [{ role: 'user', content: 'hi' }] }) },
  anthropic: { path: '/v1/messages', body: (model) => ({ model, max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] }) },
  gemini: { path: '/v1beta/models/via-openai-chat:generateContent', body: () => ({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }) },
  ollama: { path: '/api/chat', body: (model) => ({ model, stream: false, messages: [{ role: 'user', content: 'hi' }] }) },
  'openai-responses': { path: '/v1/responses', body: (model) => ({ model, input: 'hi' }) },
};

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown>;
}

/** A POST with a raw body, for what an SDK would refuse to send. */
export async function postRaw(harness: Harness, path: string, body: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const response = await undiciRequest(`${harness.gatewayUrl}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const text = await response.body.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // left empty: the shape assertions then fail with the text
  }
  return { status: response.statusCode, headers: response.headers, text, json };
}

/**
 * Asserts a 400 in the dialect's own error shape (the one its SDK reads) and returns its message:
 * OpenAI `{error:{message,type}}`, Anthropic `{type:"error",error:{type,message}}`,
 * Gemini `{error:{code,message,status}}`, Ollama `{error:"…"}`.
 */
export function badRequestMessage(dialect: DialectName, answer: RawAnswer): string {
  assert.equal(answer.status, 400, answer.text);
  const error = answer.json['error'] as Record<string, unknown> | string | undefined;
  switch (dialect) {
    case 'openai-chat':
    case 'openai-responses':
      assert.equal((error as Record<string, unknown>)['type'], 'invalid_request_error', answer.text);
      return String((error as Record<string, unknown>)['message']);
    case 'anthropic':
      assert.equal(answer.json['type'], 'error', answer.text);
      assert.equal((error as Record<string, unknown>)['type'], 'invalid_request_error', answer.text);
      return String((error as Record<string, unknown>)['message']);
    case 'gemini':
      assert.equal((error as Record<string, unknown>)['status'], 'INVALID_ARGUMENT', answer.text);
      assert.equal((error as Record<string, unknown>)['code'], 400, answer.text);
      return String((error as Record<string, unknown>)['message']);
    case 'ollama':
      assert.equal(typeof error, 'string', answer.text);
      return error as string;
  }
}

/** How many requests all the harness's upstreams received. */
export function upstreamRequestCount(harness: Harness): number {
  return Object.values(harness.upstreams).reduce((total, upstream) => total + upstream.requests.length, 0);
}
