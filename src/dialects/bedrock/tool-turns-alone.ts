/**
 * "With Mistral AI and Meta models, the Converse API embeds your input in a model-specific prompt
 * template" (https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference.html), and
 * for those models a turn of tool results or tool calls holds nothing else: "Conversation blocks
 * and tool result blocks cannot be provided in the same turn." (Llama 4 Maverick,
 * https://github.com/strands-agents/harness-sdk/issues/1223) and "… tool use blocks …"
 * (https://github.com/quarkiverse/quarkus-langchain4j/issues/1983). Other vendors take both in one
 * turn: an OpenAI caller's question after its tool results, an assistant's words before its calls.
 * For these models such a turn is split in two, with a short turn of the other role between them
 * so that the roles still alternate, as Converse requires: the user's tool results, the assistant's
 * "Understood.", the rest of the user's turn; the assistant's words, the user's "Continue.", the
 * assistant's calls (which stay right before their results). Each split is reported.
 */
import { openingUserText } from '../../core/opening-user-turn.js';
import type { Warning } from '../../interlingua/warning.js';
import type { EmittedConversation, EmittedTurn, WireBlock } from './messages-emit.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { bedrockModelName } from '../../wire/bedrock-model-id.js';

/** What the assistant says between a user's tool results and the rest of that user's turn. */
const acknowledgement = 'Understood.';

/** Whether Converse writes this model's input into a prompt template: Meta's and Mistral's models. */
function isTemplated(model: string): boolean {
  const vendor = bedrockModelName(model)?.vendor;
  return vendor === 'meta' || vendor === 'mistral';
}

/** The kind of tool block a turn of this role holds: the assistant's calls, the user's results. */
const toolKind = (turn: EmittedTurn): 'toolUse' | 'toolResult' => (turn.role === 'assistant' ? 'toolUse' : 'toolResult');

export function withToolTurnsAlone(conversation: EmittedConversation, model: string, warnings: Warning[]): EmittedConversation {
  if (!isTemplated(model) || !conversation.messages.some(mixesToolBlocks)) return conversation;
  const messages = conversation.messages.flatMap((turn) => (mixesToolBlocks(turn) ? split(turn) : [turn]));
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'messages.tool_turns',
    message: `${model} takes no other content beside tool calls or results in one turn on Converse; such turns were split in two, with a short turn of the other role between them.`,
  });
  return { ...conversation, messages };
}

function mixesToolBlocks(turn: EmittedTurn): boolean {
  const kind = toolKind(turn);
  return turn.content.some((block) => block[kind] !== undefined) && turn.content.some((block) => block[kind] === undefined && block['cachePoint'] === undefined);
}

/** The turn's tool blocks and the rest, each with the cache points that follow its blocks, in an order that keeps calls right before their results. */
function split(turn: EmittedTurn): EmittedTurn[] {
  const kind = toolKind(turn);
  const tools: WireBlock[] = [];
  const rest: WireBlock[] = [];
  let last: WireBlock[] = rest;
  for (const block of turn.content) {
    if (block['cachePoint'] !== undefined) last.push(block);
    else (last = block[kind] !== undefined ? tools : rest).push(block);
  }
  const restTurn: EmittedTurn = { role: turn.role, content: dropLeadingCachePoints(rest) };
  const toolTurn: EmittedTurn = { role: turn.role, content: tools };
  if (turn.role === 'user') return [toolTurn, { role: 'assistant', content: [{ text: acknowledgement }] }, restTurn];
  return [restTurn, { role: 'user', content: [{ text: openingUserText }] }, toolTurn];
}

/** A cache point needs content before it ("There is nothing available to cache"). */
function dropLeadingCachePoints(blocks: WireBlock[]): WireBlock[] {
  let start = 0;
  while (blocks[start]?.['cachePoint'] !== undefined) start++;
  return blocks.slice(start);
}
