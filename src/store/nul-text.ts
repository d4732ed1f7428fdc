/**
 * PostgreSQL's text types cannot hold U+0000: "the character with code zero (sometimes called
 * NUL) cannot be stored" (https://www.postgresql.org/docs/current/datatype-character.html), and a
 * statement that binds one is refused whole (SQLSTATE 22021, `invalid byte sequence for encoding
 * "UTF8": 0x00`). Callers can put one anywhere (a model name, a path, an id), so text from them is
 * made storable before it is written, and a lookup by a value holding one answers "none" without
 * asking: nothing stored holds one. SQLite would store it; both stores get the same rule, so a
 * gateway behaves alike on either.
 */

/** Whether `text` holds a NUL, which no stored text does. */
export function holdsNul(text: string): boolean {
  return text.includes('\u0000');
}

/**
 * `text` with each NUL replaced by U+FFFD, the replacement character. Runs for every usage row,
 * so the common text without one is returned as it is after a single native scan.
 */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}
