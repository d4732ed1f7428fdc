/**
 * Whatever a field is called, a credential's value never reaches a log line: a value under one of
 * these names is replaced, at the top of a line's fields, one level down (`upstream.apiKey`), in
 * `headers` and in any field's `headers` (`response.headers.cookie`).
 *
 * Done here rather than with pino's `redact` option: it cost about 22 µs per line (measured with
 * the 'request served' line, against under 2 µs for the line itself), on every request. A line
 * without secrets, nearly all of them, is passed through untouched; one with secrets is copied
 * where they are, never changed in place.
 */
const secretNames: ReadonlySet<string> = new Set(['authorization', 'apiKey', 'api_key', 'adminKey', 'password', 'x-api-key', 'x-goog-api-key', 'cookie']);

export const redactedValue = '[redacted]';

export function withoutSecrets(fields: Record<string, unknown>): Record<string, unknown> {
  return cleaned(fields, 'fields');
}

/** `fields` looks one level down and into `headers`; a field looks into its `headers`; `headers` only at itself. */
type Depth = 'fields' | 'field' | 'headers';

function cleaned(object: Record<string, unknown>, depth: Depth): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const name of Object.keys(object)) {
    const value = object[name];
    if (secretNames.has(name)) {
      if (value !== undefined) (copy ??= { ...object })[name] = redactedValue;
      continue;
    }
    if (depth === 'headers' || typeof value !== 'object' || value === null) continue;
    if (depth === 'field' && name !== 'headers') continue;
    const inner = cleaned(value as Record<string, unknown>, depth === 'fields' ? 'field' : 'headers');
    if (inner !== value) (copy ??= { ...object })[name] = inner;
  }
  return copy ?? object;
}
