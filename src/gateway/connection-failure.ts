/**
 * Why a connection failed, in words a caller may read. Node's and undici's messages name the
 * address they dialled (`connect ECONNREFUSED 10.0.0.5:8080`, `Connect Timeout Error (attempted
 * address: …)`), which tells an outsider how the gateway's network is laid out; so the caller
 * gets the error's code in words, and the message itself goes only to the logs.
 */
const reasons: ReadonlyArray<readonly [codes: readonly string[], reason: string]> = [
  [['ECONNREFUSED'], 'the connection was refused'],
  [['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME'], 'its host name could not be resolved'],
  [['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'], 'the connection timed out'],
  [['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED'], 'the connection was closed'],
  [['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL'], 'its network cannot be reached'],
  [['UND_ERR_HEADERS_OVERFLOW', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'HPE_INVALID_CONSTANT', 'HPE_INVALID_HEADER_TOKEN'], 'its answer was not valid HTTP'],
  [['ENOENT', 'EACCES'], 'its command could not be started'],
];

/** OpenSSL's certificate verdicts (https://nodejs.org/api/tls.html, "X509 certificate error codes") and Node's TLS errors. */
function isTlsCode(code: string): boolean {
  return code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code.startsWith('UNABLE_TO_') || code.includes('CERT');
}

/** The first error code along the error's `cause` chain (fetch wraps the socket's error in a TypeError). */
export function failureCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    // Codes are identifiers; anything else is not repeated to a caller.
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(code)) return code;
  }
  return undefined;
}

/** What went wrong, without any address: `the connection was refused (ECONNREFUSED)`. */
export function connectionFailureReason(error: unknown): string {
  const code = failureCode(error);
  if (code === undefined) return 'the connection failed';
  if (isTlsCode(code)) return `the TLS handshake failed (${code})`;
  const known = reasons.find(([codes]) => codes.includes(code));
  return `${known?.[1] ?? 'the connection failed'} (${code})`;
}

/**
 * A failure's message fit for a caller: an error carrying a system or undici code becomes its
 * reason in words (its message names addresses and paths); any other keeps its own message.
 */
export function callerSafeMessage(error: unknown): string {
  if (failureCode(error) !== undefined) return connectionFailureReason(error);
  return error instanceof Error ? error.message : String(error);
}

/** The error's own message (and its causes'), for the logs only. */
export function failureDetail(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}
