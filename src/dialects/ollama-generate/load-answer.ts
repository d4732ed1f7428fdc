/**
 * `/api/generate` without a `prompt` (or with an empty one) loads the model, and unloads it with
 * `keep_alive: 0`: answered as Ollama answers it (docs/api.md "Load a model" / "Unload a model":
 * `response: ""`, `done: true`; server/routes.go `GenerateHandler` adds `done_reason` `load` or
 * `unload`), without running a model (../ollama-family/model-load.ts). Ollama looks at the prompt
 * alone: images or a system prompt without one still only load the model.
 */
import type { ChatRequest } from '../../interlingua/request.js';
import { loadAnswerEnvelope, modelLoadReason } from '../ollama-family/model-load.js';

export function generateLoadAnswer(request: ChatRequest): unknown {
  // The prompt is the first part of the one user message (request-parse.ts), '' when absent.
  const prompt = request.messages[0]?.content[0];
  const reason = modelLoadReason(request, prompt?.type === 'text' && prompt.text === '');
  if (reason === undefined) return undefined;
  return { ...loadAnswerEnvelope(request), response: '', done: true, done_reason: reason };
}
