/**
 * A prefill for an upstream that takes one only marked `prefix: true` (quirks.ts, `assistantPrefix`;
 * Mistral: "Expected last role User or Tool (or Assistant with prefix True) for serving but got
 * assistant", test/support/vendor-rules/mistral.ts).
 */
import { InterlinguaError } from '../../interlingua/error.js';
import { isRecord } from './wire-parse.js';

/**
 * A conversation that ends with an assistant message of text (a prefill) marks it `prefix: true`
 * where the upstream refuses it otherwise (quirks.ts, `assistantPrefix`); its text is what the
 * answer will begin with again. Empty assistant messages at the end say nothing and cannot be a
 * prefix: they are left out, and the assistant's words before them are the prefill.
 */
export function markedPrefill(messages: unknown): string | undefined {
  if (!Array.isArray(messages)) return undefined;
  while (messages.length > 1 && isEmptyAssistant(messages.at(-1))) messages.pop();
  if (messages.length === 1 && isEmptyAssistant(messages[0])) {
    throw new InterlinguaError('invalid_request', 'The request has no message content to send; this upstream needs at least one message that is not empty.');
  }
  const last: unknown = messages.at(-1);
  if (!isRecord(last) || last['role'] !== 'assistant' || last['tool_calls'] !== undefined || typeof last['content'] !== 'string' || last['content'] === '') return undefined;
  last['prefix'] = true;
  return last['content'];
}

function isEmptyAssistant(message: unknown): boolean {
  return isRecord(message) && message['role'] === 'assistant' && message['tool_calls'] === undefined && (message['content'] === '' || message['content'] === null);
}

