/**
 * Gemini needs at least one content ("* GenerateContentRequest.contents: contents is not specified",
 * `contents[]` "Required" at https://ai.google.dev/api/generate-content#request-body), while OpenAI
 * takes a request of a lone system message. Such instructions become the user turn, with a warning;
 * a request with no content at all has nothing to send and is refused in the caller's dialect.
 */
import type { TextPart } from '../../interlingua/content.js';
import { InterlinguaError } from '../../interlingua/error.js';
import type { Warning } from '../../interlingua/warning.js';
import type { EmittedContents } from './contents-emit.js';

export function withOneContent(contents: EmittedContents['contents'], system: TextPart[], warnings: Warning[]): { contents: EmittedContents['contents']; system: TextPart[] } {
  if (contents.length > 0) return { contents, system };
  const instructions = system.filter((part) => part.text !== '');
  if (instructions.length === 0) {
    throw new InterlinguaError('invalid_request', 'The request has no message content to send; Gemini needs at least one message that is not empty.');
  }
  warnings.push({
    type: 'compatibility',
    feature: 'system_only',
    message: 'Gemini needs at least one message beside the system instruction; the system instructions were sent as the user turn.',
  });
  return { contents: [{ role: 'user', parts: instructions.map((part) => ({ text: part.text })) }], system: [] };
}
