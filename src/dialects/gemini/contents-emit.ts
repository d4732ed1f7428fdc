/**
 * Interlingua messages → Gemini `contents`. Gemini has two roles: tool results travel in a
 * `user` content as `functionResponse` parts, and consecutive same-role contents are merged.
 * A system message in the middle of the conversation has no place and is hoisted.
 */
import type { ImagePart, TextPart, ToolResultPart, UserPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';
import type { Warning } from '../../interlingua/warning.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { findToolCallName } from '../../core/tool-history.js';
import { appendExtra, assistantPartsToGemini } from './assistant-parts-emit.js';
import type { JsonObject } from './json-value.js';
import { toolResultToResponse } from './tool-result.js';
import { readPartVendor, readUnmappedParts, restoreUnmappedParts } from './vendor.js';

export interface EmittedContents {
  contents: Array<{ role: 'user' | 'model'; parts: JsonObject[] }>;
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
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };
  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        hoistedSystem.push(...message.content);
        if (!warnings.some((warning) => warning.feature === 'system_message.position')) {
          warnings.push({ type: 'compatibility', feature: 'system_message.position', message: `The system message at messages[${index}] was moved into systemInstruction; Gemini has no system turns.` });
        }
        return;
      case 'user':
        if (message.content.some((part) => part.type === 'image' && part.detail !== undefined && part.detail !== 'auto')) warnOnce(warnings, imageDetailWarning);
        push('user', restoreUnmappedParts(message.content.map((part) => userPartToGemini(part, `messages[${index}]`)), readUnmappedParts(message.vendor)));
        return;
      case 'assistant': {
        const parts = restoreUnmappedParts(assistantPartsToGemini(message.content, 'drop', warnings), readUnmappedParts(message.vendor));
        if (needsSignatureStandIn(model)) addSignatureStandIn(parts, warnings);
        push('model', parts);
        return;
      }
      case 'tool':
        push('user', message.content.map((result) => toolResultToGemini(result, messages, warnings)));
        return;
      default: {
        const unhandled: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unhandled)}`);
      }
    }
  });
  return { contents, hoistedSystem };
}

const imageDetailWarning: Warning = { type: 'unsupported', feature: 'image.detail', message: 'Gemini takes no per-image detail level; "detail" was left out.' };

function warnOnce(warnings: Warning[], warning: Warning): void {
  if (!warnings.some((existing) => existing.feature === warning.feature)) warnings.push(warning);
}

function userPartToGemini(part: UserPart, where: string): JsonObject {
  const vendor = readPartVendor(part.vendor);
  const wire: JsonObject = part.type === 'text' ? { text: part.text } : imageToGemini(part, vendor.fileMimeType, where);
  if (part.type === 'text' && vendor.thoughtSignature !== undefined) wire['thoughtSignature'] = vendor.thoughtSignature;
  appendExtra(wire, vendor.extra);
  return wire;
}

function imageToGemini(part: ImagePart, fileMimeType: string | undefined, where: string): JsonObject {
  const { source } = part;
  if (source.kind === 'base64') return { inlineData: { mimeType: source.mediaType, data: source.data } };
  // A Gemini `fileData` image (Files API or gs:// URI) is only meaningful to Gemini and goes back as it came.
  if (fileMimeType !== undefined) return { fileData: { mimeType: fileMimeType, fileUri: source.url } };
  throw new InterlinguaError('invalid_request', `An image in ${where} is given by URL, which Gemini cannot fetch; it should have been inlined.`, {
    param: where,
  });
}

function toolResultToGemini(result: ToolResultPart, messages: readonly Message[], warnings: Warning[]): JsonObject {
  const name = result.toolName ?? findToolCallName(messages, result.toolCallId);
  if (name === undefined) {
    throw new InterlinguaError(
      'invalid_request',
      `The result of tool call "${result.toolCallId}" names no function and no earlier assistant turn made that call; Gemini's functionResponse needs the function name.`,
      { param: result.toolCallId },
    );
  }
  const texts: string[] = [];
  for (const part of result.content) {
    if (part.type === 'text') texts.push(part.text);
    else if (!warnings.some((warning) => warning.feature === 'tool_result.image')) {
      warnings.push({ type: 'unsupported', feature: 'tool_result.image', message: `An image in the result of "${name}" was left out: Gemini function responses carry JSON only.` });
    }
  }
  const vendor = readPartVendor(result.vendor);
  const response: JsonObject = { name, response: toolResultToResponse(texts.join(''), result.isError === true) };
  if (vendor.idSynthesized !== true) response['id'] = result.toolCallId;
  appendExtra(response, vendor.innerExtra);
  const wire: JsonObject = { functionResponse: response };
  appendExtra(wire, vendor.extra);
  return wire;
}

/** Gemini 3 and later validate signatures; 1.x and 2.x do not, and Gemma is no Gemini. */
function needsSignatureStandIn(model: string): boolean {
  return /^(models\/)?gemini-(?!1\.|2\.)/.test(model);
}

/** Only the first call of a turn carries the signature when Gemini makes parallel calls (same page). */
function addSignatureStandIn(parts: JsonObject[], warnings: Warning[]): void {
  const calls = parts.filter((part) => part['functionCall'] !== undefined);
  const first = calls[0];
  if (first === undefined || calls.some((call) => call['thoughtSignature'] !== undefined)) return;
  first['thoughtSignature'] = skipSignatureValidator;
  if (!warnings.some((warning) => warning.feature === 'thought_signature')) {
    warnings.push({
      type: 'compatibility',
      feature: 'thought_signature',
      message: 'A function call without a Gemini thought signature was sent with Google\'s "skip_thought_signature_validator" stand-in.',
    });
  }
}
