/**
 * Vertex AI cannot open a file of the Gemini Developer API's Files API: "the file upload is not
 * supported on Vertex, the alternative way is to use Google Cloud Storage"
 * (github.com/googleapis/js-genai/issues/581), and a `fileData` URI it cannot read is refused,
 * "Unsupported file uri: …" (github.com/BerriAI/litellm/issues/11529). A document read from one is
 * that API's file id (file-parts.ts), an image keeps its URI (contents-parse.ts): before a request
 * goes to Vertex both are left out, with the warning another vendor's file id gets. gs:// URIs stay.
 */
import type { ToolResultPart, UserPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { isGeminiFilesApiUri } from '../../core/gemini-only-images.js';
import { leftOutFileId } from './file-parts.js';
import { dialectName } from './vendor.js';

type MediaPart = UserPart | ToolResultPart['content'][number];

/** The Files API URI a part names, when it names one. */
function filesApiUri(part: MediaPart): string | undefined {
  if (part.type === 'text') return undefined;
  const { source } = part;
  if (source.kind === 'file-id') return source.origin === dialectName ? source.fileId : undefined;
  return source.kind === 'url' && isGeminiFilesApiUri(source.url) ? source.url : undefined;
}

function kept<P extends MediaPart>(parts: readonly P[], warnings: Warning[]): P[] {
  return parts.filter((part) => {
    const uri = filesApiUri(part);
    if (uri !== undefined) leftOutFileId({ origin: 'the Gemini API', fileId: uri }, warnings);
    return uri === undefined;
  });
}

function partsOf(message: Message): MediaPart[] {
  if (message.role === 'user') return message.content;
  return message.role === 'tool' ? message.content.flatMap((result) => result.content) : [];
}

function withoutFilesApiParts(message: Message, warnings: Warning[]): Message {
  switch (message.role) {
    case 'user':
      return { ...message, content: kept(message.content, warnings) };
    case 'tool':
      return { ...message, content: message.content.map((result) => ({ ...result, content: kept(result.content, warnings) })) };
    default:
      return message;
  }
}

/** The request without the Gemini API's files, the same object when it names none. */
export function withoutGeminiApiFiles(request: ChatRequest, warnings: Warning[]): ChatRequest {
  if (!request.messages.some((message) => partsOf(message).some((part) => filesApiUri(part) !== undefined))) return request;
  return { ...request, messages: request.messages.map((message) => withoutFilesApiParts(message, warnings)) };
}
