/**
 * Anthropic Messages with extended thinking (https://docs.claude.com/en/docs/build-with-claude/extended-thinking):
 * the budget, the sampling settings and tool choices thinking allows, and the signed thinking
 * block a tool turn must open with.
 */
import { isRecord, type VendorRule } from '../rule.js';
import { blockType, firstOf, onBody, thinkingEnabled, turnsOf, type Block, type Turn } from './body.js';

const thinkingDocs = 'https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#important-considerations-when-using-extended-thinking';
/** The interleaved-thinking beta lets the budget exceed max_tokens (it spans every thinking block of a turn). */
const interleavedBeta = 'interleaved-thinking-2025-05-14';

function budgetOf(body: Record<string, unknown>): number | undefined {
  const thinking = body['thinking'];
  const budget = isRecord(thinking) ? thinking['budget_tokens'] : undefined;
  return typeof budget === 'number' ? budget : undefined;
}

/**
 * When the request ends in tool results, the first assistant message of the tool loop they belong
 * to: walking back, user messages holding tool results continue the loop, and one without any
 * ends it.
 */
function openingOfToolTurn(turns: readonly Turn[]): Turn | undefined {
  const hasResult = (turn: Turn): boolean => turn.blocks.some((block) => blockType(block) === 'tool_result');
  const last = turns.at(-1);
  if (last === undefined || last.role !== 'user' || !hasResult(last)) return undefined;
  let opening: Turn | undefined;
  for (let position = turns.length - 2; position >= 0; position--) {
    const turn = turns[position];
    if (turn === undefined || (turn.role === 'user' && !hasResult(turn))) break;
    if (turn.role === 'assistant') opening = turn;
  }
  return opening;
}

function isThinkingBlock(block: Block | undefined): boolean {
  const type = blockType(block);
  return type === 'thinking' || type === 'redacted_thinking';
}

export const thinkingRules: VendorRule[] = [
  {
    id: 'anthropic.thinking.budget-minimum',
    // Recorded 400 in https://github.com/themaximalist/llm.js/issues/30:
    // "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024".
    source: 'github.com/themaximalist/llm.js/issues/30 (recorded 400 body)',
    check: onBody((body) => {
      if (!thinkingEnabled(body)) return undefined;
      const budget = budgetOf(body);
      if (budget === undefined) return 'thinking.enabled.budget_tokens: Field required';
      return budget < 1024 ? 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024' : undefined;
    }),
  },
  {
    id: 'anthropic.thinking.budget-below-max-tokens',
    // https://docs.claude.com/en/api/messages: "budget_tokens … Must be ≥1024 and less than max_tokens"; the
    // interleaved-thinking beta lifts the second half (extended-thinking#interleaved-thinking). The beta comes in the
    // `anthropic-beta` header, or on Bedrock InvokeModel in the body's `anthropic_beta` list (@anthropic-ai/bedrock-sdk
    // moves the header there: client.js, "parsedBody['anthropic_beta'] = betas.split(',')"; bedrock.invoke.beta-flags).
    source: 'docs.claude.com/en/api/messages (thinking.budget_tokens: less than max_tokens); @anthropic-ai/bedrock-sdk (anthropic_beta in the body)',
    check: (request) => {
      const body = isRecord(request.body) ? request.body : undefined;
      if (body === undefined || !thinkingEnabled(body) || typeof body['max_tokens'] !== 'number') return undefined;
      if (String(request.headers['anthropic-beta'] ?? '').includes(interleavedBeta)) return undefined;
      if (Array.isArray(body['anthropic_beta']) && body['anthropic_beta'].includes(interleavedBeta)) return undefined;
      const budget = budgetOf(body);
      return budget !== undefined && budget >= body['max_tokens'] ? '`max_tokens` must be greater than `thinking.budget_tokens`' : undefined;
    },
  },
  {
    id: 'anthropic.thinking.temperature',
    // Recorded 400 in https://github.com/MartialBE/one-hub/issues/529: "`temperature` may only be set to 1 when
    // thinking is enabled. Please consult our documentation at …#important-considerations-when-using-extended-thinking";
    // adaptive mode too: "… when thinking is enabled or in adaptive mode" (https://github.com/MayDay-wpf/snow-app/issues/42).
    source: 'github.com/MartialBE/one-hub/issues/529; github.com/MayDay-wpf/snow-app/issues/42 (recorded 400 bodies)',
    check: onBody((body) =>
      (thinkingEnabled(body) || (isRecord(body['thinking']) && body['thinking']['type'] === 'adaptive')) && body['temperature'] !== undefined && body['temperature'] !== 1
        ? `\`temperature\` may only be set to 1 when thinking is enabled. Please consult our documentation at ${thinkingDocs}`
        : undefined,
    ),
  },
  {
    id: 'anthropic.thinking.top_k',
    // Recorded 400 in https://github.com/danny-avila/LibreChat/issues/6023: "`top_k` must be unset when thinking is enabled. …".
    source: 'github.com/danny-avila/LibreChat/issues/6023 (recorded 400 body)',
    check: onBody((body) =>
      thinkingEnabled(body) && body['top_k'] !== undefined
        ? `\`top_k\` must be unset when thinking is enabled. Please consult our documentation at ${thinkingDocs}`
        : undefined,
    ),
  },
  {
    id: 'anthropic.thinking.top_p',
    // https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility: "Thinking isn't
    // compatible with temperature or top_k modifications … When thinking is enabled, you can set top_p to values between 1 and 0.95."
    source: 'docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility (top_p between 0.95 and 1)',
    check: onBody((body) => {
      const topP = body['top_p'];
      return thinkingEnabled(body) && typeof topP === 'number' && (topP < 0.95 || topP > 1)
        ? `\`top_p\` must be between 0.95 and 1 when thinking is enabled. Please consult our documentation at ${thinkingDocs}`
        : undefined;
    }),
  },
  {
    id: 'anthropic.thinking.forced-tool-choice',
    // Recorded 400 in https://github.com/mastra-ai/mastra/issues/7507: "Thinking may not be enabled when tool_choice
    // forces tool use." (the docs: "Tool use with thinking only supports tool_choice: {"type": "auto"} … or {"type": "none"}").
    source: 'github.com/mastra-ai/mastra/issues/7507 (recorded 400 body)',
    check: onBody((body) => {
      const choice = body['tool_choice'];
      return thinkingEnabled(body) && isRecord(choice) && (choice['type'] === 'any' || choice['type'] === 'tool')
        ? 'Thinking may not be enabled when tool_choice forces tool use.'
        : undefined;
    }),
  },
  {
    id: 'anthropic.thinking.signed-blocks',
    // Recorded 400 in https://github.com/justlovemaki/AIClient2API/issues/437: "messages.1.content.0.thinking.signature: Field required";
    // a redacted block carries its encrypted `data` instead (extended-thinking#thinking-redaction).
    source: 'github.com/justlovemaki/AIClient2API/issues/437 (recorded 400 body); docs.claude.com extended-thinking#thinking-redaction',
    check: onBody((body) =>
      firstOf(turnsOf(body), (turn) =>
        firstOf(turn.blocks, (block, position) => {
          const path = `messages.${turn.index}.content.${position}`;
          if (blockType(block) === 'thinking' && typeof block['signature'] !== 'string') return `${path}.thinking.signature: Field required`;
          if (blockType(block) === 'redacted_thinking' && typeof block['data'] !== 'string') return `${path}.redacted_thinking.data: Field required`;
          return undefined;
        }),
      ),
    ),
  },
  {
    id: 'anthropic.thinking.tool-turn-opens-with-thinking',
    // Recorded 400 (https://github.com/VicBilibily/GCMP/issues/28, https://github.com/n8n-io/n8n/issues/22550):
    // "messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is
    // enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use`
    // and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this
    // requirement, disable `thinking`. Please consult our documentation at …/extended-thinking".
    // The assistant turn is the whole tool loop ("a tool-use loop is one assistant turn",
    // https://platform.claude.com/docs/en/build-with-claude/thinking-tool-workflows), and without interleaved thinking
    // Claude thinks only at its start, so the message that must open with thinking is the turn's first assistant message.
    source: 'github.com/VicBilibily/GCMP/issues/28; github.com/n8n-io/n8n/issues/22550 (recorded 400 bodies); platform.claude.com thinking-tool-workflows',
    check: onBody((body) => {
      if (!thinkingEnabled(body)) return undefined;
      const opening = openingOfToolTurn(turnsOf(body));
      if (opening === undefined) return undefined;
      const first = blockType(opening.blocks[0]);
      if (first === 'thinking' || first === 'redacted_thinking') return undefined;
      return `messages.${opening.index}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${first ?? 'nothing'}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`;
    }),
  },
  {
    id: 'anthropic.thinking.blocks-open-their-message',
    // Recorded 400 with thinking on (anthropics/claude-code#20692 and #20705, Opus 4.5): "messages.1.content.0: If an
    // assistant message contains any thinking blocks, the first block must be `thinking` or `redacted_thinking`. Found `text`."
    source: 'github.com/anthropics/claude-code/issues/20692, /20705 (recorded 400 bodies)',
    check: onBody((body) => {
      if (!thinkingEnabled(body) && !(isRecord(body['thinking']) && body['thinking']['type'] === 'adaptive')) return undefined;
      return firstOf(turnsOf(body), (turn) => {
        if (turn.role !== 'assistant' || !turn.blocks.some(isThinkingBlock) || isThinkingBlock(turn.blocks[0])) return undefined;
        return `messages.${turn.index}.content.0: If an assistant message contains any thinking blocks, the first block must be \`thinking\` or \`redacted_thinking\`. Found \`${blockType(turn.blocks[0]) ?? 'nothing'}\`.`;
      });
    }),
  },
  {
    id: 'anthropic.thinking.prefill-opens-with-thinking',
    // Recorded 400 (Aider-AI/aider#3820: a prefill continuing a cut answer of claude-3-7-sonnet with thinking on):
    // "messages.3.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`. When `thinking` is
    // enabled, a final `assistant` message must start with a thinking block. We recommend you include thinking blocks
    // from previous turns. To avoid this requirement, disable `thinking`. …"
    source: 'github.com/Aider-AI/aider/issues/3820 (recorded 400 body)',
    check: onBody((body) => {
      const last = turnsOf(body).at(-1);
      if (!thinkingEnabled(body) || last?.role !== 'assistant' || isThinkingBlock(last.blocks[0])) return undefined;
      return `messages.${last.index}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${blockType(last.blocks[0]) ?? 'nothing'}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block. We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking`;
    }),
  },
  {
    id: 'anthropic.thinking.none-in-final-message-when-off',
    // Recorded 400 (tailcallhq/forgecode#1853, claude-sonnet-4-5; microsoft/vscode#282326): "messages.1.content.0: When
    // thinking is disabled, an `assistant` message in the final position cannot contain `thinking`. To use thinking
    // blocks, enable `thinking` in your request."
    source: 'github.com/tailcallhq/forgecode/issues/1853; github.com/microsoft/vscode/issues/282326 (recorded 400 bodies)',
    check: onBody((body) => {
      const thinking = body['thinking'];
      if (thinking !== undefined && !(isRecord(thinking) && thinking['type'] === 'disabled')) return undefined;
      const last = turnsOf(body).at(-1);
      if (last?.role !== 'assistant') return undefined;
      const position = last.blocks.findIndex(isThinkingBlock);
      return position === -1
        ? undefined
        : `messages.${last.index}.content.${position}: When thinking is disabled, an \`assistant\` message in the final position cannot contain \`thinking\`. To use thinking blocks, enable \`thinking\` in your request.`;
    }),
  },
];
