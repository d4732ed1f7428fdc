import { isRecord } from '../rule.js';
import type { OpenAIRule } from './openai-rule.js';

/**
 * A numeric parameter's documented bounds as two rules (below, above), worded as OpenAI words them:
 * recorded in test/fixtures/recorded/openai-responses/pa-error-400-decimal-below-min.response.json,
 * "Invalid 'temperature': decimal below minimum value. Expected a value >= 0, but got -1 instead."
 * (code decimal_below_min_value), and for integers, from a real Responses 400 quoted in
 * github.com/vectorize-io/hindsight/issues/58: "Invalid 'max_output_tokens': integer below minimum
 * value. Expected a value >= 16, but got 10 instead." (code integer_below_min_value).
 */
export function rangeRules(prefix: string, parameter: string, bounds: { min?: number; max?: number; integer?: boolean }, source: string): OpenAIRule[] {
  const kind = bounds.integer === true ? 'integer' : 'decimal';
  const valueOf = (body: unknown): number | undefined => (isRecord(body) && typeof body[parameter] === 'number' ? body[parameter] : undefined);
  const rules: OpenAIRule[] = [];
  const { min, max } = bounds;
  if (min !== undefined) {
    rules.push({
      id: `${prefix}.${parameter}.minimum`,
      source,
      param: parameter,
      code: `${kind}_below_min_value`,
      check: ({ body }) => {
        const value = valueOf(body);
        return value !== undefined && value < min ? `Invalid '${parameter}': ${kind} below minimum value. Expected a value >= ${min}, but got ${value} instead.` : undefined;
      },
    });
  }
  if (max !== undefined) {
    rules.push({
      id: `${prefix}.${parameter}.maximum`,
      source,
      param: parameter,
      code: `${kind}_above_max_value`,
      check: ({ body }) => {
        const value = valueOf(body);
        return value !== undefined && value > max ? `Invalid '${parameter}': ${kind} above maximum value. Expected a value <= ${max}, but got ${value} instead.` : undefined;
      },
    });
  }
  return rules;
}
