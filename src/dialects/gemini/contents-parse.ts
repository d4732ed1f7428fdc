/**
 * Gemini `contents` → interlingua messages. A `user` content may mix `functionResponse` parts
 * with text; each run of responses becomes a `tool` message in place, so the emitter (which merges
 * consecutive same-role contents) gives the original content back.
 */
import type { AssistantPart, ImagePart, TextPart, ToolCallPart, ToolResultPart, UserPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';
import type { Warning } from '../../interlingua/warning.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { stringifyToolArguments } from '../../core/tool-arguments.js';
import { type JsonObject } from './json-value.js';
import { carriedReasoning } from './call-signature.js';
import { ToolCallIdRegistry } from './tool-call-ids.js';
import { responseToToolResult } from './tool-result.js';
import { dialectName, thoughtPart, type UnmappedPart } from './vendor.js';
import type { WireContent, WirePart } from './wire-schema.js';
import { asStandardBase64, invalidBase64 } from '../../core/base64-data.js';
import { functionResponseMedia } from './function-response-parts.js';
import { fileDataDocument, inlineDocument, isDocumentType } from './file-parts.js';
import { echoedValue } from '../../core/echoed-value.js';
import { extraFields } from '../../wire/extra-fields.js';
import { pushAll } from '../../core/push-all.js';

/** The `data` member of a Part (one of these is set) plus the thought fields that may accompany it. */
const dataKeys = ['functionCall', 'functionResponse', 'inlineData', 'fileData', 'text'] as const;
type DataKey = (typeof dataKeys)[number];
const thoughtKeys = ['thought', 'thoughtSignature'];

function partKind(part: WirePart): DataKey | undefined {
  return dataKeys.find((key) => part[key] !== undefined && part[key] !== null);
}

/** Fields of the part beyond its data and thought fields (`videoMetadata`, `partMetadata`), kept for the emitter. */
function partExtras(part: WirePart, kind: DataKey): JsonObject | undefined {
  return extraFields(part, new Set([kind, ...thoughtKeys]));
}

export function parseContents(contents: readonly WireContent[], warnings: Warning[]): Message[] {
  const messages: Message[] = [];
  const ids = new ToolCallIdRegistry();
  const carriedSeen = new Set<string>();
  contents.forEach((content, turn) => {
    const role = content.role ?? 'user';
    const parts = content.parts ?? [];
    if (role === 'model') pushModelTurn(messages, parseModelContent(parts, turn, ids, carriedSeen, warnings), contents[turn - 1]?.role === 'model');
    else if (role === 'user' || role === 'function') pushAll(messages, parseUserContent(parts, turn, ids, warnings));
    else throw new InterlinguaError('invalid_request', `contents[${turn}].role must be "user" or "model", not ${echoedValue(role)}.`, { param: `contents[${turn}].role` });
  });
  return messages;
}

/**
 * Consecutive `model` contents are one turn of the model: @google/genai's chat history keeps one
 * content per streamed chunk (`recordHistory` pushes every chunk's `candidates[0].content`,
 * node_modules/@google/genai/dist/node/index.mjs), so a turn that streamed its thinking, a call
 * and the finish chunk's empty text comes back as three contents, which the Gemini emitter joins
 * again (contents-emit.ts). Read as one assistant message, its calls stay right before their
 * results and its reasoning beside them, as OpenAI's APIs need (core/tool-result-pairing.ts).
 * A content with parts only a Gemini upstream takes keeps its own message, whose vendor data
 * places them by position.
 */
type AssistantMessage = Extract<Message, { role: 'assistant' }>;

function pushModelTurn(messages: Message[], message: AssistantMessage, followsModel: boolean): void {
  const previous = messages.at(-1);
  if (followsModel && previous?.role === 'assistant' && previous.vendor === undefined && message.vendor === undefined) pushAll(previous.content, message.content);
  else messages.push(message);
}

/**
 * `carriedSeen`: the envelopes read so far. The gateway writes one on a thought part and again on
 * the call after it (call-signature.ts); a client that keeps both (the SDK's chat history, one
 * model content per streamed chunk) hands back one block, read where it first appears.
 */
function parseModelContent(parts: readonly WirePart[], turn: number, ids: ToolCallIdRegistry, carriedSeen: Set<string>, warnings: Warning[]): AssistantMessage {
  const content: AssistantPart[] = [];
  const unmapped: UnmappedPart[] = [];
  parts.forEach((part, index) => {
    let signature = part.thoughtSignature ?? undefined;
    const kind = partKind(part);
    // Another vendor's signature the gateway handed out goes back to that vendor as reasoning.
    const carried = signature === undefined ? undefined : carriedReasoning(signature, part.thought === true ? (part.text ?? '') : '');
    if (carried !== undefined) {
      const key = JSON.stringify([carried.signatureOrigin, carried.signature, carried.redactedData]);
      if (!carriedSeen.has(key)) content.push(carried);
      carriedSeen.add(key);
      signature = undefined;
      if (part.thought === true || (kind === 'text' && part.text === '')) return;
    }
    if (part.functionCall) {
      const call = part.functionCall;
      const assigned = ids.forCall(call.id ?? undefined, call.name, turn, index);
      const toolCall: ToolCallPart = { type: 'tool-call', id: assigned.id, name: call.name, arguments: stringifyToolArguments(call.args ?? {}) };
      const vendor = partVendor(signature, assigned.synthesized, partExtras(part, 'functionCall'), extraFields(call, new Set(['name', 'args', 'id'])));
      if (vendor !== undefined) toolCall.vendor = vendor;
      content.push(toolCall);
    } else if (kind === 'text' && part.thought === true) {
      content.push(thoughtPart(part.text ?? '', signature, partExtras(part, kind)));
    } else if (kind === 'text' || (kind === undefined && signature !== undefined && partExtras(part, 'text') === undefined)) {
      content.push(textPart(part.text ?? '', signature, kind === 'text' ? partExtras(part, 'text') : undefined));
    } else {
      // The model's own `executableCode`, `codeExecutionResult`, media: kept for a Gemini upstream, named for the others.
      const name = Object.keys(part).find((key) => !thoughtKeys.includes(key)) ?? 'empty';
      warnings.push(keptForGemini(`part.${name}`, `contents[${turn}].parts[${index}] is a "${name}" part of the model's turn, which only a Gemini upstream can take`));
      unmapped.push({ position: index, part });
    }
  });
  return withUnmapped({ role: 'assistant', content }, unmapped);
}

function parseUserContent(parts: readonly WirePart[], turn: number, ids: ToolCallIdRegistry, warnings: Warning[]): Message[] {
  const messages: Message[] = [];
  let user: { content: UserPart[]; unmapped: UnmappedPart[]; wireCount: number } | undefined;
  let tool: ToolResultPart[] | undefined;
  const flushUser = () => {
    if (user !== undefined) messages.push(withUnmapped({ role: 'user', content: user.content }, user.unmapped));
    user = undefined;
  };
  const flushTool = () => {
    if (tool !== undefined) messages.push({ role: 'tool', content: tool });
    tool = undefined;
  };
  parts.forEach((part, index) => {
    if (part.functionResponse) {
      flushUser();
      const response = part.functionResponse;
      const assigned = ids.forResponse(response.id ?? undefined, response.name, turn, index);
      const { text, isError } = responseToToolResult(response.response ?? {});
      const images = functionResponseMedia(response['parts'], `contents[${turn}].parts[${index}].functionResponse.parts`);
      const result: ToolResultPart = { type: 'tool-result', toolCallId: assigned.id, toolName: response.name, content: [{ type: 'text', text }, ...(images ?? [])] };
      if (isError) result.isError = true;
      const mapped = new Set(['name', 'response', 'id', ...(images === undefined ? [] : ['parts'])]);
      const vendor = partVendor(undefined, assigned.synthesized, partExtras(part, 'functionResponse'), extraFields(response, mapped));
      if (vendor !== undefined) result.vendor = vendor;
      (tool ??= []).push(result);
      return;
    }
    flushTool();
    user ??= { content: [], unmapped: [], wireCount: 0 };
    const position = user.wireCount++;
    const mapped = parseUserPart(part, turn, index, warnings);
    if (mapped === undefined) user.unmapped.push({ position, part });
    else user.content.push(mapped);
  });
  flushTool();
  flushUser();
  if (messages.length === 0) messages.push({ role: 'user', content: [] });
  return messages;
}

function parseUserPart(part: WirePart, turn: number, index: number, warnings: Warning[]): UserPart | undefined {
  const where = `contents[${turn}].parts[${index}]`;
  const kind = partKind(part);
  if (kind === 'text') return textPart(part.text ?? '', part.thoughtSignature ?? undefined, partExtras(part, kind));
  if (kind === 'inlineData' && part.inlineData) {
    const { mimeType } = part.inlineData;
    if (mimeType.startsWith('image/')) {
      // Gemini takes URL-safe and unpadded base64 too; other targets get it in the standard form.
      const data = asStandardBase64(part.inlineData.data);
      if (data === undefined) throw invalidBase64(`${where}.inlineData.data`);
      const image: ImagePart = { type: 'image', source: { kind: 'base64', mediaType: mimeType, data } };
      const vendor = partVendor(undefined, false, partExtras(part, kind), undefined);
      if (vendor !== undefined) image.vendor = vendor;
      return image;
    }
    if (isDocumentType(mimeType)) {
      const document = inlineDocument(mimeType, part.inlineData.data, where);
      const vendor = partVendor(undefined, false, partExtras(part, kind), undefined);
      if (vendor !== undefined) document.vendor = vendor;
      return document;
    }
    warnings.push(keptForGemini(`inlineData.${mimeType}`, `${where} is inline ${mimeType}, which only a Gemini upstream can take`));
    return undefined;
  }
  if (kind === 'fileData' && part.fileData) {
    const { fileUri, mimeType } = part.fileData;
    if (typeof mimeType === 'string' && mimeType.startsWith('image/')) {
      const extra = partExtras(part, kind);
      return { type: 'image', source: { kind: 'url', url: fileUri }, vendor: { [dialectName]: { fileMimeType: mimeType, ...(extra ? { extra } : {}) } } };
    }
    if (typeof mimeType === 'string' && isDocumentType(mimeType)) return fileDataDocument(fileUri, mimeType, partExtras(part, kind));
    warnings.push(keptForGemini(`fileData.${mimeType ?? 'unknown'}`, `${where} is a ${mimeType ?? 'file'} at ${fileUri}, which only a Gemini upstream can take`));
    return undefined;
  }
  const name = Object.keys(part)[0] ?? 'empty';
  warnings.push(keptForGemini(`part.${name}`, `${where} is a "${name}" part, which only a Gemini upstream can take`));
  return undefined;
}

function textPart(text: string, signature: string | undefined, extra?: JsonObject): TextPart {
  const part: TextPart = { type: 'text', text };
  const vendor = partVendor(signature, false, extra, undefined);
  if (vendor !== undefined) part.vendor = vendor;
  return part;
}

function partVendor(signature: string | undefined, synthesized: boolean, partExtra: JsonObject | undefined, innerExtra: JsonObject | undefined) {
  const fields: JsonObject = {};
  if (signature !== undefined) fields['thoughtSignature'] = signature;
  if (synthesized) fields['idSynthesized'] = true;
  if (partExtra !== undefined) fields['extra'] = partExtra;
  if (innerExtra !== undefined) fields['innerExtra'] = innerExtra;
  return Object.keys(fields).length === 0 ? undefined : { [dialectName]: fields };
}

function withUnmapped<M extends Message>(message: M, unmapped: UnmappedPart[]): M {
  if (unmapped.length > 0) message.vendor = { [dialectName]: { unmappedParts: unmapped } };
  return message;
}

function keptForGemini(feature: string, message: string): Warning {
  return { type: 'unsupported', feature, message: `${message}; other upstreams get the message without it.` };
}
