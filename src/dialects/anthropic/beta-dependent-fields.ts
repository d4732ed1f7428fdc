/**
 * Body fields that Claude on a cloud takes only together with a beta the cloud does not take
 * (platform-betas.ts leaves such a beta out). Sent without it, the field fails the whole request:
 * `output_config.effort` behind `effort-2025-11-24` was refused by Bedrock with "400
 * output_config.effort: Extra inputs are not permitted"
 * (https://github.com/anthropics/claude-code-action/issues/1005, Sonnet 4.5; the same caller's
 * request went through on the 4.6 models, which take effort without a beta). So when the caller
 * asked for the beta, the platform does not take it, and the model is not one that is asked by
 * effort (the catalog's `reasoning: effort` models, Opus 4.7 and later, take `output_config.effort`
 * as their only reasoning control: dialects/bedrock/thinking.ts), the field is left out, with a warning.
 */
import type { Warning } from '../../interlingua/warning.js';
import type { ClaudePlatform } from './platform-betas.js';
import { isPlainObject } from './vendor-data.js';
import { addWarning } from './warnings.js';

/** The beta Anthropic's API asked `output_config.effort` for before effort was generally available. */
export const effortBeta = 'effort-2025-11-24';

/**
 * Leaves `output_config.effort` out of `body` when the caller asked for its beta (`asked`), the
 * platform took none of it (`taken`) and the model is not asked by effort (`byEffort`).
 */
export function withoutFieldsOfDroppedBetas(
  body: Record<string, unknown>,
  asked: readonly string[],
  taken: readonly string[],
  byEffort: boolean,
  platform: ClaudePlatform,
  warnings: Warning[],
): void {
  const outputConfig = body['output_config'];
  if (byEffort || !isPlainObject(outputConfig) || outputConfig['effort'] === undefined) return;
  if (!asked.some((beta) => beta.trim() === effortBeta) || taken.includes(effortBeta)) return;
  const { effort, ...rest } = outputConfig;
  if (Object.keys(rest).length === 0) delete body['output_config'];
  else body['output_config'] = rest;
  addWarning(warnings, {
    type: 'unsupported',
    feature: 'output_config.effort',
    message: `Claude on ${platform} does not take the beta ${effortBeta}, which this model needs for output_config.effort; effort "${String(effort)}" was left out.`,
  });
}
