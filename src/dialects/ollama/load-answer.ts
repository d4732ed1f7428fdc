/**
 * `/api/chat` with empty `messages` loads the model (unloads it with `keep_alive: 0`): answered as
 * Ollama answers it (docs/api.md "Load a model": `message` `{role: "assistant", content: ""}`,
 * `done_reason: "load"`, `done: true`), without running a model (../ollama-family/model-load.ts).
 * Ollama counts a system message as a message, so a request with one is an ordinary chat.
 */
import type { ChatRequest } from '../../interlingua/request.js';
import { loadAnswerEnvelope, modelLoadReason } from '../ollama-family/model-load.js';

export function chatLoadAnswer(request: ChatRequest): unknown {
  const reason = modelLoadReason(request, request.messages.length === 0 && request.system.length === 0);
  if (reason === undefined) return undefined;
  return { ...loadAnswerEnvelope(request), message: { role: 'assistant', content: '' }, done: true, done_reason: reason };
}
