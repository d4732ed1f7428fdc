/**
 * A tool result's `status` reaches only some models on Converse: it "is only supported by Amazon
 * Nova and Anthropic Claude 3 and 4 models"
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolResultBlock.html).
 * Others may refuse the whole request: "This model doesn't support the status field. Remove status
 * and try again." (Writer Palmyra X5: https://github.com/strands-agents/harness-sdk/issues/393,
 * fixed by leaving the field out for other models in strands-agents/sdk-python#686). For them the
 * field is left out; a result that was an error says so in its text instead, with a warning, so
 * the model still learns the call failed. A model id that names no vendor is sent as it is.
 */
import type { Warning } from '../../interlingua/warning.js';
import type { EmittedConversation, EmittedTurn, WireBlock } from './messages-emit.js';
import { bedrockModelName } from '../../wire/bedrock-model-id.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

/** What an error result's text begins with where its status cannot go. */
export const failedResultNote = '(The tool call failed.)';

function takesToolResultStatus(model: string): boolean {
  const name = bedrockModelName(model);
  if (name === undefined || name.vendor === 'anthropic') return true;
  return name.vendor === 'amazon' && name.model.startsWith('nova');
}

export function withToolResultStatusFitted(conversation: EmittedConversation, model: string, warnings: Warning[]): EmittedConversation {
  if (takesToolResultStatus(model) || !conversation.messages.some(hasResultStatus)) return conversation;
  if (conversation.messages.some((turn) => turn.content.some((block) => resultOf(block)?.['status'] === 'error'))) {
    addWarningPerFeature(warnings, {
      type: 'compatibility',
      feature: 'tool_result.is_error',
      message: `${model} takes no tool result status on Bedrock Converse; a failed result says "${failedResultNote}" at the start of its content instead.`,
    });
  }
  return { ...conversation, messages: conversation.messages.map((turn) => (hasResultStatus(turn) ? withoutStatus(turn) : turn)) };
}

function resultOf(block: WireBlock): WireBlock | undefined {
  return block['toolResult'] as WireBlock | undefined;
}

function hasResultStatus(turn: EmittedTurn): boolean {
  return turn.role === 'user' && turn.content.some((block) => resultOf(block)?.['status'] !== undefined);
}

function withoutStatus(turn: EmittedTurn): EmittedTurn {
  const content = turn.content.map((block) => {
    const result = resultOf(block);
    if (result?.['status'] === undefined) return block;
    const { status, ...rest } = result;
    const items = (rest['content'] as WireBlock[] | undefined) ?? [];
    return { toolResult: status === 'error' ? { ...rest, content: [{ text: failedResultNote }, ...items] } : rest };
  });
  return { ...turn, content };
}
