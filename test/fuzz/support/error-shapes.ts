import type { ErrorShape } from './fuzz-routes.js';

/**
 * Whether an error body has the shape its caller's SDK parses (README, "Errors"): OpenAI
 * `{"error":{"message","type",…}}`, Anthropic `{"type":"error","error":{"type","message"}}`,
 * Gemini `{"error":{"code","message","status"}}` with `code` equal to the HTTP status, Ollama
 * `{"error":"…"}`. A OneBot webhook answers with its status alone
 * (https://12.onebot.dev/connect/communication/http-webhook/), a console page with text.
 * Returns what is wrong, or undefined.
 */
export function errorShapeProblem(shape: ErrorShape, status: number, text: string): string | undefined {
  if (shape === 'onebot' || shape === 'page') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `the error body is not JSON: ${JSON.stringify(text.slice(0, 200))}`;
  }
  const root = record(body);
  const error = record(root?.error);
  const fine = (() => {
    switch (shape) {
      case 'openai':
        return error !== undefined && typeof error.message === 'string' && typeof error.type === 'string';
      case 'anthropic':
        return root?.type === 'error' && error !== undefined && typeof error.type === 'string' && typeof error.message === 'string';
      case 'gemini':
        return error !== undefined && error.code === status && typeof error.message === 'string' && typeof error.status === 'string';
      case 'ollama':
        return typeof root?.error === 'string';
    }
  })();
  return fine ? undefined : `not a ${shape} error body: ${text.slice(0, 300)}`;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
