/**
 * Whether an answer to an Ollama caller carries the model's thinking (`message.thinking` on
 * `/api/chat`, `thinking` on `/api/generate`). `think: false` asks that the model not think
 * (docs/api.md "think: (for thinking models) should the model think before responding?"), and
 * Ollama's thinking guide names it the way to "hide the trace entirely when you only need the final
 * response" (https://github.com/ollama/ollama/blob/main/docs/capabilities/thinking.mdx). The
 * request already asks the upstream not to reason (`reasoning.enabled: false`); an upstream that
 * reasons anyway (a model that always does) has its thoughts kept from the caller who declined
 * them, as a thinking Ollama model turned off returns none.
 */
import type { ChatRequest } from '../../interlingua/request.js';

export function thinkingShown(request: ChatRequest): boolean {
  return request.reasoning?.enabled !== false && request.reasoning?.includeThoughts !== false;
}
