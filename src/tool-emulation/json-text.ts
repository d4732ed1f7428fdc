/**
 * Small tolerant readers for the JSON models write in prose: what a fenced block holds (where a
 * JSON value or a block ends is found chunk by chunk in `segment-scanners.ts`). Parsing itself is
 * `JSON.parse`; the values are checked by shape in `call-objects.ts` before anything is trusted.
 */

/** `JSON.parse` that answers instead of throwing. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (caught) {
    return { ok: false, reason: caught instanceof Error ? caught.message : String(caught) };
  }
}

export const fence = '```';

/**
 * The body of a fenced block (without its language line), or the text itself when it is not
 * fenced. A block cut off before its closing fence still gives its body.
 */
export function unfence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith(fence)) return trimmed;
  const newline = trimmed.indexOf('\n');
  const closing = trimmed.lastIndexOf(fence);
  const bodyStart = newline === -1 ? fence.length : newline + 1;
  const bodyEnd = closing >= bodyStart ? closing : trimmed.length;
  // A one-line block (```{"a":1}```) has no language line.
  if (newline === -1 || newline > closing) return trimmed.slice(fence.length, closing > fence.length ? closing : trimmed.length).trim();
  return trimmed.slice(bodyStart, bodyEnd).trim();
}
