const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * The furthest a Date reaches from 1970 either way, in milliseconds (ECMA-262, "Time Values and Time
 * Range": 8.64e15). A span past it was stored as a key's expiry that no Date can show: printing the
 * key failed, in `keys create` after the key was stored and before its secret was shown.
 */
export const furthestMomentMs = 8.64e15;

/**
 * `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM[:SS[.fraction]]`, optionally followed
 * by `Z` or an offset (`+02:00`, `+0200`, `+02`): ISO 8601's calendar forms, and the `time (UTC)`
 * column `interlingua usage` prints (`2026-12-06 02:54:00`).
 */
const isoMoment = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

/**
 * A moment written the way people write them on a command line: a span (`30d`, `12h`, `90m`) counted
 * from `now` in `direction` (+1: later, for expiry; -1: earlier, for `--since`), an ISO 8601 date
 * (`2026-12-31`, midnight UTC), a date and time (`2026-12-31T12:00:00Z`, `2026-12-31 12:00+02:00`; UTC
 * when no zone is written, as every time the CLI and the console print is), or epoch milliseconds (13
 * digits). Nothing else: `Date.parse` guesses (`45` is the year 2045, `2030-02-31` is in March, a time
 * with no zone is local), and a guess here moves a key's expiry or a usage window without a word.
 */
export function parseMoment(text: string, now: number, direction: 1 | -1, what: string): number {
  const trimmed = text.trim();
  const span = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(trimmed);
  if (span?.[1] !== undefined && span[2] !== undefined) {
    // Whole milliseconds: stored moments are integers (`0.0001s` gave a fraction a bigint column refuses).
    const moment = Math.floor(now + direction * Number(span[1]) * (units[span[2].toLowerCase()] as number));
    if (!(Math.abs(moment) <= furthestMomentMs)) throw new Error(`${what}: "${text}" is further from 1970 than any date`);
    return moment;
  }
  if (/^\d{13}$/.test(trimmed)) return Number(trimmed);
  const iso = isoMoment.exec(trimmed);
  if (iso !== null) return isoValue(iso, text, what);
  throw new Error(`${what}: "${text}" is not a span, date or time${numberHint(trimmed)}; ${acceptedForms(direction)}`);
}

/** The forms `parseMoment` reads, for its messages. */
function acceptedForms(direction: 1 | -1): string {
  const span = direction === 1 ? 'a span from now' : 'a span back from now';
  return `write ${span} (30d, 12h, 90m), a date (2026-12-31, midnight UTC), a time (2026-12-31 12:00:00, UTC unless it ends in Z or an offset such as +02:00) or epoch milliseconds (13 digits)`;
}

/** A bare number is most often a span without its unit, or epoch seconds. */
function numberHint(text: string): string {
  if (/^\d{10}$/.test(text)) return ` (epoch seconds? write milliseconds: ${text}000)`;
  if (/^\d{1,9}(?:\.\d+)?$/.test(text)) return ` (did you mean ${text}d?)`;
  return '';
}

/** The moment an `isoMoment` match names, or an error when a field is out of range (`02-31`, `24:00`, `+25:00`). */
function isoValue(match: RegExpExecArray, text: string, what: string): number {
  const [, year, month, day, hour, minute, second, fraction, zulu, sign, offsetHours, offsetMinutes] = match;
  const field = (value: string | undefined) => (value === undefined ? 0 : Number(value));
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(field(year), field(month) - 1, field(day));
  date.setUTCHours(field(hour), field(minute), field(second), Math.floor(Number(`0.${fraction ?? '0'}`) * 1000));
  const fieldsKept =
    date.getUTCFullYear() === field(year) &&
    date.getUTCMonth() === field(month) - 1 &&
    date.getUTCDate() === field(day) &&
    date.getUTCHours() === field(hour) &&
    date.getUTCMinutes() === field(minute) &&
    date.getUTCSeconds() === field(second);
  if (!fieldsKept) throw new Error(`${what}: "${text}" is not a date on the calendar (a month has at most 28–31 days, a day 00:00:00 to 23:59:59)`);
  if (zulu !== undefined || sign === undefined) return date.getTime();
  if (field(offsetHours) > 23 || field(offsetMinutes) > 59) throw new Error(`${what}: "${text}" has an offset from UTC past ±23:59`);
  // 12:00+02:00 is 10:00 UTC: the offset is taken back off.
  const offsetMs = (field(offsetHours) * 60 + field(offsetMinutes)) * 60_000;
  return date.getTime() - (sign === '+' ? offsetMs : -offsetMs);
}

/** Why a new key's expiry was refused: it has passed already (here, where the CLI's light modules reach it). */
export function pastExpiry(what: string, expiresAt: number): string {
  return `${what}: ${new Date(expiresAt).toISOString()} has passed; a new key's expiry lies ahead`;
}

/**
 * Why a key's changed expiry was refused. Moving an expiry into the past is not how a key is
 * ended at once: revoking it is, and says so in the key's record (`revokedAt`); a past date here
 * is most often epoch seconds or a typo, which once killed the key without a word.
 */
export function pastChangedExpiry(what: string, expiresAt: number): string {
  return `${what}: ${new Date(expiresAt).toISOString()} has passed; a key's new expiry lies ahead (to end a key now, revoke it: DELETE /admin/keys/{id})`;
}

/**
 * Epoch milliseconds given as a JSON number: 13 digits (2001-09-09 to 2286-11-20), as `parseMoment`
 * reads them in text. Epoch seconds (10 digits) read as milliseconds land in January 1970, so any
 * other number is refused rather than taken.
 */
export function epochMilliseconds(value: number, what: string): number {
  if (Number.isInteger(value) && value >= 1e12 && value < 1e13) return value;
  const seconds = Number.isInteger(value) && value >= 1e9 && value < 1e10 ? ` (epoch seconds? write milliseconds: ${value * 1000})` : '';
  throw new Error(`${what}: ${value} is not epoch milliseconds (13 digits)${seconds}; ${acceptedForms(1)}`);
}
