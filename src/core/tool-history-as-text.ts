import type { AssistantPart } from '../interlingua/content.js';
import type { Message } from '../interlingua/message.js';
import type { Warning } from '../interlingua/warning.js';
import { toolCallText } from './tool-call-text.js';
import { resultAsUserMessage } from './tool-result-pairing.js';

/**
 * A history with tool calls and results, for an upstream that takes them only beside tool
 * declarations, in a request that declares none: Bedrock Converse refuses it ("The toolConfig
 * field must be defined when using toolUse and toolResult content blocks.",
 * https://github.com/vxcontrol/pentagi/pull/196; Anthropic's own API has taken such requests
 * since 2025-02-27, https://github.com/anthropics/anthropic-sdk-python/issues/849). Agents send exactly that for a final answer
 * after their tool rounds, the tools left out so that the model answers in words
 * (https://github.com/timothy-agent/timothy/pull/282). Declaring stand-in tools would let the
 * model call again; instead each call is written into its turn as the JSON object
 * `{"name": …, "arguments": …}` and each result as the user telling it, so the model still
 * reads what happened.
 */
export function withToolHistoryAsText(messages: readonly Message[], target: string, warnings: Warning[]): readonly Message[] {
  if (!messages.some(holdsToolParts)) return messages;
  warnings.push({
    type: 'compatibility',
    feature: 'tool_history',
    message: `${target} takes tool calls and results in the history only beside tool declarations, and this request declares none; they were sent as text.`,
  });
  return messages.flatMap((message): Message[] => {
    if (message.role === 'tool') return message.content.map(resultAsUserMessage);
    if (message.role !== 'assistant' || !message.content.some((part) => part.type === 'tool-call')) return [message];
    let textBefore = false;
    const content = message.content.map((part): AssistantPart => {
      if (part.type !== 'tool-call') {
        textBefore ||= part.type === 'text';
        return part;
      }
      const text = toolCallText(part.name, part.arguments, textBefore);
      textBefore = true;
      return { type: 'text', text };
    });
    return [{ ...message, content }];
  });
}

function holdsToolParts(message: Message): boolean {
  return message.role === 'tool' || (message.role === 'assistant' && message.content.some((part) => part.type === 'tool-call'));
}
