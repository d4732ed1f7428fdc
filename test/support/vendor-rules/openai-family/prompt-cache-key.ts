import { isRecord } from '../rule.js';
import type { OpenAIRule } from './openai-rule.js';

const maxLength = 64;

/**
 * `prompt_cache_key` of at most 64 characters, on Chat Completions and Responses alike: a real 400
 * (github.com/theopenco/llmgateway/pull/3110, param prompt_cache_key, code string_above_max_length):
 * "Invalid 'prompt_cache_key': string too long. Expected a string with maximum length 64, but got a
 * string with length 72 instead."; the same from Responses (github.com/earendil-works/pi/pull/4719)
 * and Azure (github.com/buhlergroup/buhler-chat/pull/181).
 */
export function promptCacheKeyRule(api: 'openai-chat' | 'openai-responses'): OpenAIRule {
  return {
    id: `${api}.prompt-cache-key.max-length`,
    source: 'github.com/theopenco/llmgateway/pull/3110; github.com/earendil-works/pi/pull/4719 (prompt_cache_key of at most 64 characters)',
    param: 'prompt_cache_key',
    code: 'string_above_max_length',
    check: ({ body }) => {
      const key = isRecord(body) ? body.prompt_cache_key : undefined;
      if (typeof key !== 'string') return undefined;
      const length = [...key].length;
      return length > maxLength
        ? `Invalid 'prompt_cache_key': string too long. Expected a string with maximum length ${maxLength}, but got a string with length ${length} instead.`
        : undefined;
    },
  };
}
