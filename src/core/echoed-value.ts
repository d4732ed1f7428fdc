/**
 * A value from the request named in an error message, kept short. Errors go back to the caller
 * and into the logs, so a field that held a prompt, a key or a megabyte of base64 must not come
 * back whole: enough of it to recognize, quoted, and how much was left out.
 */
export function echoedValue(value: unknown, maxCharacters = 40): string {
  const text = typeof value === 'string' ? value : String(value);
  if (text.length <= maxCharacters) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, maxCharacters))}… (${text.length} characters)`;
}
