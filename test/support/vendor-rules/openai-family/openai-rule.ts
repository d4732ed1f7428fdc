import type { VendorRule } from '../rule.js';

/**
 * A rule of an OpenAI API (Chat Completions, Responses, legacy Completions). OpenAI's 400 body
 * names the offending parameter and a machine code beside the message, e.g. (recorded in
 * test/fixtures/recorded/openai-responses/pa-error-400-decimal-below-min.response.json)
 * `{"error":{"code":"decimal_below_min_value","message":"Invalid 'temperature': …","param":"temperature","type":"invalid_request_error"}}`.
 * A rule whose param depends on the request (an index into `messages`) leaves it null.
 */
export interface OpenAIRule extends VendorRule {
  param?: string;
  code?: string;
}

/** OpenAI's error envelope, shared by the three OpenAI judges. */
export function openaiErrorBody(_status: number, message: string, rule: VendorRule): unknown {
  const { param, code } = rule as OpenAIRule;
  return { error: { message, type: 'invalid_request_error', param: param ?? null, code: code ?? null } };
}

/** `'a', 'b', and 'c'` or `'a' and 'b'`: how OpenAI lists supported values in an `invalid_value` message. */
export function quotedList(values: readonly string[]): string {
  const quoted = values.map((value) => `'${value}'`);
  if (quoted.length <= 2) return quoted.join(' and ');
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
}

/** JSON type names as OpenAI words them in `invalid_type` messages ("but got an object instead"). */
export function typeWord(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a decimal';
    case 'boolean':
      return 'a boolean';
    default:
      return typeof value;
  }
}
