/**
 * An id a OneBot peer sent (`echo`, `message_id`, `user_id`, `file_id`) as text, or undefined when
 * it is no id. OneBot 12 writes ids as strings (https://12.onebot.dev/interface/); implementations
 * of OneBot 11 lineage send numbers. Anything else is not read as text: `String()` of a peer's
 * object calls the object's own `toString`, and `{"toString":1}` makes it throw, which in a
 * socket's frame listener ended the process.
 */
export function peerId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
