import type { ImagePart, ToolResultPart, UserPart } from '../interlingua/content.js';
import type { Message } from '../interlingua/message.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning, WithWarnings } from '../interlingua/warning.js';
import { imageMediaTypeOfBase64 } from './image-signature.js';

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
  let messages: Message[] | undefined;
  request.messages.forEach((message, index) => {
    const fitted = relabelledMessage(message, warnings);
    if (fitted === message) return;
    messages ??= [...request.messages];
    messages[index] = fitted;
  });
  return { value: messages === undefined ? request : { ...request, messages }, warnings };
}

function relabelledMessage(message: Message, warnings: Warning[]): Message {
  if (message.role === 'user') {
    const content = relabelled(message.content, warnings);
    return content === message.content ? message : { ...message, content };
  }
  if (message.role !== 'tool') return message;
  let results: ToolResultPart[] | undefined;
  message.content.forEach((result, index) => {
    const content = relabelled(result.content, warnings);
    if (content === result.content) return;
    results ??= [...message.content];
    results[index] = { ...result, content };
  });
  return results === undefined ? message : { ...message, content: results };
}

/** The parts with each mislabelled image relabelled, or the same array when none is. */
function relabelled<Part extends UserPart>(parts: Part[], warnings: Warning[]): Part[] {
  let copy: Part[] | undefined;
  parts.forEach((part, index) => {
    if (part.type !== 'image' || part.source.kind !== 'base64') return;
    const found = imageMediaTypeOfBase64(part.source.data);
    const declared = part.source.mediaType;
    if (found === undefined || found === declared.toLowerCase()) return;
    warnings.push({ type: 'compatibility', feature: 'image.media_type', message: `An image declared ${declared} holds ${found} data; it was sent as ${found}.` });
    const image: ImagePart = { ...part, source: { ...part.source, mediaType: found } };
    copy ??= [...parts];
    copy[index] = image as Part;
  });
  return copy ?? parts;
}
