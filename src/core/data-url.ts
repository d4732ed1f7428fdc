/**
 * `data:` URLs with base64 bytes, the form OpenAI takes inline files and images in
 * (`file.file_data`, `input_file.file_data`, `image_url.url`).
 * Format: https://developer.mozilla.org/en-US/docs/Web/URI/Reference/Schemes/data
 */

/** The media type and base64 bytes of a `data:<type>;base64,<data>` URL; undefined for anything else. */
export function parseBase64DataUrl(url: string): { mediaType: string; data: string } | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma === -1) return undefined;
  const [mediaType = '', ...parameters] = url.slice(5, comma).split(';');
  if (parameters.at(-1)?.toLowerCase() !== 'base64' || mediaType === '') return undefined;
  return { mediaType, data: url.slice(comma + 1) };
}

export function base64DataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}
