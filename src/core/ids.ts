import { randomBytes } from 'node:crypto';

/**
 * Ids for things the gateway has to name itself: responses from dialects that give none, tool
 * calls from Gemini (which has no call ids). `prefix` follows the target's convention
 * (`chatcmpl-`, `msg_`, `toolu_`, `call_`).
 */
export function generateId(prefix: string, bytes = 12): string {
  return prefix + randomBytes(bytes).toString('base64url');
}
