/**
 * What format base64 image data is, by its magic number, as the vendors that check an image's
 * declared media type against its data read it: PNG, JPEG, GIF and WebP; undefined otherwise.
 */
export function imageDataFormat(base64: string): 'png' | 'jpeg' | 'gif' | 'webp' | undefined {
  const bytes = Buffer.from(base64.slice(0, 16), 'base64');
  const hex = bytes.toString('hex');
  if (hex.startsWith('89504e470d0a1a0a')) return 'png';
  if (hex.startsWith('ffd8ff')) return 'jpeg';
  if (hex.startsWith('47494638')) return 'gif';
  if (hex.startsWith('52494646') && hex.slice(16, 24) === '57454250') return 'webp';
  return undefined;
}
