/**
 * A URL as it may be logged or shown: the user-info (`user:password@`) of its authority becomes
 * `***@`, so a provider's `baseUrl` written as `http://bob:SECRET@host/v1` names its host and
 * not its password. Works on the text, not through `new URL`, so the rest stays as written and a
 * string that is no URL passes unchanged. The authority ends at the first `/`, `?` or `#`, and the
 * user-info at its last `@` (RFC 3986 §3.2: https://www.rfc-editor.org/rfc/rfc3986#section-3.2).
 */
export function withoutUrlCredentials(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1***@');
}
