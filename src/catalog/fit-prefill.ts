import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import type { UserPart } from '../interlingua/content.js';
import { isBlank } from '../core/blank-text.js';

/** The user turn that follows a conversation's last assistant turn for a model that takes no prefill. */
const continueTurn = 'Continue.';

/**
 * Claude 4.6 and later refuse a conversation that ends on an assistant turn (model-rules.ts). Such
 * a history (an OpenAI or Gemini caller's last turn, an interrupted answer, an Anthropic caller's
 * prefill) keeps that turn, and a user turn asking to continue follows it, so the model goes on
 * from it instead of refusing. A turn of tool calls is left as it is: the emitter answers calls
 * nobody answered with error results (dialects/anthropic/tool-pairing.ts), which end the conversation.
 */
export function withoutPrefill(request: ChatRequest, model: string, warnings: Warning[]): ChatRequest {
  // A user turn of blank text says nothing and is left out on the way (core/blank-text.ts): the turn before it ends the conversation.
  const last = request.messages.findLast((message) => message.role !== 'system' && !(message.role === 'user' && saysNothing(message.content)));
  if (last?.role !== 'assistant' || last.content.some((part) => part.type === 'tool-call')) return request;
  warnings.push({
    type: 'compatibility',
    feature: 'prefill',
    message: `${model} takes no assistant prefill: the conversation ended on an assistant turn, so a user turn "${continueTurn}" was added after it.`,
  });
  return { ...request, messages: [...request.messages, { role: 'user', content: [{ type: 'text', text: continueTurn }] }] };
}

/** A user turn with no part but blank text. */
function saysNothing(parts: readonly UserPart[]): boolean {
  return parts.every((part) => part.type === 'text' && isBlank(part.text));
}
