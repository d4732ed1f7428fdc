/**
 * Images for a model that reads none (`vision: false`, model-facts.ts). Such a model's API refuses
 * the whole request rather than skip the part: DeepSeek answers "Failed to deserialize the JSON body
 * into the target type: messages[1]: unknown variant `image_url`, expected `text`"
 * (https://github.com/rikkahub/rikkahub/issues/1433), and a conversation that once held an image
 * fails on every later turn (https://github.com/nesquena/hermes-webui/issues/2297). So each image,
 * and each file that carries images (an image file, or a PDF, which OpenAI reads as "both the
 * extracted text and an image of each page", https://developers.openai.com/docs/guides/pdf-files),
 * is replaced by a short note in its place, and the caller is told how many were.
 */
import type { FilePart, ImagePart, TextPart, ToolResultContentPart, UserPart } from '../interlingua/content.js';
import type { Message } from '../interlingua/message.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';

export function withoutImages(request: ChatRequest, model: string, warnings: Warning[]): ChatRequest {
  let replaced = 0;
  const note = (part: ImagePart | FilePart): TextPart => {
    replaced += 1;
    return { type: 'text', text: part.type === 'image' ? `[image omitted: ${model} does not read images]` : `[file${nameOf(part)} omitted: ${model} does not read images]` };
  };
  const fitParts = <T extends UserPart | ToolResultContentPart>(parts: T[]): Array<T | TextPart> =>
    parts.some(bearsImages) ? parts.map((part) => (bearsImages(part) ? note(part) : part)) : parts;
  const messages = request.messages.map((message): Message => {
    if (message.role === 'user') {
      const content = fitParts(message.content);
      return content === message.content ? message : { ...message, content };
    }
    if (message.role !== 'tool' || !message.content.some((result) => result.content.some(bearsImages))) return message;
    return { ...message, content: message.content.map((result) => ({ ...result, content: fitParts(result.content) })) };
  });
  if (replaced === 0) return request;
  warnings.push({
    type: 'unsupported',
    feature: 'image',
    message: `${model} does not read images; ${replaced} image${replaced === 1 ? ' (or file carrying one) was' : 's (or files carrying them) were'} replaced by a note saying so.`,
  });
  return { ...request, messages };
}

function bearsImages(part: UserPart | ToolResultContentPart): part is ImagePart | FilePart {
  if (part.type === 'image') return true;
  if (part.type !== 'file' || part.source.kind === 'text') return false;
  const mediaType = part.source.mediaType?.toLowerCase();
  return mediaType !== undefined && (mediaType.startsWith('image/') || mediaType === 'application/pdf');
}

function nameOf(part: FilePart): string {
  const name = part.filename ?? part.title;
  return name === undefined ? '' : ` "${name}"`;
}
