/**
 * Claude models differ in the `output_config.effort` words they take: `max` came with Opus 4.6 and
 * Sonnet 4.6, `xhigh` with Opus 4.7 (the effort levels table of
 * https://platform.claude.com/docs/en/build-with-claude/effort). A word the model lacks is refused:
 * Opus 4.6 answers 400 "This model does not support effort level 'xhigh'. Supported levels: high,
 * low, max, medium." (test/fixtures/recorded/anthropic/pa-error-400-invalid-request.response.json),
 * and Opus 4.5 on Bedrock "output_config.effort: Input should be 'low', 'medium' or 'high'"
 * (https://github.com/coder/coder/issues/25356). An Anthropic caller's own word (kept as written in
 * its vendor data, for a fallback from Opus 4.7 to Opus 4.6 too) goes as the nearest lower word the
 * model takes, with a warning. Lower, never higher: `xhigh` sits between `high` and `max`, and `max`
 * is "absolute maximum capability with no constraints on token spending" (the same table), so
 * rounding up would spend more than the caller allowed; Claude Code itself runs `xhigh` as `high`
 * on Opus 4.6 (https://github.com/anthropics/claude-code/issues/92387).
 */
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import type { ModelFacts } from './model-facts.js';
import { isRecord } from '../core/is-record.js';

/**
 * The Anthropic dialect's vendor data, where the word travels: as written beside thinking (its key
 * `@effort`: dialects/anthropic/vendor-data.ts, `effortSpellingKey`), or in the caller's
 * `output_config` without thinking (dialects/anthropic/request-parse.ts, takeEffort).
 */
const anthropicVendor = 'anthropic';
const effortWordKey = '@effort';
const outputConfigKey = 'output_config';

/** Claude's effort words, lowest first; low, medium and high every model with the field takes. */
const effortOrder: readonly string[] = ['low', 'medium', 'high', 'xhigh', 'max'];
const everyModelTakes: ReadonlySet<string> = new Set(['low', 'medium', 'high']);

export function fitEffortWords(request: ChatRequest, facts: ModelFacts, warnings: Warning[]): ChatRequest {
  const taken: readonly string[] | undefined = facts.outputEffortBeyondScale;
  const own = request.vendor?.[anthropicVendor];
  if (taken === undefined || own === undefined) return request;
  const takes = (word: string) => everyModelTakes.has(word) || taken.includes(word);
  const config = own[outputConfigKey];
  const configured = isRecord(config) ? config : undefined;
  const written = fitted(own[effortWordKey], takes, facts.id, warnings);
  const inConfig = fitted(configured?.['effort'], takes, facts.id, warnings);
  if (written === undefined && inConfig === undefined) return request;
  const fields = { ...own };
  if (written !== undefined) fields[effortWordKey] = written;
  if (inConfig !== undefined) fields[outputConfigKey] = { ...configured, effort: inConfig };
  return { ...request, vendor: { ...request.vendor, [anthropicVendor]: fields } };
}

/** The nearest lower word the model takes in place of `word`, with a warning; undefined when the word stays. */
function fitted(word: unknown, takes: (word: string) => boolean, model: string, warnings: Warning[]): string | undefined {
  if (typeof word !== 'string') return undefined;
  const rank = effortOrder.indexOf(word);
  if (rank < 0 || takes(word)) return undefined;
  const nearest = effortOrder.slice(0, rank).findLast(takes) ?? 'high';
  warnings.push({
    type: 'compatibility',
    feature: 'output_config.effort',
    message: `${model} takes no effort "${word}"; it was sent as "${nearest}", the nearest lower effort it takes.`,
  });
  return nearest;
}
