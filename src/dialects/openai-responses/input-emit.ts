/**
 * The system prompt and messages → `instructions` and `input` items. Content is a plain string
 * wherever it is one text part with nothing attached, which every Responses server takes.
 * Item ids go out only with `keepIds`: with `store: false` OpenAI looks an id up among stored
 * items and fails ("Item with id 'rs_…' not found. Items are not persisted when `store` is set to
 * false"), while the item's content (and a reasoning item's `encrypted_content`) is enough.
 */
import { leftOutTurn } from '../../core/left-out-turn.js';
import { documentNote } from '../../core/document-notes.js';
import type { FilePart, ImagePart, TextPart, ToolResultPart, UserPart } from '../../interlingua/content.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { imageUrl } from './image-source.js';
import { emitInputFile } from './file-part.js';
import { emitAssistantItems } from './items-emit.js';
import { customToolNames, namespacedNames } from './tool-kinds.js';
import { findToolCallName } from '../../core/tool-history.js';
import { dialectName, mergeVendorFields, ownVendor, recordField, stringField } from './vendor.js';
import { fitToolCallIds, type FittedToolCallIds } from '../../core/tool-call-id-fit.js';
import { withPairedToolResults } from '../../core/tool-result-pairing.js';
import { leftOutGeminiOnlyImage } from '../../core/gemini-only-images.js';
import { leaveOutUploadedImage } from '../../core/uploaded-images.js';
import { pushAll } from '../../core/push-all.js';

const partOwned = new Set(['type', 'text', 'image_url', 'detail', 'role', 'item']);
const messageOwned = new Set(['type', 'role', 'content']);
const outputOwned = new Set(['type', 'call_id', 'output']);

/**
 * OpenAI refuses a longer `call_id`: "Invalid 'input[180].call_id': string too long. Expected a string with maximum
 * length 64, but got a string with length 67 instead." (code string_above_max_length;
 * https://github.com/openclaw/openclaw/issues/10640, https://github.com/AnswerDotAI/fastllm/issues/45).
 */
const maxCallIdLength = 64;

/** An input item: a model-side item, or a message without `type` (`EasyInputMessage`). */
export type InputItem = Record<string, unknown>;

export interface EmittedInput {
  instructions?: string;
  input: InputItem[];
}

export function emitInput(request: ChatRequest, keepIds: boolean, warnings: Warning[]): EmittedInput {
  const owned = (base: ReadonlySet<string>) => (keepIds ? base : new Set([...base, 'id']));
  const ownedMessage = owned(messageOwned);
  const ownedOutput = owned(outputOwned);
  const input: InputItem[] = [];
  const instructions: string[] = [];
  const customNames = customToolNames(request.vendor);
  // A conversation kept upstream (`previous_response_id`, `conversation`) holds calls this input answers.
  const requestVendor = ownVendor(request.vendor);
  const keptUpstream = requestVendor?.['previous_response_id'] != null || requestVendor?.['conversation'] != null;
  const messages = keptUpstream ? request.messages : withPairedToolResults(request.messages, 'The Responses API', warnings);
  const callIds = fitToolCallIds(messages, { maxLength: maxCallIdLength });
  for (const part of request.system) {
    const vendor = ownVendor(part.vendor);
    const role = stringField(vendor, 'role');
    if (role === undefined) {
      instructions.push(part.text);
      continue;
    }
    input.push(messageItem(role, textContent([part]), recordField(vendor, 'item'), ownedMessage));
  }
  for (const message of messages) {
    switch (message.role) {
      case 'system': {
        const role = stringField(ownVendor(message.vendor), 'role') ?? 'system';
        input.push(messageItem(role, textContent(message.content), ownVendor(message.vendor), ownedMessage));
        break;
      }
      case 'user': {
        const content = userContent(message.content, warnings);
        const note = leftOutTurn(message, content.length, 'the Responses API', warnings);
        input.push(messageItem('user', note === undefined ? content : note.text, ownVendor(message.vendor), ownedMessage));
        break;
      }
      case 'assistant':
        pushAll(input, emitAssistantItems(message.content, { target: 'request', keepIds, toolNames: namespacedNames(request.vendor), customNames, callIds }, warnings));
        break;
      case 'tool':
        for (const result of message.content) {
          const custom = customNames.has(result.toolName ?? findToolCallName(messages, result.toolCallId) ?? '');
          input.push(toolOutput(result, { custom, callId: callIds.wire(result.toolCallId) }, ownedOutput, warnings));
        }
        break;
      default: {
        const unhandled: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unhandled)}`);
      }
    }
  }
  if (callIds.rewritten > 0) {
    warnings.push({
      type: 'compatibility',
      feature: 'call_id',
      message: `OpenAI takes call ids of at most ${maxCallIdLength} characters; ${callIds.rewritten} id(s) in the history were shortened, the same way in each call and its output.`,
    });
  }
  // Several system blocks (Anthropic, Gemini) read as one text, a blank line apart.
  return instructions.length === 0 ? { input } : { instructions: instructions.join('\n\n'), input };
}

/** `{role, content}`: the short `EasyInputMessage` form OpenAI's own examples use. */
function messageItem(role: string, content: unknown, fields: Record<string, unknown> | undefined, owned: ReadonlySet<string>): InputItem {
  const item: InputItem = { role, content };
  mergeVendorFields(item, fields, owned);
  return item;
}

/** A part's own wire fields, without the keys that only say where it came from. */
function partFields(part: TextPart | ImagePart | FilePart): Record<string, unknown> | undefined {
  const vendor = ownVendor(part.vendor);
  if (vendor === undefined) return undefined;
  const fields = Object.fromEntries(Object.entries(vendor).filter(([key]) => key !== 'role' && key !== 'item'));
  return Object.keys(fields).length === 0 ? undefined : fields;
}

function textPart(part: TextPart): Record<string, unknown> {
  const wire: Record<string, unknown> = { type: 'input_text', text: part.text };
  mergeVendorFields(wire, partFields(part), partOwned);
  return wire;
}

/**
 * `detail` is required on an input image (`ResponseInputImage`); `auto` is OpenAI's default. An
 * image uploaded to OpenAI goes by its `file_id`; one uploaded elsewhere is left out (core/uploaded-images.ts).
 */
function imagePart(part: ImagePart, warnings: Warning[]): Record<string, unknown> | undefined {
  const { source } = part;
  if (source.kind === 'file-id' && source.origin !== dialectName) return leaveOutUploadedImage(source, warnings);
  const fields = partFields(part);
  const detail = part.detail ?? stringField(fields, 'detail') ?? 'auto';
  const wire: Record<string, unknown> = { type: 'input_image', detail, ...(source.kind === 'file-id' ? { file_id: source.fileId } : { image_url: imageUrl(source) }) };
  mergeVendorFields(wire, fields, partOwned);
  return wire;
}

function textContent(parts: readonly TextPart[]): string | Array<Record<string, unknown>> {
  const [only] = parts;
  if (parts.length === 1 && only !== undefined && partFields(only) === undefined) return only.text;
  return parts.map(textPart);
}

function userContent(parts: readonly UserPart[], warnings: Warning[]): string | Array<Record<string, unknown>> {
  if (parts.every((part): part is TextPart => part.type === 'text')) return textContent(parts);
  const wire: Array<Record<string, unknown>> = [];
  for (const part of parts) {
    // A document's context has no field here (its title is the file name): it goes as text just before it (core/document-notes.ts).
    const note = part.type === 'file' ? documentNote(part, 'The Responses API', { carriesTitle: true }, warnings) : undefined;
    if (note !== undefined) wire.push(textPart(note));
    const emitted = contentPart(part, warnings);
    if (emitted !== undefined) wire.push(emitted);
  }
  return wire;
}

function contentPart(part: UserPart, warnings: Warning[]): Record<string, unknown> | undefined {
  switch (part.type) {
    case 'text':
      return textPart(part);
    case 'image':
      // A gs:// or Gemini Files API image is Gemini's alone (core/gemini-only-images.ts).
      return leftOutGeminiOnlyImage(part, 'The OpenAI Responses API', warnings) ? undefined : imagePart(part, warnings);
    case 'file':
      return emitInputFile(part, partFields(part), warnings);
    default: {
      const unhandled: never = part;
      throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * `output` is a string, or parts when the result holds images or files (`ResponseFunctionCallOutputItemList`).
 * A custom tool's result is a `custom_tool_call_output`, with the same fields. An empty result is "":
 * the list is documented as "Text, image, or file output of the function tool call"
 * (node_modules/openai/resources/responses/responses.d.ts, `FunctionCallOutput.output`), never as empty,
 * and the Chat path sends "" too.
 */
function toolOutput(result: ToolResultPart, call: { custom: boolean; callId: string }, owned: ReadonlySet<string>, warnings: Warning[]): InputItem {
  if (result.isError === true) {
    warnings.push({
      type: 'unsupported',
      feature: 'tool_result.is_error',
      message: `The error flag on the result of tool call "${result.toolCallId}" has no Responses equivalent; the result was sent as ordinary output.`,
    });
  }
  const item: InputItem = { type: call.custom ? 'custom_tool_call_output' : 'function_call_output', call_id: call.callId, output: result.content.length === 0 ? '' : userContent(result.content, warnings) };
  mergeVendorFields(item, ownVendor(result.vendor), owned);
  return item;
}
