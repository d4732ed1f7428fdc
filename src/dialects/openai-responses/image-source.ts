import type { ImageSource } from '../../interlingua/content.js';
import type { ReadableImageSource } from '../../core/uploaded-images.js';

/**
 * A `data:` URL with `;base64` becomes inline bytes; anything else stays a URL. Responses takes
 * both forms in `input_image.image_url`
 * (https://platform.openai.com/docs/guides/images-vision?api-mode=responses).
 * Format: https://developer.mozilla.org/en-US/docs/Web/URI/Reference/Schemes/data
 */
export function imageSource(url: string): ImageSource {
  if (url.startsWith('data:')) {
    const comma = url.indexOf(',');
    if (comma !== -1) {
      const [mediaType = '', ...parameters] = url.slice(5, comma).split(';');
      if (parameters.at(-1)?.toLowerCase() === 'base64' && mediaType !== '') {
        return { kind: 'base64', mediaType, data: url.slice(comma + 1) };
      }
    }
  }
  return { kind: 'url', url };
}

export function imageUrl(source: ReadableImageSource): string {
  return source.kind === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`;
}
