/**
 * Some models take no system prompt on Converse: "This model doesn't support system messages. Try
 * again without a system message or use a model that supports system messages." (Mistral 7B
 * Instruct and Mixtral 8x7B Instruct: https://github.com/567-labs/instructor/issues/1753; Titan Text
 * Express and Premier: https://github.com/Mintplex-Labs/anything-llm/issues/2486,
 * https://github.com/danny-avila/LibreChat/issues/6456), as Bedrock's feature table says of the
 * Titan models (https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html:
 * "Amazon Titan models | Yes | Yes | No", system prompts being the third column). For them the
 * instructions open the first user turn instead, with a warning; a cache point among them goes,
 * as these models cache nothing, and so does blank text, which a message may not hold.
 */
import type { Warning } from '../../interlingua/warning.js';
import type { EmittedConversation } from './messages-emit.js';
import { bedrockModelName } from '../../wire/bedrock-model-id.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

function takesSystemPrompt(model: string): boolean {
  const name = bedrockModelName(model);
  if (name?.vendor === 'amazon') return !name.model.startsWith('titan-t');
  if (name?.vendor === 'mistral') return !name.model.startsWith('mistral-7b') && !name.model.startsWith('mixtral-8x7b');
  return true;
}

/** The conversation opens with a user turn already (conversation-start.ts). */
export function withSystemPromptInUserTurn(conversation: EmittedConversation, model: string, warnings: Warning[]): EmittedConversation {
  const [first, ...rest] = conversation.messages;
  if (conversation.system.length === 0 || first?.role !== 'user' || takesSystemPrompt(model)) return conversation;
  // Blank text is refused in a message ("The text field in the ContentBlock object … is blank"), as the
  // system prompt took it: such instructions say nothing, and are left out.
  const instructions = conversation.system.filter((block) => typeof block['text'] === 'string' && block['text'].trim() !== '');
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'system',
    message: `${model} takes no system prompt on Bedrock Converse; the system instructions open the first user turn instead.`,
  });
  return { system: [], messages: [{ role: 'user', content: [...instructions, ...first.content] }, ...rest] };
}
