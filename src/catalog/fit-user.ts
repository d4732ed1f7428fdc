/**
 * An end-user id longer than the model's API takes (`maxUserLength`, model-facts.ts). OpenAI refuses
 * it: "Invalid 'user': string too long. Expected a string with maximum length 64, but got a string
 * with length 123 instead." (code `string_above_max_length`, quoted in BerriAI/litellm's
 * tests/test_litellm/litellm_core_utils/test_exception_mapping_utils.py), and Claude Code's
 * `metadata.user_id`, which the Anthropic dialect reads as `user`, is a JSON object of about 150
 * characters (https://github.com/looplj/axonhub/issues/1669). The id is there for abuse monitoring,
 * which groups requests by it, so a longer one goes as its SHA-256 digest in hex, exactly 64
 * characters: the same caller, the same digest. Anthropic's rules for `metadata.user_id` (at most 256
 * characters, no email address or phone number) hold for every Claude model on its API, so the
 * Anthropic dialect applies them itself (dialects/anthropic/user-id.ts).
 */
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import { userIdDigest } from '../core/user-id-digest.js';

export function fitUser(request: ChatRequest, limit: number, model: string, warnings: Warning[]): ChatRequest {
  const user = request.user;
  if (user === undefined || user.length <= limit) return request;
  warnings.push({
    type: 'compatibility',
    feature: 'user',
    message: `${model} takes an end-user id of at most ${limit} characters; one of ${user.length} was sent as its SHA-256 digest, the same for every request with that id.`,
  });
  return { ...request, user: userIdDigest(user, limit) };
}
