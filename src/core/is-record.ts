/**
 * A plain JSON object (not null, not an array): what untrusted JSON and vendor data are checked
 * for before their fields are read. One definition for every dialect and the gateway.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
