/**
 * What a file part says about itself beyond its bytes — a `title`, a `context` (Anthropic's and
 * Bedrock Converse's document field for text the model reads beside the document), whether answers
 * may cite it — for a target whose document carries none of these. Title and context go as a text
 * part just before the document, so the model still reads them; citations, which only the vendor
 * can produce, are reported as left out. Every change is said in a warning naming `target`.
 */
import type { FilePart, TextPart } from '../interlingua/content.js';
import type { Warning } from '../interlingua/warning.js';
import { addWarningOnce, sameTypeAndFeature } from './warning-once.js';

export interface DocumentNoteOptions {
  /** Whether the target's document already carries the title (OpenAI Chat's `filename`, Bedrock's `name`): then it is not repeated. */
  carriesTitle: boolean;
}

/** The text part to send just before the document, or undefined when there is nothing to say. */
export function documentNote(part: FilePart, target: string, options: DocumentNoteOptions, warnings: Warning[]): TextPart | undefined {
  if (part.citations === true) {
    warnOnce(warnings, { type: 'unsupported', feature: 'file.citations', message: `${target} cannot cite passages of a document; "citations" was left out.` });
  }
  const lines: string[] = [];
  // A title (Anthropic's) is written for the model to read; a file name (OpenAI's `filename`) labels the
  // bytes, and the text beside every such file would say little, so only a title is repeated.
  const title = options.carriesTitle ? undefined : part.title;
  if (title !== undefined && title !== '') {
    lines.push(`Document: ${title}`);
    warnOnce(warnings, { type: 'compatibility', feature: 'file.title', message: `${target} documents carry no title; it was sent as text before the document.` });
  }
  if (part.context !== undefined && part.context !== '') {
    lines.push(`Context: ${part.context}`);
    warnOnce(warnings, { type: 'compatibility', feature: 'file.context', message: `${target} documents have no context field; the context was sent as text before the document.` });
  }
  return lines.length === 0 ? undefined : { type: 'text', text: lines.join('\n') };
}

function warnOnce(warnings: Warning[], warning: Warning): void {
  addWarningOnce(warnings, warning, sameTypeAndFeature);
}
