const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A moment written the way people write them on a command line: an ISO 8601 date or time
 * (`2026-12-31`, `2026-12-31T12:00:00Z`), epoch milliseconds, or a span (`30d`, `12h`, `90m`)
 * counted from `now` in `direction` (+1: later, for expiry; -1: earlier, for `--since`).
 */
export function parseMoment(text: string, now: number, direction: 1 | -1, what: string): number {
  const span = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(text.trim());
  if (span?.[1] !== undefined && span[2] !== undefined) return now + direction * Number(span[1]) * (units[span[2].toLowerCase()] as number);
  if (/^\d{10,}$/.test(text.trim())) return Number(text.trim());
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) throw new Error(`${what}: "${text}" is neither a date (2026-12-31), a time (2026-12-31T12:00:00Z) nor a span (30d, 12h, 90m)`);
  return parsed;
}

/** Why a new key's expiry was refused: it has passed already (here, where the CLI's light modules reach it). */
export function pastExpiry(what: string, expiresAt: number): string {
  return `${what}: ${new Date(expiresAt).toISOString()} has passed; a new key's expiry lies ahead`;
}
