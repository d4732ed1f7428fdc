/**
 * A text cut to at most `maxCharacters`, ending in `…` when it was cut, and never between the two
 * halves of a surrogate pair (neither store keeps a lone half as written). For what the gateway
 * keeps of a caller's or an upstream's words: a model name, an error message.
 */
export function clippedText(text: string, maxCharacters: number): string {
  if (text.length <= maxCharacters) return text;
  let end = maxCharacters - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
