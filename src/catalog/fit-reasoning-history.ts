import type { ChatRequest } from '../interlingua/request.js';
import type { Message } from '../interlingua/message.js';
import type { Warning } from '../interlingua/warning.js';

/**
 * A model that does not reason is not sent the reasoning of earlier assistant turns. OpenAI's
 * Responses API refuses it: "Reasoning input items can only be provided to a reasoning or computer
 * use model." (a conversation handed from o4-mini to gpt-4.1, https://github.com/openai/openai-agents-python/issues/569;
 * the agents SDK strips it on such a hand-off, https://github.com/openai/openai-agents-python/pull/2602).
 * A Claude Code conversation that thought on gpt-5 and goes on with gpt-4.1 carries such items. The
 * model could make nothing of them, so they are left out for every dialect, and an assistant turn
 * that held nothing else goes with them.
 */
export function withoutReasoningHistory(request: ChatRequest, model: string, warnings: Warning[]): ChatRequest {
  if (!request.messages.some(hasReasoning)) return request;
  warnings.push({
    type: 'compatibility',
    feature: 'reasoning.history',
    message: `${model} does not reason; reasoning from earlier assistant turns was left out.`,
  });
  const messages = request.messages.flatMap((message): Message[] => {
    if (message.role !== 'assistant' || !hasReasoning(message)) return [message];
    const content = message.content.filter((part) => part.type !== 'reasoning');
    return content.length === 0 ? [] : [{ ...message, content }];
  });
  return { ...request, messages };
}

function hasReasoning(message: Message): boolean {
  return message.role === 'assistant' && message.content.some((part) => part.type === 'reasoning');
}
