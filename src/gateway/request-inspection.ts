import type { ChatRequest } from '../interlingua/request.js';
import type { ImagePart } from '../interlingua/content.js';
import { isGeminiOnlyUri } from '../core/gemini-only-images.js';

/**
 * Whether an image must be inlined before `targetDialect` can take it: it is given by URL and
 * carries none of the target's own vendor data. A part the target itself parsed (a Gemini
 * `fileData` URI going back to Gemini) is the target's to emit as it came. A gs:// or Gemini Files
 * API URI is not fetched for another target (there is nothing there it could read without the
 * caller's Google credentials): its emitter leaves it out with a warning (core/gemini-only-images.ts).
 */
export function needsInlining(part: ImagePart, targetDialect: string): boolean {
  return part.source.kind === 'url' && part.vendor?.[targetDialect] === undefined && !isGeminiOnlyUri(part.source.url);
}

/** Whether any image in the request must be inlined for `targetDialect`. */
export function hasImagesToInline(request: ChatRequest, targetDialect: string): boolean {
  return request.messages.some((message) => {
    if (message.role === 'user') return message.content.some((part) => part.type === 'image' && needsInlining(part, targetDialect));
    if (message.role === 'tool') {
      return message.content.some((result) => result.content.some((part) => part.type === 'image' && needsInlining(part, targetDialect)));
    }
    return false;
  });
}
