import { jsonSyntaxErrorOffset, lineAndColumn } from './json-syntax-error.js';

/**
 * How deeply JSON from outside (a caller's body, an upstream's answer or stream event, a OneBot
 * frame) may nest. `JSON.parse` itself copes with any depth, but everything after it that walks
 * the value (schema conversion, cloning, `JSON.stringify` on the way out) recurses and overflows
 * the stack somewhere past a few thousand levels. The deepest legitimate documents are JSON
 * Schemas in tool definitions and response formats, which nest ~10–30 levels (each property
 * adds two: `properties` and the property's schema); 128 leaves room for any real one.
 */
export const maxJsonDepth = 128;

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; kind: 'too-deep' | 'not-json'; problem: string };

/**
 * `JSON.parse` behind a nesting limit, whose failures say where the text went wrong but never
 * quote it: the text may hold keys and personal data, and the problem goes to callers and logs.
 * The problem reads as the end of a sentence: "is not valid JSON at line 1, column 9".
 */
export function parseJsonText(text: string, depthLimit = maxJsonDepth): JsonTextResult {
  // Nesting past the limit takes more opening brackets than the limit, so a text with no more
  // than that is not scanned: counting them with native `indexOf` costs a tenth of the scan, and
  // most bodies and stream events have far fewer.
  const tooDeep = text.length <= depthLimit || openingsAtMost(text, depthLimit) ? undefined : depthLimitOffset(text, depthLimit);
  if (tooDeep !== undefined) return { ok: false, kind: 'too-deep', problem: `nests deeper than ${depthLimit} levels ${place(text, tooDeep)}` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const offset = jsonSyntaxErrorOffset(text);
    return { ok: false, kind: 'not-json', problem: offset === undefined ? 'is not valid JSON' : `is not valid JSON ${place(text, offset)}` };
  }
}

/** Whether the text holds at most `limit` opening brackets, in strings or not; stops counting past it. */
function openingsAtMost(text: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) if (++count > limit) return false;
  }
  return true;
}

function place(text: string, offset: number): string {
  const { line, column } = lineAndColumn(text, offset);
  return `at line ${line}, column ${column} (character ${offset})`;
}

/**
 * The offset of the bracket that opens one level too many, or undefined. Counts `[` and `{`
 * outside strings and jumps over each string with `indexOf`, so a body that is mostly a long
 * string (a base64 image) is scanned at native speed. Malformed text is left to `JSON.parse`.
 */
export function depthLimitOffset(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      index = closingQuote(text, index);
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return index;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return undefined;
}

/** The quote that ends the string opening at `open` (one not escaped by an odd run of backslashes). */
function closingQuote(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}
