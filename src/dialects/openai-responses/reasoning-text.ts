/**
 * A reasoning item holds its text as several `summary_text` parts (one per reasoning step, each
 * starting with a bold title) or, from open-weight servers, several `reasoning_text` parts. The
 * interlingua holds one text, so the parts are joined with a blank line (what the stream decoder
 * writes between `reasoning_summary_part.added` events too) and their lengths are kept in
 * vendor data, so the emitter can cut the text back exactly where it was joined, and only there.
 */
export const partSeparator = '\n\n';

export function joinReasoningTexts(texts: readonly string[]): { text: string; lengths?: number[] } {
  const text = texts.join(partSeparator);
  return texts.length > 1 ? { text, lengths: texts.map((part) => part.length) } : { text };
}

/** The parts `text` was joined from, when `lengths` still fits it; otherwise the whole text as one part. */
export function splitReasoningText(text: string, lengths: unknown): string[] {
  if (Array.isArray(lengths) && lengths.length > 1 && lengths.every((length) => Number.isInteger(length) && length >= 0)) {
    const parts: string[] = [];
    let offset = 0;
    for (const [index, length] of (lengths as number[]).entries()) {
      if (index > 0) {
        if (text.slice(offset, offset + partSeparator.length) !== partSeparator) return wholeText(text);
        offset += partSeparator.length;
      }
      parts.push(text.slice(offset, offset + length));
      offset += length;
    }
    if (offset === text.length) return parts;
  }
  return wholeText(text);
}

function wholeText(text: string): string[] {
  return text === '' ? [] : [text];
}
