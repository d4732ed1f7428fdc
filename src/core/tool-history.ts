import type { Message } from '../interlingua/message.js';

/**
 * The name of the tool call with this id, found in the conversation so far. Gemini's
 * `functionResponse` must carry the function's name, which OpenAI and Anthropic tool results
 * omit; it is always recoverable from the assistant turn that made the call.
 */
export function findToolCallName(messages: readonly Message[], toolCallId: string): string | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message?.role !== 'assistant') continue;
    for (const part of message.content) {
      if (part.type === 'tool-call' && part.id === toolCallId) return part.name;
    }
  }
  return undefined;
}
