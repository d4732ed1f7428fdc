/**
 * A final assistant message is a prefill Claude continues from, and Anthropic refuses one whose
 * last text ends in whitespace ("messages: final assistant content cannot end with trailing
 * whitespace", https://github.com/tailcallhq/forgecode/issues/1872), which other vendors take. The
 * whitespace is trimmed from the end, with a warning: texts of nothing but whitespace at the end go
 * (a Gemini model turn of parts ["Sure, ", "\n"]), and the text then last is trimmed.
 */
import type { Warning } from '../../interlingua/warning.js';
import type { EmittedConversation } from './request-emit-messages.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { textBlock } from './request-emit-messages.js';
import { openingUserText } from '../../core/opening-user-turn.js';

export function withTrimmedPrefill(conversation: EmittedConversation, warnings: Warning[]): EmittedConversation {
  const last = conversation.messages.at(-1);
  if (last?.role !== 'assistant') return conversation;
  const content = [...last.content];
  let trimmed = false;
  for (let block = content.at(-1); block?.['type'] === 'text' && typeof block['text'] === 'string'; block = content.at(-1)) {
    const text = block['text'].trimEnd();
    if (text === block['text']) break;
    trimmed = true;
    if (text !== '') {
      content[content.length - 1] = { ...block, text };
      break;
    }
    content.pop();
  }
  if (!trimmed) return conversation;
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'prefill.trailing_whitespace',
    message: 'Anthropic does not take a final assistant message ending in whitespace; the trailing whitespace was trimmed.',
  });
  const messages = conversation.messages.slice(0, -1);
  return { ...conversation, messages: content.length === 0 ? messages : [...messages, { role: 'assistant', content }] };
}

/**
 * Beside structured output or tools Claude takes no prefill on any model: "Your API request
 * included an `assistant` message in the final position, which would pre-fill the `assistant`
 * response. When using output format, pre-filling the `assistant` response is not supported."
 * (claude-opus-4-1, which otherwise continues from one: https://github.com/agentjido/req_llm/issues/642),
 * and "… When using tools, pre-filling the `assistant` response is not supported." (Claude Haiku 3.5:
 * https://github.com/vercel/ai/issues/4283; Claude 3.5 Sonnet on Bedrock:
 * https://github.com/langchain-ai/langchain-aws/issues/124). A conversation that ends on the
 * assistant then gets a user turn asking to go on, as for the models that take no prefill at all.
 */
export function withoutPrefillBeside(conversation: EmittedConversation, asked: { format: boolean; tools: boolean }, warnings: Warning[]): EmittedConversation {
  if (!(asked.format || asked.tools) || conversation.messages.at(-1)?.role !== 'assistant') return conversation;
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'prefill',
    message: `Anthropic takes no assistant prefill beside ${asked.format ? 'structured output' : 'tools'}: the conversation ended on an assistant turn, so a user turn "${openingUserText}" was added after it.`,
  });
  return { ...conversation, messages: [...conversation.messages, { role: 'user', content: [textBlock({ type: 'text', text: openingUserText })] }] };
}
