/**
 * Where Claude takes its thinking blocks in the history it is sent, wherever it runs: Anthropic's
 * Messages API refuses each case below with a recorded 400, and Bedrock's Converse hands Claude the
 * same history and relays the same refusals (the Bedrock judge cites them). The two wire formats
 * write a thinking block differently (`{type: "thinking" | "redacted_thinking"}`; `{reasoningContent}`),
 * so each dialect says which blocks are thinking blocks (`ThinkingBlocks`); the placement and the
 * warnings, which name the `platform`, are the same on both.
 */
import type { Warning } from '../interlingua/warning.js';

type Block = Record<string, unknown>;

/** An emitted user or assistant message, as both dialects emit them. */
export interface ClaudeTurn {
  role: 'user' | 'assistant';
  content: Block[];
}

/** How a dialect writes Claude's thinking blocks. */
export interface ThinkingBlocks {
  isThinking(block: Block | undefined): boolean;
  /**
   * A block that belongs to the block before it and goes wherever that one goes: Converse's
   * `cachePoint`, which closes the block before it. None on Anthropic's API, whose `cache_control`
   * sits inside its block.
   */
  belongsToPrevious?(block: Block): boolean;
}

/** A message's content as units: a block with the blocks that belong to it. */
function unitsOf(content: readonly Block[], blocks: ThinkingBlocks): Block[][] {
  const units: Block[][] = [];
  for (const block of content) {
    const last = units.at(-1);
    if (last !== undefined && blocks.belongsToPrevious?.(block) === true) last.push(block);
    else units.push([block]);
  }
  return units;
}

/**
 * Thinking blocks open the assistant message that holds them ("messages.1.content.0: If an
 * assistant message contains any thinking blocks, the first block must be `thinking` or
 * `redacted_thinking`. Found `text`.", recorded in anthropics/claude-code#20692 and #20705). That is
 * the order Claude writes them in; a Responses history (message, reasoning, call) or two assistant
 * turns merged into one can put text first. The blocks move, unchanged and with what belongs to
 * them, to the front. The same array comes back when nothing moved.
 */
export function withThinkingFirst(messages: readonly ClaudeTurn[], blocks: ThinkingBlocks): readonly ClaudeTurn[] {
  let moved = false;
  const placed = messages.map((turn): ClaudeTurn => {
    if (turn.role !== 'assistant' || blocks.isThinking(turn.content[0]) || !turn.content.some((block) => blocks.isThinking(block))) return turn;
    moved = true;
    const units = unitsOf(turn.content, blocks);
    const thinking = units.filter((unit) => blocks.isThinking(unit[0]));
    const rest = units.filter((unit) => !blocks.isThinking(unit[0]));
    return { role: 'assistant', content: [...thinking, ...rest].flat() };
  });
  return moved ? placed : messages;
}

/**
 * With manual thinking on, a final assistant message (a prefill Claude continues) must open with a
 * thinking block: "messages.3.content.0.type: Expected `thinking` or `redacted_thinking`, but found
 * `text`. When `thinking` is enabled, a final `assistant` message must start with a thinking block.
 * … To avoid this requirement, disable `thinking`." (recorded in Aider-AI/aider#3820, a prefill
 * continuing a cut answer of claude-3-7-sonnet).
 */
export function prefillLacksThinking(messages: readonly ClaudeTurn[], blocks: ThinkingBlocks): boolean {
  const last = messages.at(-1);
  return last?.role === 'assistant' && !blocks.isThinking(last.content[0]);
}

/** What is said when thinking gives way to a prefill that lacks it (prefillLacksThinking). */
export function thinkingOffForPrefillWarning(platform: string): Warning {
  return {
    type: 'compatibility',
    feature: 'reasoning.prefill',
    message: `${platform} needs a final assistant message to open with its signed thinking block while thinking is on, and this prefill has none; thinking was turned off for this request.`,
  };
}

/**
 * With thinking off, a final assistant message holds no thinking block: "messages.1.content.0: When
 * thinking is disabled, an `assistant` message in the final position cannot contain `thinking`. To
 * use thinking blocks, enable `thinking` in your request." (recorded in tailcallhq/forgecode#1853,
 * claude-sonnet-4-5). Such blocks of a prefill are left out with what belongs to them, with a
 * warning naming `platform`; a prefill of nothing else goes with them. The same array comes back
 * when nothing was left out.
 */
export function withoutFinalThinking(messages: readonly ClaudeTurn[], blocks: ThinkingBlocks, platform: string, warn: (warning: Warning) => void): readonly ClaudeTurn[] {
  const last = messages.at(-1);
  if (last?.role !== 'assistant' || !last.content.some((block) => blocks.isThinking(block))) return messages;
  warn({
    type: 'unsupported',
    feature: 'reasoning.prefill',
    message: `${platform} takes no thinking block in a final assistant message while thinking is off; the prefill was sent without its thinking.`,
  });
  const content = unitsOf(last.content, blocks)
    .filter((unit) => !blocks.isThinking(unit[0]))
    .flat();
  return content.length === 0 ? messages.slice(0, -1) : [...messages.slice(0, -1), { role: 'assistant', content }];
}
