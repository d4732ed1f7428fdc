/**
 * `metadata.user_id` as Anthropic takes it: "This should be a uuid, hash value, or other opaque
 * identifier. … Do not include any identifying information such as name, email address, or phone
 * number", "Maximum length: 256" (https://docs.claude.com/en/api/messages, `metadata.user_id`).
 * Anthropic enforces both: "metadata.user_id: user_id appears to contain an email address. Please
 * send a uuid or hash value…" for an OpenAI caller's `user: "myname@example.com"`
 * (https://github.com/BerriAI/litellm/issues/10106, recorded 400), and "String should have at most
 * 256 characters" past the limit. OpenAI's `user` takes any string (OpenAI recommends, but does not
 * require, "hashing their username or email address":
 * https://platform.openai.com/docs/guides/safety-best-practices), so such an id goes as its SHA-256
 * digest, with a warning: abuse monitoring still groups the caller's requests.
 */
import type { Warning } from '../../interlingua/warning.js';
import { userIdDigest } from '../../core/user-id-digest.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

const maximumLength = 256;
const emailAddress = /[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z]{2,}/i;
/**
 * A phone number as people write one: digits with a leading `+` or separators (`+1 555 010 9999`,
 * `(555) 010-9999`), 7 to 15 digits (E.164's most). Bare digits are left as they are: that is how
 * database ids look, the opaque ids Anthropic asks for.
 */
const phoneShape = /^\+?[\d\s().-]+$/;

function looksLikePhoneNumber(user: string): boolean {
  const trimmed = user.trim();
  if (!phoneShape.test(trimmed) || /^\d+$/.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}

/** The reason Anthropic would refuse `user` as `metadata.user_id`, or undefined when it takes it. */
function refusal(user: string): string | undefined {
  if (user.length > maximumLength) return `at most ${maximumLength} characters; one of ${user.length}`;
  if (emailAddress.test(user)) return 'no email address; one that holds an email address';
  if (looksLikePhoneNumber(user)) return 'no phone number; one that looks like a phone number';
  return undefined;
}

export function anthropicUserId(user: string, warnings: Warning[]): string {
  const reason = refusal(user);
  if (reason === undefined) return user;
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'user',
    message: `Anthropic takes an end-user id (metadata.user_id) of ${reason} was sent as its SHA-256 digest, the same for every request with that id.`,
  });
  return userIdDigest(user);
}
