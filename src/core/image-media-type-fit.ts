import type { ImagePart } from '../interlingua/content.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning, WithWarnings } from '../interlingua/warning.js';
import { imageMediaTypeOfBase64 } from './image-signature.js';
import { imagesOf, withImagesReplaced } from './request-images.js';

/**
 * Inline images whose media type their data contradicts, labelled by the data instead. Clients
 * mislabel often (a PNG screenshot as `data:image/jpeg`, `image/jpg`), and OpenAI, which reads
 * the bytes, takes it; Anthropic refuses it ("messages.6.content.5.image.source.base64.data: Image
 * does not match the provided media type image/png": github.com/anthropics/claude-code/issues/15746),
 * and so does Bedrock ("The image was specified using the image/jpeg media type, but the image
 * appears to be a image/png image": github.com/aws-samples/amazon-bedrock-client-for-mac/issues/130).
 * A format the signatures do not know keeps its label. The same request object when nothing changes.
 */
export function fitImageMediaTypes(request: ChatRequest): WithWarnings<ChatRequest> {
  const warnings: Warning[] = [];
  const relabelled = new Map<ImagePart, ImagePart>();
  for (const image of imagesOf(request)) {
    if (image.source.kind !== 'base64') continue;
    const found = imageMediaTypeOfBase64(image.source.data);
    const declared = image.source.mediaType;
    if (found === undefined || found === declared.toLowerCase()) continue;
    warnings.push({ type: 'compatibility', feature: 'image.media_type', message: `An image declared ${declared} holds ${found} data; it was sent as ${found}.` });
    relabelled.set(image, { ...image, source: { ...image.source, mediaType: found } });
  }
  return { value: withImagesReplaced(request, relabelled), warnings };
}
