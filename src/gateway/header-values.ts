/**
 * Response header values built from what a caller sent (a model name in `provider/model`
 * addressing, a conversation id) or from configuration. Node refuses to write a value holding a
 * character outside Latin-1 or a CR/LF (`ERR_INVALID_CHAR`, the guard against header injection),
 * and it throws when the answer is already paid for: the upstream has answered and only the
 * headers are left to write. So every value is made writable instead of trusted.
 */

/** Printable ASCII and tab: what every HTTP stack carries unchanged. */
const plainValue = /^[\t\x20-\x7e]*$/;

/**
 * The value itself when it is plain ASCII; otherwise percent-encoded as UTF-8 (RFC 3986 style),
 * `%` included, so `decodeURIComponent` gives the original back: `gpt-模型` → `gpt-%E6%A8%A1%E5%9E%8B`,
 * and a CR/LF becomes `%0D%0A` rather than a second header.
 */
export function safeHeaderValue(value: string): string {
  if (plainValue.test(value)) return value;
  return value.replace(/[^\t\x20-\x24\x26-\x7e]+/g, (run) => percentEncoded(run));
}

/** Every value of a header set made writable (numbers pass as they are). */
export function safeHeaders(headers: Record<string, string | number>): Record<string, string | number> {
  const safe: Record<string, string | number> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name] as string | number;
    safe[name] = typeof value === 'number' ? value : safeHeaderValue(value);
  }
  return safe;
}

/** UTF-8 bytes as `%XX`; a lone surrogate becomes U+FFFD's bytes, as `Buffer.from` writes it, instead of throwing. */
function percentEncoded(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return encoded;
}
