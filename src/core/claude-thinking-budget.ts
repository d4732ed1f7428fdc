/**
 * The thinking budget Claude is sent, wherever it runs (Anthropic's API, Bedrock's Converse and
 * InvokeModel, Vertex): the caller's budget as it is, or the shared budget for its effort word
 * (`medium` when reasoning is asked for without either), never below Claude's smallest budget of
 * 1024 tokens ("The minimum budget is 1,024 tokens",
 * https://docs.claude.com/en/docs/build-with-claude/extended-thinking#working-with-thinking-budgets).
 * Each change is said in a warning naming `platform`.
 */
import type { ReasoningSettings } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import { budgetByEffort, effortForBudget, isReasoningOn } from './reasoning-budget.js';

export const claudeMinimumThinkingBudget = 1024;

/** The budget to send, or undefined when the settings ask for no reasoning. Reasoning turned off is the caller's to handle first. */
export function claudeThinkingBudget(reasoning: ReasoningSettings, platform: string, warn: (warning: Warning) => void): number | undefined {
  let budget = reasoning.budgetTokens !== undefined && reasoning.budgetTokens > 0 ? reasoning.budgetTokens : undefined;
  if (budget === undefined) {
    if (!isReasoningOn(reasoning)) return undefined;
    budget = Math.max(budgetByEffort[reasoning.effort ?? 'medium'], claudeMinimumThinkingBudget);
    warn({
      type: 'compatibility',
      feature: 'reasoning.effort',
      message: `${platform} takes a thinking budget, not an effort level; effort "${reasoning.effort ?? 'default'}" was sent as budget_tokens ${budget}.`,
    });
  }
  if (budget < claudeMinimumThinkingBudget) {
    warn({
      type: 'compatibility',
      feature: 'reasoning.budget_tokens',
      message: `${platform}'s smallest thinking budget is ${claudeMinimumThinkingBudget} tokens; ${budget} was raised to it.`,
    });
    budget = claudeMinimumThinkingBudget;
  }
  return budget;
}

/**
 * The effort an adaptive-only Claude is sent (`output_config.effort`, which takes low, medium and
 * high among others): the caller's effort word, or the one nearest its budget; `minimal`, which
 * Claude lacks, goes as `low`. Undefined when the caller asked for reasoning without either, which
 * leaves the model its default. Each change is said in a warning naming `model`.
 */
export function claudeThinkingEffort(reasoning: ReasoningSettings, model: string, warn: (warning: Warning) => void): string | undefined {
  let effort: string | undefined = reasoning.effort;
  if (effort === undefined && reasoning.budgetTokens !== undefined && reasoning.budgetTokens > 0) {
    effort = effortForBudget(reasoning.budgetTokens);
    warn({
      type: 'compatibility',
      feature: 'reasoning.budget_tokens',
      message: `${model} sizes its own thinking and takes no budget; the budget of ${reasoning.budgetTokens} tokens was sent as effort "${effort}".`,
    });
  }
  if (effort !== 'minimal') return effort;
  warn({ type: 'compatibility', feature: 'reasoning.effort', message: `${model} has no "minimal" effort; "low" was sent.` });
  return 'low';
}
