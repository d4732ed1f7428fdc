import { parseMoment } from '../keys/time-text.js';
import { holdsNul } from '../store/nul-text.js';

/**
 * The values of the admin routes' query parameters. Each throws a plain `Error` saying what the
 * parameter takes, which the routes answer as a 400 `invalid_request`; none lets through a value
 * the database would refuse, which reached the caller as a 500.
 */

/**
 * A whole number from `min` to `max`. A safe integer, not merely an integer: `Number.isInteger(1e20)`
 * is true, but 1e20 binds as `1e+20`, which neither SQLite's nor PostgreSQL's LIMIT and OFFSET take.
 */
export function wholeNumber(text: string, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  // Written in decimal (`100`, `1e2`): `Number` also reads `0x10`, `0b1`, `Infinity` and blanks, which no caller means as a count.
  const value = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new Error(max === Number.MAX_SAFE_INTEGER ? `${name}: a whole number from ${min}` : `${name}: a whole number from ${min} to ${max}`);
  return value;
}

/**
 * A moment as `parseMoment` reads it (a date, a time, epoch milliseconds or a span back from
 * `now`), in whole milliseconds (created_at is a bigint: `0.0001s` came out as a fraction it does
 * not take) and within a Date's range.
 */
export function momentParam(text: string, now: number, name: string): number {
  return parseMoment(text, now, -1, name);
}

/** A text to filter stored rows by: one holding a NUL matches none, and PostgreSQL would refuse it (nul-text.ts). */
export function filterText(text: string, name: string): string {
  if (holdsNul(text)) throw new Error(`${name}: cannot hold the character U+0000 (NUL)`);
  return text;
}
