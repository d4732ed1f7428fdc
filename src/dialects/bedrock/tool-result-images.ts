/**
 * An image inside a tool result reaches only some models on Converse: ToolResultContentBlock's
 * `image` "is only supported by Amazon Nova and Anthropic Claude 3 and 4 models"
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolResultContentBlock.html),
 * and Llama 4 Maverick takes it too, as measured in https://github.com/anomalyco/opencode/issues/49443.
 * Others answer "This model doesn't support the image field for user messages. Remove image and try
 * again." (OpenAI's models on Bedrock and Pixtral Large, same report;
 * https://github.com/can1357/oh-my-pi/issues/11681), yet take the same image as a block of the user
 * turn beside the results. For them each image leaves its result for that place, right after the
 * turn's tool results, and a short note stands in the result, with a warning. A model id that
 * names no vendor is sent as it is.
 */
import type { Warning } from '../../interlingua/warning.js';
import type { EmittedConversation, EmittedTurn, WireBlock } from './messages-emit.js';
import { bedrockModelName } from '../../wire/bedrock-model-id.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

/** What a tool result says where its image was. */
export const movedImageNote = '(The image this tool returned follows the tool results.)';

function takesImagesInToolResults(model: string): boolean {
  const name = bedrockModelName(model);
  if (name === undefined || name.vendor === 'anthropic') return true;
  if (name.vendor === 'amazon') return name.model.startsWith('nova');
  return name.vendor === 'meta' && name.model.startsWith('llama4');
}

export function withToolResultImagesBeside(conversation: EmittedConversation, model: string, warnings: Warning[]): EmittedConversation {
  if (takesImagesInToolResults(model) || !conversation.messages.some(hasResultImage)) return conversation;
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'tool_result.image',
    message: `${model} takes no image inside a tool result on Bedrock Converse; each such image was sent in the user turn right after the tool results.`,
  });
  return { ...conversation, messages: conversation.messages.map((turn) => (hasResultImage(turn) ? withImagesMoved(turn) : turn)) };
}

function resultContent(block: WireBlock): WireBlock[] | undefined {
  const result = block['toolResult'] as { content?: WireBlock[] } | undefined;
  return result?.content;
}

function hasResultImage(turn: EmittedTurn): boolean {
  return turn.role === 'user' && turn.content.some((block) => resultContent(block)?.some((item) => item['image'] !== undefined) === true);
}

/** The turn with its results' images after the last result (and the cache point that closes it). */
function withImagesMoved(turn: EmittedTurn): EmittedTurn {
  const images: WireBlock[] = [];
  const content = turn.content.map((block) => {
    const items = resultContent(block);
    if (items === undefined || !items.some((item) => item['image'] !== undefined)) return block;
    const kept = items.map((item) => {
      if (item['image'] === undefined) return item;
      images.push({ image: item['image'] });
      return { text: movedImageNote };
    });
    return { toolResult: { ...(block['toolResult'] as WireBlock), content: kept } };
  });
  let after = content.findLastIndex((block) => block['toolResult'] !== undefined) + 1;
  if (content[after]?.['cachePoint'] !== undefined) after += 1;
  return { ...turn, content: [...content.slice(0, after), ...images, ...content.slice(after)] };
}
