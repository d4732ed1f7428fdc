/**
 * The plain prompt layout used when a conversation must go to a completions upstream and no chat
 * template is configured for it. It is a fallback for any model, not any model's trained format
 * (configure the model's own `chatTemplate` for that):
 *
 *     <system prompt>\n\n
 *     User: <text>\n\n
 *     Assistant: <text>\n\n
 *     …
 *     Assistant:
 *
 * Every system part (the system prompt, and system messages where they occur) is its own
 * paragraph; an assistant's tool call is a line `Call <name>: <arguments JSON>`; a tool result is
 * a turn `Tool (<name>): <text>`. The prompt ends with `Assistant:` so the model writes the
 * answer, and `\nUser:` is added as a stop sequence so it does not go on to write the user's next
 * turn as well.
 */
import type { AssistantPart, FilePart, ImagePart, TextPart } from '../../interlingua/content.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { findToolCallName } from '../../core/tool-history.js';

/** Stop sequence that ends the answer where the layout's next user turn would begin. */
export const plainLayoutStop = '\nUser:';

export function plainPrompt(request: ChatRequest, warnings: Warning[]): string {
  const paragraphs: string[] = [];
  if (request.system.length > 0) paragraphs.push(joinText(request.system));
  let toolHistory = false;
  let droppedReasoning = false;
  for (const message of request.messages) {
    switch (message.role) {
      case 'system':
        paragraphs.push(joinText(message.content));
        break;
      case 'user':
        paragraphs.push(`User: ${joinText(textOnly(message.content, warnings))}`);
        break;
      case 'assistant': {
        const { text, hasCalls, hasReasoning } = assistantText(message.content);
        toolHistory ||= hasCalls;
        droppedReasoning ||= hasReasoning;
        paragraphs.push(`Assistant: ${text}`);
        break;
      }
      case 'tool':
        toolHistory = true;
        for (const part of message.content) {
          const name = part.toolName ?? findToolCallName(request.messages, part.toolCallId) ?? part.toolCallId;
          paragraphs.push(`Tool (${name}): ${joinText(textOnly(part.content, warnings))}`);
        }
        break;
      default: {
        const unhandled: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unhandled)}`);
      }
    }
  }
  if (toolHistory) {
    warnings.push({
      type: 'compatibility',
      feature: 'tool_history',
      message: 'Tool calls and results in the conversation were written into the prompt as plain text lines.',
    });
  }
  if (droppedReasoning) {
    warnings.push({
      type: 'unsupported',
      feature: 'reasoning_history',
      message: 'Reasoning in the assistant history has no place in a text prompt and was left out.',
    });
  }
  paragraphs.push('Assistant:');
  return paragraphs.join('\n\n');
}

function assistantText(parts: readonly AssistantPart[]): { text: string; hasCalls: boolean; hasReasoning: boolean } {
  const lines: string[] = [];
  let hasCalls = false;
  let hasReasoning = false;
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        lines.push(part.text);
        break;
      case 'tool-call':
        hasCalls = true;
        lines.push(`Call ${part.name}: ${part.arguments === '' ? '{}' : part.arguments}`);
        break;
      case 'reasoning':
        hasReasoning ||= part.text !== '' || part.redactedData !== undefined;
        break;
      default: {
        const unhandled: never = part;
        throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
      }
    }
  }
  return { text: lines.join('\n'), hasCalls, hasReasoning };
}

function textOnly(parts: ReadonlyArray<TextPart | ImagePart | FilePart>, warnings: Warning[]): TextPart[] {
  const texts: TextPart[] = [];
  for (const part of parts) {
    if (part.type === 'text') texts.push(part);
    else if (part.type === 'image') warnings.push({ type: 'unsupported', feature: 'image', message: 'A text prompt cannot carry images; an image was left out.' });
    else warnings.push({ type: 'unsupported', feature: 'file', message: 'A text prompt cannot carry files; a file was left out.' });
  }
  return texts;
}

function joinText(parts: readonly TextPart[]): string {
  return parts.map((part) => part.text).join('\n');
}
