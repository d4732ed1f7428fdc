/**
 * Interlingua messages → Gemini `contents`. Gemini has two roles: tool results travel in a
 * `user` content as `functionResponse` parts, and consecutive same-role contents are merged.
 * A system message in the middle of the conversation has no place and is hoisted.
 */
import type { TextPart, UserPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';
import type { Warning } from '../../interlingua/warning.js';
import { appendExtra, assistantPartsToGemini, isEmptyText } from './assistant-parts-emit.js';
import { imageToGemini } from './image-emit.js';
import { fileToGemini } from './file-parts.js';
import { documentNote } from '../../core/document-notes.js';
import type { JsonObject } from './json-value.js';
import { isGemini3OrLater } from './model-generation.js';
import { toolResultsToGemini } from './tool-result-emit.js';
import { fitTurnOrder, type GeminiContent } from './turn-order-fit.js';
import { readPartVendor, readUnmappedParts, restoreUnmappedParts } from './vendor.js';
import { pushAll } from '../../core/push-all.js';
import { addWarningOnce, holdsWarning, sameFeature } from '../../core/warning-once.js';

export interface EmittedContents {
  contents: GeminiContent[];
  hoistedSystem: TextPart[];
}

/**
 * Gemini 3 rejects a replayed function call without a thought signature (fixture
 * error-400-missing-thought-signature.json). Calls made by another vendor have none; Google's
 * documented stand-in lets them through (https://ai.google.dev/gemini-api/docs/thought-signatures, FAQ).
 */
export const skipSignatureValidator = 'skip_thought_signature_validator';

export function emitContents(messages: readonly Message[], model: string, warnings: Warning[]): EmittedContents {
  const contents: EmittedContents['contents'] = [];
  const hoistedSystem: TextPart[] = [];
  const push = (role: 'user' | 'model', parts: JsonObject[]) => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) pushAll(last.parts, parts);
    else contents.push({ role, parts });
  };
  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        pushAll(hoistedSystem, message.content);
        if (!holdsWarning(warnings, 'system_message.position', sameFeature)) {
          warnings.push({ type: 'compatibility', feature: 'system_message.position', message: `The system message at messages[${index}] was moved into systemInstruction; Gemini has no system turns.` });
        }
        return;
      case 'user':
        if (message.content.some((part) => part.type === 'image' && part.detail !== undefined && part.detail !== 'auto')) warnOnce(warnings, imageDetailWarning);
        push('user', restoreUnmappedParts(userPartsToGemini(message.content, `messages[${index}]`, warnings), readUnmappedParts(message.vendor)));
        return;
      case 'assistant': {
        const parts = restoreUnmappedParts(assistantPartsToGemini(message.content, 'drop', warnings), readUnmappedParts(message.vendor));
        if (isGemini3OrLater(model)) {
          signatureOntoFirstCall(parts);
          addSignatureStandIn(parts, warnings);
        }
        push('model', parts);
        return;
      }
      case 'tool':
        push('user', toolResultsToGemini(message.content, messages, model, `messages[${index}]`, warnings));
        return;
      default: {
        const unhandled: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unhandled)}`);
      }
    }
  });
  fitTurnOrder(contents, warnings);
  return { contents, hoistedSystem };
}

const imageDetailWarning: Warning = { type: 'unsupported', feature: 'image.detail', message: 'Gemini takes no per-image detail level; "detail" was left out.' };

function warnOnce(warnings: Warning[], warning: Warning): void {
  addWarningOnce(warnings, warning, sameFeature);
}

function userPartsToGemini(parts: readonly UserPart[], where: string, warnings: Warning[]): JsonObject[] {
  const wire: JsonObject[] = [];
  for (const part of parts) {
    const emitted = userPartToGemini(part, where, warnings);
    if (emitted === undefined) continue;
    // Gemini's media parts have no context, and a Blob's `displayName` "is used in the Gemini calls only when
    // server-side tools … are enabled" (@google/genai Blob), so title and context go as text first.
    const note = part.type === 'file' ? documentNote(part, 'Gemini', { carriesTitle: false }, warnings) : undefined;
    if (note !== undefined) wire.push({ text: note.text });
    wire.push(emitted);
  }
  return wire;
}

function userPartToGemini(part: UserPart, where: string, warnings: Warning[]): JsonObject | undefined {
  const vendor = readPartVendor(part.vendor);
  if (part.type === 'text' && isEmptyText(part.text, vendor.thoughtSignature)) return undefined;
  const wire = part.type === 'text' ? { text: part.text } : part.type === 'image' ? imageToGemini(part, vendor.fileMimeType, where, warnings) : fileToGemini(part, warnings);
  if (wire === undefined) return undefined;
  if (part.type === 'text' && vendor.thoughtSignature !== undefined) wire['thoughtSignature'] = vendor.thoughtSignature;
  appendExtra(wire, vendor.extra);
  return wire;
}

/**
 * A turn whose calls carry no signature, but with a signature on an empty text part before the
 * first call: the call's own, moved there by a caller that keeps signatures apart from the parts
 * they came on (a Chat caller hands them back in `reasoning_details`, all before the message's
 * text, so the text comes between the signature and its call). Gemini wants it "in the exact part
 * where it was received" (https://ai.google.dev/gemini-api/docs/thought-signatures), and the first
 * call of a step is the part that must carry one, so the last such signature before it goes back
 * onto it rather than the call getting the stand-in and the model losing its reasoning.
 */
function signatureOntoFirstCall(parts: JsonObject[]): void {
  const first = parts.findIndex((part) => part['functionCall'] !== undefined);
  if (first === -1 || parts.some((part) => part['functionCall'] !== undefined && part['thoughtSignature'] !== undefined)) return;
  for (let index = first - 1; index >= 0; index--) {
    const part = parts[index]!;
    const signature = part['thoughtSignature'];
    if (part['text'] !== '' || typeof signature !== 'string' || Object.keys(part).length !== 2) continue;
    parts.splice(index, 1);
    parts[first - 1]!['thoughtSignature'] = signature;
    return;
  }
}

/** Only the first call of a turn carries the signature when Gemini makes parallel calls (same page). */
function addSignatureStandIn(parts: JsonObject[], warnings: Warning[]): void {
  const calls = parts.filter((part) => part['functionCall'] !== undefined);
  const first = calls[0];
  if (first === undefined || calls.some((call) => call['thoughtSignature'] !== undefined)) return;
  first['thoughtSignature'] = skipSignatureValidator;
  if (!holdsWarning(warnings, 'thought_signature', sameFeature)) {
    warnings.push({
      type: 'compatibility',
      feature: 'thought_signature',
      message: 'A function call without a Gemini thought signature was sent with Google\'s "skip_thought_signature_validator" stand-in.',
    });
  }
}
