/**
 * Reasoning on Bedrock Converse is a model parameter: for Claude it is Anthropic's `thinking`
 * object in `additionalModelRequestFields` (recorded:
 * test/fixtures/recorded/bedrock/pa-converse-stream-reasoning.request.json,
 * `"additionalModelRequestFields": {"thinking": {"type": "enabled", "budget_tokens": 1024}}`).
 * Other model families take other fields, so reasoning asked of them is reported, not guessed.
 */
import type { ReasoningSettings } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { budgetByEffort, isReasoningOff, isReasoningOn } from '../../core/reasoning-budget.js';
import type { EmittedTurn } from './messages-emit.js';
import { addWarning } from './warnings.js';

/** Claude's smallest thinking budget (https://docs.claude.com/en/docs/build-with-claude/extended-thinking#working-with-thinking-budgets). */
const minimumBudget = 1024;

export interface Thinking {
  /** Merged into `additionalModelRequestFields`. */
  fields: Record<string, unknown>;
  enabled: boolean;
  budget?: number;
}

/** Claude model ids and inference profiles: `anthropic.claude-…`, `us.anthropic.claude-…`. */
function isClaude(model: string): boolean {
  return model.includes('anthropic.claude');
}

/**
 * As for Anthropic's own API: a budget is sent as it is (raised to Claude's minimum); an effort,
 * or reasoning asked for without either, becomes the shared budget for that effort (`medium`
 * when none), at least the minimum.
 */
export function emitThinking(reasoning: ReasoningSettings | undefined, model: string, warnings: Warning[]): Thinking | undefined {
  if (reasoning === undefined) return undefined;
  const off = isReasoningOff(reasoning);
  if (!isClaude(model)) {
    if (!off && (isReasoningOn(reasoning) || (reasoning.budgetTokens ?? 0) > 0)) {
      addWarning(warnings, {
        type: 'unsupported',
        feature: 'reasoning',
        message: `Reasoning settings for ${model} on Bedrock are a model parameter the gateway does not know; give them in additionalModelRequestFields. They were left out.`,
      });
    }
    return undefined;
  }
  if (off) return { fields: { thinking: { type: 'disabled' } }, enabled: false };
  let budget = reasoning.budgetTokens !== undefined && reasoning.budgetTokens > 0 ? reasoning.budgetTokens : undefined;
  if (budget === undefined) {
    if (!isReasoningOn(reasoning)) return undefined;
    budget = Math.max(budgetByEffort[reasoning.effort ?? 'medium'], minimumBudget);
    addWarning(warnings, {
      type: 'compatibility',
      feature: 'reasoning.effort',
      message: `Claude takes a thinking budget, not an effort level; effort "${reasoning.effort ?? 'default'}" was sent as budget_tokens ${budget}.`,
    });
  }
  if (budget < minimumBudget) {
    addWarning(warnings, {
      type: 'compatibility',
      feature: 'reasoning.budget_tokens',
      message: `Claude's smallest thinking budget is ${minimumBudget} tokens; ${budget} was raised to it.`,
    });
    budget = minimumBudget;
  }
  return { fields: { thinking: { type: 'enabled', budget_tokens: budget } }, enabled: true, budget };
}

/**
 * Claude refuses thinking on a request that answers tool calls whose assistant turn does not
 * open with its signed reasoning ("a final `assistant` message must start with a thinking
 * block", https://docs.claude.com/en/docs/build-with-claude/extended-thinking); history from
 * another platform has no Bedrock signature, so thinking is turned off for that request.
 */
export function fitThinking(thinking: Thinking | undefined, messages: readonly EmittedTurn[], warnings: Warning[]): Thinking | undefined {
  if (thinking?.enabled !== true) return thinking;
  const last = messages.at(-1);
  const answered = messages.at(-2);
  const answersTools = last?.role === 'user' && last.content.some((block) => block['toolResult'] !== undefined);
  if (!answersTools || answered?.role !== 'assistant' || answered.content[0]?.['reasoningContent'] !== undefined) return thinking;
  addWarning(warnings, {
    type: 'compatibility',
    feature: 'reasoning.tool_turn',
    message: 'Claude needs the assistant turn being answered with tool results to open with its signed reasoning, and this history has none from Bedrock; thinking was turned off for this request.',
  });
  return undefined;
}
