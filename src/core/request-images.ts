import type { ImagePart, ToolResultPart, UserPart } from '../interlingua/content.js';
import type { Message } from '../interlingua/message.js';
import type { ChatRequest } from '../interlingua/request.js';

/** Every image of the request, in user turns and inside tool results, in order. */
export function imagesOf(request: ChatRequest): ImagePart[] {
  const images: ImagePart[] = [];
  const collect = (parts: readonly UserPart[]): void => {
    for (const part of parts) if (part.type === 'image') images.push(part);
  };
  for (const message of request.messages) {
    if (message.role === 'user') collect(message.content);
    else if (message.role === 'tool') for (const result of message.content) collect(result.content);
  }
  return images;
}

/** Whether the request holds an image anywhere imagesOf looks. */
export function hasImages(request: ChatRequest): boolean {
  return request.messages.some((message) =>
    message.role === 'user' ? message.content.some((part) => part.type === 'image') : message.role === 'tool' && message.content.some((result) => result.content.some((part) => part.type === 'image')),
  );
}

/**
 * The request with some of its images replaced (each found by identity), copying only the
 * messages and tool results that hold one; the same object when there is nothing to replace.
 */
export function withImagesReplaced(request: ChatRequest, replacements: ReadonlyMap<ImagePart, ImagePart>): ChatRequest {
  if (replacements.size === 0) return request;
  let messages: Message[] | undefined;
  request.messages.forEach((message, index) => {
    const replaced = messageWithImagesReplaced(message, replacements);
    if (replaced === message) return;
    messages ??= [...request.messages];
    messages[index] = replaced;
  });
  return messages === undefined ? request : { ...request, messages };
}

function messageWithImagesReplaced(message: Message, replacements: ReadonlyMap<ImagePart, ImagePart>): Message {
  if (message.role === 'user') {
    const content = partsReplaced(message.content, replacements);
    return content === message.content ? message : { ...message, content };
  }
  if (message.role !== 'tool') return message;
  let results: ToolResultPart[] | undefined;
  message.content.forEach((result, index) => {
    const content = partsReplaced(result.content, replacements);
    if (content === result.content) return;
    results ??= [...message.content];
    results[index] = { ...result, content };
  });
  return results === undefined ? message : { ...message, content: results };
}

function partsReplaced<Part extends UserPart>(parts: Part[], replacements: ReadonlyMap<ImagePart, ImagePart>): Part[] {
  let copy: Part[] | undefined;
  parts.forEach((part, index) => {
    const replacement = part.type === 'image' ? replacements.get(part) : undefined;
    if (replacement === undefined) return;
    copy ??= [...parts];
    copy[index] = replacement as Part;
  });
  return copy ?? parts;
}
