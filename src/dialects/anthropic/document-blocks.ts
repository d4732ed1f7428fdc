/**
 * Anthropic `document` blocks ⇄ interlingua file parts, in user turns and inside `tool_result`
 * content (the SDK's `ToolResultBlockParam.content` takes `DocumentBlockParam`, @anthropic-ai/sdk
 * resources/messages/messages.d.ts). Anthropic reads PDFs (base64 or by URL) and plain text
 * (https://docs.claude.com/en/docs/build-with-claude/pdf-support); a `content` source (custom
 * blocks) has no interlingua form and stays an opaque block.
 */
import type { FilePart } from '../../interlingua/content.js';
import type { Warning } from '../../interlingua/warning.js';
import { invalidBase64, isStrictBase64 } from '../../core/base64-data.js';
import type { EmittedBlock } from './opaque-blocks.js';
import { anthropicFields, dialectName, isPlainObject, withVendor } from './vendor-data.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { base64SourceSchema, documentBlockSchema, fileSourceSchema, parseWire, plainTextSourceSchema, urlSourceSchema } from './wire-schema.js';
import type { WireBlock } from './wire-schema.js';
import { extraFields } from '../../wire/extra-fields.js';
import { documentBlockFields } from './block-fields.js';

const pdf = 'application/pdf';
const plainText = 'text/plain';

/** A document block as a file part, or undefined when its source has no interlingua form. */
export function parseDocumentBlock(block: WireBlock, path: string): FilePart | undefined {
  const document = parseWire(documentBlockSchema, block, path, 'invalid_request');
  const source = parseDocumentSource(document.source, `${path}.source`);
  if (source === undefined) return undefined;
  const part: FilePart = { type: 'file', source };
  if (document.title !== undefined && document.title !== null) part.title = document.title;
  // `cache_control` and any field not known here only Anthropic reads.
  return withVendor(part, takeContextAndCitations(part, extraFields(document, documentBlockFields)));
}

/**
 * A document's `context` (text the model reads beside it) and `citations: {enabled}`
 * (`DocumentBlockParam`, @anthropic-ai/sdk resources/messages/messages.d.ts) move into the file
 * part, where Bedrock Converse's DocumentBlock, which has both, and the other targets (as text
 * beside the document, or a warning) find them. A shape not known here stays Anthropic's own.
 */
function takeContextAndCitations(part: FilePart, extras: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (extras === undefined) return undefined;
  const { context, citations, ...rest } = extras;
  const kept: Record<string, unknown> = { ...rest };
  if (typeof context === 'string') part.context = context;
  else if (context !== undefined) kept['context'] = context;
  const enabled = isPlainObject(citations) && Object.keys(citations).length === 1 ? citations['enabled'] : undefined;
  if (typeof enabled === 'boolean') part.citations = enabled;
  else if (citations !== undefined) kept['citations'] = citations;
  return Object.keys(kept).length > 0 ? kept : undefined;
}

function parseDocumentSource(source: { type: string }, path: string): FilePart['source'] | undefined {
  switch (source.type) {
    case 'base64': {
      const base64 = parseWire(base64SourceSchema, source, path, 'invalid_request');
      if (!isStrictBase64(base64.data)) throw invalidBase64(`${path}.data`);
      return { kind: 'base64', mediaType: base64.media_type, data: base64.data };
    }
    case 'url':
      // `URLPDFSource`: a URL document is a PDF.
      return { kind: 'url', url: parseWire(urlSourceSchema, source, path, 'invalid_request').url, mediaType: pdf };
    case 'text': {
      const text = parseWire(plainTextSourceSchema, source, path, 'invalid_request');
      return { kind: 'text', mediaType: text.media_type, text: text.data };
    }
    case 'file':
      return { kind: 'file-id', fileId: parseWire(fileSourceSchema, source, path, 'invalid_request').file_id, origin: dialectName };
    default:
      return undefined;
  }
}

function dropped(warnings: Warning[], feature: string, message: string): undefined {
  addWarningPerFeature(warnings, { type: 'unsupported', feature, message });
  return undefined;
}

/**
 * A file part as a document block, or undefined (with a warning) when Anthropic cannot read it:
 * a file type other than PDF or text, a URL to anything but a PDF, another vendor's file id.
 * Text in another `text/*` type is sent as plain text, which is what it is.
 */
export function documentBlock(part: FilePart, warnings: Warning[]): EmittedBlock | undefined {
  const source = documentSource(part.source, warnings);
  if (source === undefined) return undefined;
  const block: EmittedBlock = { ...anthropicFields(part.vendor), type: 'document', source };
  const title = part.title ?? part.filename;
  if (title !== undefined) block['title'] = title;
  if (part.context !== undefined) block['context'] = part.context;
  if (part.citations !== undefined) block['citations'] = { enabled: part.citations };
  return block;
}

function documentSource(source: FilePart['source'], warnings: Warning[]): EmittedBlock | undefined {
  switch (source.kind) {
    case 'base64':
      if (source.mediaType === pdf) return { type: 'base64', media_type: pdf, data: source.data };
      if (source.mediaType.startsWith('text/')) return { type: 'text', media_type: plainText, data: Buffer.from(source.data, 'base64').toString('utf8') };
      return dropped(warnings, `file.${source.mediaType}`, `Anthropic reads PDF and plain-text documents only; a ${source.mediaType} file was left out.`);
    case 'url':
      if ((source.mediaType === undefined || source.mediaType === pdf) && /^https?:\/\//i.test(source.url)) return { type: 'url', url: source.url };
      return dropped(warnings, 'file.url', `Anthropic fetches PDF documents by http(s) URL only; the file at ${source.url} was left out.`);
    case 'text':
      return { type: 'text', media_type: plainText, data: source.text };
    case 'file-id':
      if (source.origin === dialectName) return { type: 'file', file_id: source.fileId };
      return dropped(warnings, 'file.file_id', `A file uploaded to ${source.origin} (${source.fileId}) exists only there; it was left out.`);
    default: {
      const unhandled: never = source;
      throw new Error(`unhandled file source ${JSON.stringify(unhandled)}`);
    }
  }
}
