/**
 * `output_config.effort` on the clouds. Anthropic's effort page says the top-level effort is generally
 * available, with no beta header, on Claude's API, Amazon Bedrock and Google Cloud, for the models it
 * lists: Opus 4.5 (claude-opus-4-5-20251101), Opus 4.6, Sonnet 4.6, Opus 4.7 and every later model
 * (https://platform.claude.com/docs/zh-CN/build-with-claude/effort.md, `supportedModels` and
 * `supportedPlatforms`: "Amazon Bedrock: ga", "Claude Models on Google Cloud (Google managed): ga").
 * So effort goes to those models as asked, whether or not the caller also asked for the old beta
 * `effort-2025-11-24` (which claude-family/platform-betas.ts leaves out: Opus 4.7 on Bedrock refuses it as an
 * invalid beta flag, https://github.com/anthropics/claude-code/issues/49370).
 *
 * The models before them have no such field, and the clouds refuse the whole request for it:
 * "400 output_config.effort: Extra inputs are not permitted" (Sonnet 4.5 on Bedrock,
 * https://github.com/anthropics/claude-code-action/issues/1005, where the same caller's request went
 * through on the 4.6 models). For them the field is left out, with a warning. A model id that names
 * no Claude model (a Bedrock application inference profile) is sent as asked.
 */
import type { Warning } from '../../interlingua/warning.js';
import { undatedModelId } from '../../catalog/model-id.js';
import type { ClaudePlatform } from '../claude-family/platform-betas.js';
import { isPlainObject } from './vendor-data.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

/** Claude models, as Anthropic names them, that have no `output_config.effort`: those before Opus 4.5 and the 4.5 models but Opus. */
const modelsWithoutEffort = /^claude-(?:3-.+|(?:opus|sonnet|haiku)-3(?:-.+)?|sonnet-4|opus-4|opus-4-1|sonnet-4-5|haiku-4-5)$/;

/** Whether `model` (Anthropic's, Bedrock's or Vertex's id) names a Claude model that has no `output_config.effort`. */
export function lacksEffort(model: string): boolean {
  return modelsWithoutEffort.test(undatedModelId(model));
}

/** Leaves `output_config.effort` out of `body` when `model` has no such field on the cloud, with a warning. */
export function withEffortTheModelTakes(body: Record<string, unknown>, model: string, platform: ClaudePlatform, warnings: Warning[]): void {
  const outputConfig = body['output_config'];
  if (!isPlainObject(outputConfig) || outputConfig['effort'] === undefined || !lacksEffort(model)) return;
  const { effort, ...rest } = outputConfig;
  if (Object.keys(rest).length === 0) delete body['output_config'];
  else body['output_config'] = rest;
  addWarningPerFeature(warnings, {
    type: 'unsupported',
    feature: 'output_config.effort',
    message: `Claude on ${platform} takes output_config.effort on Opus 4.5, the 4.6 models and later ones, not on ${undatedModelId(model)}; effort "${String(effort)}" was left out.`,
  });
}
