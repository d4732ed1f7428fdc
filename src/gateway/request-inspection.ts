import type { ChatRequest } from '../interlingua/request.js';

/** Whether any image in the request is given by URL (and so must be inlined for some targets). */
export function hasImageUrls(request: ChatRequest): boolean {
  return request.messages.some((message) => {
    if (message.role === 'user') return message.content.some((part) => part.type === 'image' && part.source.kind === 'url');
    if (message.role === 'tool') {
      return message.content.some((result) => result.content.some((part) => part.type === 'image' && part.source.kind === 'url'));
    }
    return false;
  });
}
