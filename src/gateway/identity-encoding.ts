/**
 * Every upstream request says `accept-encoding: identity`: the gateway decompresses nothing, so an
 * answer must come uncompressed (RFC 9110 §12.5.3, https://www.rfc-editor.org/rfc/rfc9110#section-12.5.3:
 * "identity" names no encoding). Saying nothing would let a server pick any coding ("If no
 * Accept-Encoding header field is in the request, any content coding is considered acceptable by the
 * user agent"). An operator's own `accept-encoding` in a provider's `headers` is dropped rather than
 * sent: with it, every answer compressed at its asking would fail to read.
 */
export function withIdentityEncoding(headers: Record<string, string>): Record<string, string> {
  let asked = false;
  let other = false;
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() !== 'accept-encoding') continue;
    if (name === 'accept-encoding' && headers[name] === 'identity') asked = true;
    else other = true;
  }
  // Already fitted (the chat path fits before signing, the client again): no copy.
  if (asked && !other) return headers;
  const fitted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() !== 'accept-encoding') fitted[name] = value;
  fitted['accept-encoding'] = 'identity';
  return fitted;
}
