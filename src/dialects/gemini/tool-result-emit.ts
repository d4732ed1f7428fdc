/**
 * A turn's tool results → the parts of Gemini's `user` content: one `functionResponse` each, and
 * the results' images and documents where the model can see them.
 *
 * Gemini 3 models take media inside the function response, `functionResponse.parts` of
 * `{ inlineData: { mimeType, data } }` ("Multimodal function responses",
 * https://ai.google.dev/gemini-api/docs/function-calling#multimodal; `FunctionResponse.parts` /
 * `FunctionResponsePart` in @google/genai). Earlier models read only the JSON `response` there, so
 * their media follow the function responses as ordinary parts of the same user content, each
 * group introduced by a text part naming the function, with a compatibility warning. Inside a
 * function response only inline bytes go: `FunctionResponseFileData` "is not supported in Gemini
 * API" (@google/genai types), so a `fileData` document follows the responses on any model.
 */
import type { ToolResultPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';
import type { Warning } from '../../interlingua/warning.js';
import { findToolCallName } from '../../core/tool-history.js';
import { appendExtra } from './assistant-parts-emit.js';
import { imageToGemini } from './image-emit.js';
import { fileToGemini } from './file-parts.js';
import { documentNote } from '../../core/document-notes.js';
import type { JsonObject } from './json-value.js';
import { isGemini3OrLater } from './model-generation.js';
import { toolResultToResponse } from './tool-result.js';
import { readPartVendor } from './vendor.js';
import { holdsWarning, sameFeature } from '../../core/warning-once.js';

export function toolResultsToGemini(results: readonly ToolResultPart[], messages: readonly Message[], model: string, where: string, warnings: Warning[]): JsonObject[] {
  const responses: JsonObject[] = [];
  const following: JsonObject[] = [];
  const imagesInside = isGemini3OrLater(model);
  const movedKinds = new Set<'image' | 'file'>();
  let orphans = 0;
  for (const [index, result] of results.entries()) {
    const name = result.toolName ?? findToolCallName(messages, result.toolCallId);
    const texts = result.content.flatMap((part) => (part.type === 'text' ? [part.text] : []));
    const inside: JsonObject[] = [];
    const after: JsonObject[] = [];
    const afterKinds = new Set<'image' | 'file'>();
    for (const part of result.content) {
      if (part.type === 'text') continue;
      const wire = part.type === 'image' ? imageToGemini(part, readPartVendor(part.vendor).fileMimeType, `${where}.content[${index}]`, warnings) : fileToGemini(part, warnings);
      if (wire === undefined) continue;
      // A document's title and context go as text among the parts that follow the responses (contents-emit.ts).
      const note = part.type === 'file' ? documentNote(part, 'Gemini', { carriesTitle: false }, warnings) : undefined;
      if (note !== undefined) {
        after.push({ text: note.text });
        afterKinds.add('file');
      }
      if (imagesInside && name !== undefined && wire['inlineData'] !== undefined) inside.push(wire);
      else {
        after.push(wire);
        afterKinds.add(part.type);
      }
    }
    if (name === undefined) {
      // It answers no call of the history (a history cut short), so it could not stand after its call
      // anyway: it goes as user text, as turn-order-fit.ts sends a response that answers no call.
      responses.push({ text: `Result of tool call ${result.toolCallId}${result.isError === true ? ' (an error)' : ''}: ${texts.join('')}` }, ...after);
      orphans += 1;
      continue;
    }
    const vendor = readPartVendor(result.vendor);
    const response: JsonObject = { name, response: toolResultToResponse(texts.join(''), result.isError === true) };
    if (vendor.idSynthesized !== true) response['id'] = result.toolCallId;
    if (inside.length > 0) response['parts'] = inside;
    for (const kind of afterKinds) movedKinds.add(kind);
    const label = afterKinds.size === 2 ? 'Images and files' : afterKinds.has('file') ? 'Files' : 'Images';
    if (after.length > 0) following.push({ text: `${label} returned by the function "${name}":` }, ...after);
    appendExtra(response, vendor.innerExtra);
    const wire: JsonObject = { functionResponse: response };
    appendExtra(wire, vendor.extra);
    responses.push(wire);
  }
  for (const kind of movedKinds) {
    const feature = `tool_result.${kind}`;
    if (holdsWarning(warnings, feature, sameFeature)) continue;
    const what = kind === 'image' ? 'Images' : 'Files';
    warnings.push({
      type: 'compatibility',
      feature,
      message: imagesInside
        ? `${what} given by URI in tool results were sent as parts after the function responses: a function response takes inline media only.`
        : `${what} in tool results were sent as parts after the function responses: ${model} takes no media inside a function response (Gemini 3 and later do).`,
    });
  }
  if (orphans > 0) {
    warnings.push({
      type: 'compatibility',
      feature: 'tool_result.position',
      message: `${orphans} tool result(s) answered no function call of the conversation, and Gemini's function response needs the function's name; each was sent as user text.`,
    });
  }
  return [...responses, ...following];
}
