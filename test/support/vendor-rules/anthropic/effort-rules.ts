/**
 * `output_config.effort` on the clouds. Anthropic's effort page lists the models that take it and says the
 * top-level effort is generally available, with no beta header, on Amazon Bedrock and on Google Cloud
 * (platform.claude.com/docs/zh-CN/build-with-claude/effort.md, `supportedModels`: claude-opus-4-5-20251101,
 * claude-opus-4-6, claude-sonnet-4-6, claude-opus-4-7 and later, the 5 models, Mythos and Fable; `supportedPlatforms`:
 * "Amazon Bedrock: ga", "Claude Models on Google Cloud (Google managed): ga"). The models before them have no such
 * field, and the clouds' copy of the Messages schema refuses it as an extra input: "ValidationException:
 * output_config.effort: Extra inputs are not permitted" from Bedrock InvokeModel on a model without adaptive
 * thinking (github.com/awsl-project/maxx, its Bedrock classic-thinking fixer's test), "400 output_config.effort: Extra
 * inputs are not permitted" on Sonnet 4.5 (github.com/anthropics/claude-code-action/issues/1005).
 */
import { isRecord, type JudgedRequest } from '../rule.js';

export const cloudEffortSource = 'platform.claude.com/docs/zh-CN/build-with-claude/effort.md (supportedModels, supportedPlatforms); github.com/anthropics/claude-code-action/issues/1005';

/** Claude models, as Anthropic names them (no date, no platform version), that have no `output_config.effort`. */
const noEffortModels = /^claude-(?:3-.+|(?:opus|sonnet|haiku)-3(?:-.+)?|sonnet-4|opus-4|opus-4-1|sonnet-4-5|haiku-4-5)$/;

/** The refusal of `output_config.effort` sent to `model` (Anthropic's name of it), or undefined. */
export function effortOnModelWithout(request: JudgedRequest, model: string): string | undefined {
  if (!noEffortModels.test(model) || !isRecord(request.body)) return undefined;
  const config = request.body['output_config'];
  return isRecord(config) && config['effort'] !== undefined ? 'output_config.effort: Extra inputs are not permitted' : undefined;
}

/**
 * The effort words each Claude model takes, where not all five: `max` is available on Opus 4.6 and Sonnet 4.6 and
 * later models, `xhigh` on Opus 4.7 and later (platform.claude.com/docs/en/build-with-claude/effort, "Effort levels"),
 * so Opus 4.5 takes low, medium and high only.
 */
const effortWordsByModel: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/^claude-opus-4-5$/, ['low', 'medium', 'high']],
  [/^claude-(?:opus|sonnet)-4-6$/, ['low', 'medium', 'high', 'max']],
];

export const effortWordSource =
  'platform.claude.com/docs/en/build-with-claude/effort (Effort levels); test/fixtures/recorded/anthropic/pa-error-400-invalid-request.response.json; github.com/coder/coder/issues/25356';

/**
 * The refusal of an `output_config.effort` word `model` (Anthropic's name of it) does not take, in Anthropic's recorded
 * words: "This model does not support effort level 'xhigh'. Supported levels: high, low, max, medium." for claude-opus-4-6
 * (test/fixtures/recorded/anthropic/pa-error-400-invalid-request.response.json; the levels in alphabetical order).
 */
export function effortWordRefused(request: JudgedRequest, model: string): string | undefined {
  const words = effortWordsByModel.find(([models]) => models.test(model))?.[1];
  const config = isRecord(request.body) ? request.body['output_config'] : undefined;
  const effort = isRecord(config) ? config['effort'] : undefined;
  if (words === undefined || typeof effort !== 'string' || words.includes(effort)) return undefined;
  return `This model does not support effort level '${effort}'. Supported levels: ${[...words].sort().join(', ')}.`;
}

/**
 * The same on Bedrock, whose copy of the Messages schema refuses the word itself on Opus 4.5: "output_config.effort:
 * Input should be 'low', 'medium' or 'high'" (github.com/coder/coder/issues/25356, recorded). Bedrock's words for
 * Opus 4.6 are not recorded, so Anthropic's are given.
 */
export function bedrockEffortWordRefused(request: JudgedRequest, model: string): string | undefined {
  const refusal = effortWordRefused(request, model);
  return refusal !== undefined && model === 'claude-opus-4-5' ? "output_config.effort: Input should be 'low', 'medium' or 'high'" : refusal;
}
