/**
 * The stop sequences Converse takes. Each has "Length Constraints: Minimum length of 1."
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InferenceConfiguration.html),
 * for every model; Claude, which Converse hands them to, refuses one that is only whitespace:
 * "stop_sequences: each stop sequence must contain non-whitespace" (for an OpenAI caller's
 * `stop: ["\n"]`, https://github.com/BerriAI/litellm/issues/3286). At most four: "Array Members:
 * Minimum number of 0 items. Maximum number of 4 items." (the same page; quoted in
 * https://github.com/boto/botocore/issues/3354), where Anthropic and Gemini callers may send more.
 * Some models take none (stop-sequence-models.ts). What is left out is reported; with nothing
 * left, the field goes.
 */
import type { Warning } from '../../interlingua/warning.js';
import { isBlank } from '../../core/blank-text.js';
import { isClaude } from './thinking.js';
import { refusesStopSequences } from './stop-sequence-models.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

const maxStopSequences = 4;

export function fitStopSequences(sequences: readonly string[] | undefined, model: string, warnings: Warning[]): string[] | undefined {
  if (sequences === undefined || sequences.length === 0) return undefined;
  if (refusesStopSequences(model)) {
    addWarningPerFeature(warnings, { type: 'unsupported', feature: 'stop_sequences', message: `${model} takes no stop sequences on Bedrock Converse; they were left out.` });
    return undefined;
  }
  const refused = isClaude(model) ? isBlank : (sequence: string) => sequence === '';
  const kept = sequences.filter((sequence) => !refused(sequence));
  if (kept.length < sequences.length) {
    const leftOut = sequences.filter(refused).map((sequence) => JSON.stringify(sequence));
    const what = isClaude(model) ? 'that is empty or only whitespace' : 'that is empty';
    addWarningPerFeature(warnings, { type: 'unsupported', feature: 'stop_sequences', message: `Bedrock Converse takes no stop sequence ${what} for ${model}; ${leftOut.join(', ')} was left out.` });
  }
  if (kept.length > maxStopSequences) {
    const leftOut = kept.slice(maxStopSequences).map((sequence) => JSON.stringify(sequence));
    addWarningPerFeature(warnings, { type: 'unsupported', feature: 'stop_sequences', message: `Bedrock Converse takes at most ${maxStopSequences} stop sequences; ${leftOut.join(', ')} was left out.` });
    return kept.slice(0, maxStopSequences);
  }
  return kept.length > 0 ? kept : undefined;
}
