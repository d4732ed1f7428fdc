import { bodyModel, field } from '../models/model-name.js';
import type { OpenAIRule } from './openai-rule.js';

const maxLength = 64;

/** OpenAI's own models, by name: an OpenAI-compatible service behind the same path may take more. */
const openaiModels = /^(?:gpt-|chatgpt-|o\d|codex-|computer-use-)/;

/**
 * `user` of at most 64 characters on OpenAI's Chat Completions: "Invalid 'user': string too long. Expected a
 * string with maximum length 64, but got a string with length 123 instead." (code string_above_max_length; quoted
 * in BerriAI/litellm tests/test_litellm/litellm_core_utils/test_exception_mapping_utils.py). OpenAI's own limit:
 * OpenRouter takes 128 (github.com/ujisati/claude-code-provider-proxy/pull/11), and Azure's is not recorded, so it
 * is a model rule of OpenAI's models (models/index.ts), not one of the Chat judge's rules, which Azure's judge and
 * the compatible vendors' judges borrow.
 */
export const openaiChatUserLengthRule: OpenAIRule = {
  id: 'openai-chat.user.max-length',
  source: 'BerriAI/litellm tests/test_litellm/litellm_core_utils/test_exception_mapping_utils.py (user of at most 64 characters)',
  param: 'user',
  code: 'string_above_max_length',
  check: (request) => {
    const user = field(request, 'user');
    if (typeof user !== 'string' || !openaiModels.test(bodyModel(request) ?? '')) return undefined;
    const length = [...user].length;
    return length > maxLength ? `Invalid 'user': string too long. Expected a string with maximum length ${maxLength}, but got a string with length ${length} instead.` : undefined;
  },
};
