/**
 * Interlingua file parts ↔ Converse `document` blocks
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_DocumentBlock.html):
 * `{document: {format, name, source: {bytes}}}`, in user messages and in tool results
 * (ToolResultContentBlock has a `document` member, "A tool result that is a document",
 * https://docs.aws.amazon.com/sdk-for-python/v1/reference/clients/bedrock-runtime/unions/ToolResultContentBlock/).
 * A file Bedrock cannot read from bytes — a URL, or a file uploaded to another vendor — is left
 * out with a warning.
 */
import type { FilePart } from '../../interlingua/content.js';
import type { Warning } from '../../interlingua/warning.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

/** DocumentBlock `format`: "Valid Values: pdf | csv | doc | docx | xls | xlsx | html | txt | md". */
export const documentFormats = ['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md'] as const;
export type DocumentFormat = (typeof documentFormats)[number];

const formatOfMediaType: Record<string, DocumentFormat> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

const mediaTypeOfFormat = Object.fromEntries(Object.entries(formatOfMediaType).map(([mediaType, format]) => [format, mediaType])) as Record<DocumentFormat, string>;

/**
 * DocumentBlock `name`: "can only contain … Alphanumeric characters, Whitespace characters (no more
 * than one in a row), Hyphens, Parentheses, Square brackets", "Minimum length of 1. Maximum length
 * of 200." Other characters (a file name's dot among them) become spaces.
 */
export const documentNamePattern = /^(?!.*\s\s)[A-Za-z0-9\s\-()[\]]{1,200}$/;

export function documentName(part: FilePart, index: number): string {
  const given = (part.title ?? part.filename ?? '').replace(/[^A-Za-z0-9\s\-()[\]]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200).trim();
  return given === '' ? `document ${index}` : given;
}

function leftOut(warnings: Warning[], feature: string, message: string): undefined {
  addWarningPerFeature(warnings, { type: 'unsupported', feature, message });
  return undefined;
}

/** The `document` block for a file part (`index` numbers unnamed documents), or undefined when it cannot go. */
export function documentBlock(part: FilePart, index: number, warnings: Warning[]): Record<string, unknown> | undefined {
  const source = part.source;
  switch (source.kind) {
    case 'url':
      return leftOut(warnings, 'file.url', 'Bedrock takes documents as bytes, not by URL; a file was left out.');
    case 'file-id':
      return leftOut(warnings, 'file.file_id', `Bedrock cannot read a file uploaded to ${source.origin}; a file was left out.`);
    case 'base64':
    case 'text': {
      const format = formatOfMediaType[source.mediaType.toLowerCase().split(';')[0]!.trim()];
      if (format === undefined) return leftOut(warnings, 'file.format', `Bedrock takes ${documentFormats.join(', ')} documents; a ${source.mediaType} file was left out.`);
      const bytes = source.kind === 'base64' ? source.data : Buffer.from(source.text, 'utf8').toString('base64');
      return { document: { format, name: documentName(part, index), source: { bytes }, ...contextAndCitations(part) } };
    }
    default: {
      const unhandled: never = source;
      throw new Error(`unhandled file source ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * DocumentBlock `context` ("Contextual information about how the document should be processed or
 * interpreted by the model when generating citations") and `citations` (CitationsConfig `{enabled}`):
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_DocumentBlock.html,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CitationsConfig.html
 * (the SDK's DocumentBlock struct: format, name, source, context, citations,
 * https://docs.aws.amazon.com/sdk-for-ruby/v3/api/Aws/BedrockRuntime/Types/DocumentBlock.html).
 */
function contextAndCitations(part: FilePart): Record<string, unknown> {
  return {
    ...(part.context === undefined ? {} : { context: part.context }),
    ...(part.citations === undefined ? {} : { citations: { enabled: part.citations } }),
  };
}

/** A `document` block read back as a file part; its name is kept as the title. */
export function filePartOf(document: { format: DocumentFormat; name: string; source: { bytes: string } }): FilePart {
  return { type: 'file', source: { kind: 'base64', mediaType: mediaTypeOfFormat[document.format], data: document.source.bytes }, title: document.name };
}
