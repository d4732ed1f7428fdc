/**
 * Documents given by URL, for an upstream that refuses them though its codec writes them
 * (`DialectCapabilities.documentUrls: false`). Claude on Vertex refuses the whole request for one:
 * "messages.0.content.0.image.source.base64.data: URL sources are not supported" for a PDF by URL
 * (https://github.com/anthropics/anthropic-sdk-typescript/issues/1038), where Anthropic's own API
 * fetches it. So each such document is replaced by a note naming it, in its place, as the dialects
 * that cannot carry a document URL leave it out (bedrock/documents.ts, gemini/file-parts.ts), and the
 * caller is told how many were. Images by URL are inlined instead (gateway/image-inliner.ts).
 */
import type { FilePart, TextPart, ToolResultContentPart, UserPart } from '../interlingua/content.js';
import type { Message } from '../interlingua/message.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { WithWarnings } from '../interlingua/warning.js';

type UrlFile = FilePart & { source: { kind: 'url'; url: string } };

const isUrlFile = (part: UserPart | ToolResultContentPart): part is UrlFile => part.type === 'file' && part.source.kind === 'url';

/** `request` with every document URL replaced by a note; the same object when it has none. `upstream` names the target in the note. */
export function withoutDocumentUrls(request: ChatRequest, upstream: string): WithWarnings<ChatRequest> {
  let replaced = 0;
  const note = (part: UrlFile): TextPart => {
    replaced += 1;
    return { type: 'text', text: `[document ${part.source.url} omitted: ${upstream} takes no documents by URL]` };
  };
  const fitParts = <T extends UserPart | ToolResultContentPart>(parts: T[]): Array<T | TextPart> => (parts.some(isUrlFile) ? parts.map((part) => (isUrlFile(part) ? note(part) : part)) : parts);
  const messages = request.messages.map((message): Message => {
    if (message.role === 'user') {
      const content = fitParts(message.content);
      return content === message.content ? message : { ...message, content };
    }
    if (message.role !== 'tool' || !message.content.some((result) => result.content.some(isUrlFile))) return message;
    return { ...message, content: message.content.map((result) => ({ ...result, content: fitParts(result.content) })) };
  });
  if (replaced === 0) return { value: request, warnings: [] };
  const message = `${upstream} takes no documents by URL; ${replaced} ${replaced === 1 ? 'was' : 'were'} replaced by a note saying so.`;
  return { value: { ...request, messages }, warnings: [{ type: 'unsupported', feature: 'file.url', message }] };
}
