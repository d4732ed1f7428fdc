/**
 * A text document (a plain-text source, or inline `text/*` bytes such as text/plain or text/csv)
 * as a text part, for a target whose messages take no documents. OpenAI's advice for its Chat API,
 * which takes PDF files only: "read the file in your application and send its content as a text
 * content part" (https://developers.openai.com/api/docs/guides/file-inputs). The text is headed by
 * the document's title or file name, so the model can tell which document it reads.
 */
import type { FilePart, TextPart } from '../interlingua/content.js';

/** The document's text, or undefined when it is not text (a PDF, an image, a URL). */
export function textDocumentText(part: FilePart): string | undefined {
  const { source } = part;
  if (source.kind === 'text') return source.text;
  if (source.kind === 'base64' && source.mediaType.startsWith('text/')) return Buffer.from(source.data, 'base64').toString('utf8');
  return undefined;
}

/** The document as a text part (`notes.txt:\n…`), or undefined when it is not text. */
export function textDocumentPart(part: FilePart): TextPart | undefined {
  const text = textDocumentText(part);
  if (text === undefined) return undefined;
  const name = part.title ?? part.filename;
  return { type: 'text', text: name === undefined ? text : `${name}:\n${text}` };
}
