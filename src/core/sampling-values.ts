import { InterlinguaError } from '../interlingua/error.js';
import type { Sampling } from '../interlingua/request.js';

/** What the caller's dialect calls each sampling control, so a refusal names the field it sent. */
export type SamplingFieldNames = Partial<Record<'maxOutputTokens' | 'temperature' | 'topP' | 'topK' | 'candidateCount', string>>;

/**
 * Refuses sampling values no vendor takes, before any upstream is asked: the target would
 * refuse them too, but only after the request crossed (and, for some vendors, counted against
 * the caller's quota), and a translation can turn a value one vendor ignores into one another
 * rejects. Only what is invalid everywhere is checked here; a dialect's own, narrower ranges
 * (Anthropic's temperature up to 1, OpenAI's up to 2) come from the dialect as `temperatureMax`.
 *
 * - token counts are whole and not negative (every vendor documents them as integers),
 * - temperature is not negative, top_p lies in [0, 1] (a probability mass), top_k is a whole
 *   number, not negative, and the number of candidates is at least one.
 */
export function checkSamplingValues(sampling: Sampling, fields: SamplingFieldNames, temperatureMax = Number.POSITIVE_INFINITY): void {
  const { maxOutputTokens, temperature, topP, topK, candidateCount } = sampling;
  if (maxOutputTokens !== undefined && !(Number.isInteger(maxOutputTokens) && maxOutputTokens >= 0)) refuse(fields.maxOutputTokens ?? 'max_tokens', 'expected a whole number of tokens, 0 or more');
  if (temperature !== undefined && !(Number.isFinite(temperature) && temperature >= 0 && temperature <= temperatureMax)) {
    refuse(fields.temperature ?? 'temperature', temperatureMax === Number.POSITIVE_INFINITY ? 'expected a number, 0 or more' : `expected a number from 0 to ${temperatureMax}`);
  }
  if (topP !== undefined && !(topP >= 0 && topP <= 1)) refuse(fields.topP ?? 'top_p', 'expected a number from 0 to 1');
  if (topK !== undefined && !(Number.isInteger(topK) && topK >= 0)) refuse(fields.topK ?? 'top_k', 'expected a whole number, 0 or more');
  if (candidateCount !== undefined && !(Number.isInteger(candidateCount) && candidateCount >= 1)) refuse(fields.candidateCount ?? 'n', 'expected a whole number, 1 or more');
}

function refuse(field: string, expected: string): never {
  throw new InterlinguaError('invalid_request', `Invalid value for '${field}': ${expected}.`, { param: field });
}
