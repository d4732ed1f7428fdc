/**
 * A request's `input` → system prompt and messages. A string is one user message. Items:
 * `message` (type optional, as in `EasyInputMessage`) by role; the model's own `message`,
 * `function_call` and `reasoning` items join one assistant turn while they follow each other;
 * consecutive `function_call_output` items join one tool turn. Leading system/developer
 * messages become the system prompt (marked with their role, to tell them from `instructions`).
 * Reference: https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
import type { ImagePart, ImageSource, TextPart, ToolResultPart, UserPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';
import type { Warning } from '../../interlingua/warning.js';
import { findToolCallName } from '../../core/tool-history.js';
import { imageSource } from './image-source.js';
import { parseInputFile } from './file-part.js';
import { parseModelItem } from './items-parse.js';
import {
  functionCallOutputItemSchema,
  imagePartSchema,
  itemHeadSchema,
  messageItemSchema,
  textPartSchema,
  type WireMessageItem,
} from './item-schema.js';
import { dialectName, ownVendor, withVendor } from './vendor.js';
import { readPromptCacheBreakpoint } from '../openai-family/prompt-cache-breakpoint.js';
import { invalidValue, parseWire } from './wire-parse.js';
import { invalidBase64, isStrictBase64 } from '../../core/base64-data.js';
import { extraFields } from '../../wire/extra-fields.js';
import { pushAll } from '../../core/push-all.js';

const messageFields = new Set(['type', 'role', 'content']);
const textPartFields = new Set(['type', 'text']);
const imagePartFields = new Set(['type', 'image_url', 'file_id', 'detail']);
const outputFields = new Set(['type', 'call_id', 'output']);

export interface ParsedInput {
  system: TextPart[];
  messages: Message[];
}

export function parseInput(input: string | readonly unknown[], warnings: Warning[]): ParsedInput {
  const parsed: ParsedInput = { system: [], messages: [] };
  if (typeof input === 'string') {
    parsed.messages.push({ role: 'user', content: [{ type: 'text', text: input }] });
    return parsed;
  }
  input.forEach((raw, index) => parseItem(raw, `input[${index}]`, parsed, warnings));
  return parsed;
}

function parseItem(raw: unknown, path: string, parsed: ParsedInput, warnings: Warning[]): void {
  const head = parseWire(itemHeadSchema, raw, path);
  const type = head.type ?? (head.role === undefined ? undefined : 'message');
  if (type === undefined) throw invalidValue(`${path}.type`, 'an input item needs a type or a role', 'invalid_request');
  if (type === 'message' && head.role !== 'assistant') {
    parseMessage(parseWire(messageItemSchema, raw, path), path, parsed, warnings);
    return;
  }
  if (type === 'function_call_output' || type === 'custom_tool_call_output') {
    pushAll(parsed.messages, toolTurn(parsed.messages, toolResult(raw, path, parsed.messages, warnings)));
    return;
  }
  const parts = parseModelItem(raw, type, path, 'invalid_request');
  if (parts === undefined) {
    warnings.push({
      type: 'unsupported',
      feature: `input.${type}`,
      message: `${path} is a '${type}' item, which has no equivalent in the interlingua; it was left out.`,
    });
    return;
  }
  // An assistant message with no content adds nothing to the conversation.
  if (parts.length === 0) return;
  const previous = parsed.messages.at(-1);
  if (previous?.role === 'assistant') pushAll(previous.content, parts);
  else parsed.messages.push({ role: 'assistant', content: parts });
}

function parseMessage(item: WireMessageItem, path: string, parsed: ParsedInput, warnings: Warning[]): void {
  const itemFields = extraFields(item, messageFields);
  switch (item.role) {
    case 'system':
    case 'developer': {
      const content = textContent(item, path, warnings);
      if (parsed.messages.length === 0) {
        // Marked with its role, so the emitter writes it back as an item and not as `instructions`.
        for (const part of content) {
          const fields: Record<string, unknown> = { ...ownVendor(part.vendor), role: item.role };
          if (itemFields !== undefined) fields['item'] = itemFields;
          part.vendor = { ...part.vendor, [dialectName]: fields };
        }
        pushAll(parsed.system, content);
        return;
      }
      const fields = item.role === 'developer' ? { ...itemFields, role: item.role } : itemFields;
      parsed.messages.push(withVendor<Message>({ role: 'system', content }, fields));
      return;
    }
    case 'user':
      parsed.messages.push(withVendor<Message>({ role: 'user', content: userContent(item, path, warnings) }, itemFields));
      return;
    case 'assistant':
      throw new Error('unreachable: assistant messages are model items');
    default: {
      const unhandled: never = item.role;
      throw new Error(`unhandled role ${String(unhandled)}`);
    }
  }
}

/** System and developer messages take text only. */
function textContent(item: WireMessageItem, path: string, warnings: Warning[]): TextPart[] {
  return userContent(item, path, warnings).filter((part): part is TextPart => {
    if (part.type === 'text') return true;
    warnings.push(unsupportedPart(part.type === 'image' ? 'input_image' : 'input_file', path));
    return false;
  });
}

function userContent(item: Pick<WireMessageItem, 'content'>, path: string, warnings: Warning[]): UserPart[] {
  if (typeof item.content === 'string') return [{ type: 'text', text: item.content }];
  return contentParts(item.content, `${path}.content`, warnings);
}

/** `input_text`, `input_image` and `input_file` parts (of a message or a tool output); others are reported. */
function contentParts(content: ReadonlyArray<{ type: string }>, path: string, warnings: Warning[]): UserPart[] {
  const parts: UserPart[] = [];
  content.forEach((head, index) => {
    const partPath = `${path}[${index}]`;
    if (head.type === 'input_text' || head.type === 'output_text') {
      const part = parseWire(textPartSchema, head, partPath);
      const text: TextPart = { type: 'text', text: part.text };
      const fields = extraFields(part, textPartFields);
      readPromptCacheBreakpoint(text, fields);
      parts.push(withVendor(text, fields));
      return;
    }
    if (head.type === 'input_image') {
      parts.push(imagePart(head, partPath));
      return;
    }
    if (head.type === 'input_file') {
      parts.push(parseInputFile(head, partPath));
      return;
    }
    warnings.push(unsupportedPart(head.type, partPath));
  });
  return parts;
}

/**
 * `image_url` is an http(s) or `data:` URL. An uploaded `file_id` lives on OpenAI's servers: it
 * goes back to OpenAI only, and other upstreams leave it out (core/uploaded-images.ts).
 */
function imagePart(raw: unknown, path: string): ImagePart {
  const part = parseWire(imagePartSchema, raw, path);
  let source: ImageSource;
  if (part.image_url != null && part.image_url !== '') source = imageSource(part.image_url);
  else if (part.file_id != null && part.file_id !== '') source = { kind: 'file-id', fileId: part.file_id, origin: dialectName };
  else throw invalidValue(`${path}.image_url`, 'an input_image needs an image_url or a file_id', 'invalid_request');
  const image: ImagePart = { type: 'image', source };
  if (image.source.kind === 'base64' && !isStrictBase64(image.source.data)) throw invalidBase64(`${path}.image_url`);
  const fields: Record<string, unknown> = { ...extraFields(part, imagePartFields) };
  if (part.detail === 'auto' || part.detail === 'low' || part.detail === 'high' || part.detail === 'original') image.detail = part.detail;
  else if (part.detail != null) fields['detail'] = part.detail;
  readPromptCacheBreakpoint(image, fields);
  return withVendor(image, fields);
}

function toolResult(raw: unknown, path: string, messages: readonly Message[], warnings: Warning[]): ToolResultPart {
  const item = parseWire(functionCallOutputItemSchema, raw, path);
  const content = typeof item.output === 'string' ? [{ type: 'text' as const, text: item.output }] : contentParts(item.output, `${path}.output`, warnings);
  const result: ToolResultPart = { type: 'tool-result', toolCallId: item.call_id, content };
  const toolName = findToolCallName(messages, item.call_id);
  if (toolName !== undefined) result.toolName = toolName;
  return withVendor(result, extraFields(item, outputFields));
}

/** Joins a result to the tool turn just before it, or opens one; returns the messages to append. */
function toolTurn(messages: Message[], result: ToolResultPart): Message[] {
  const previous = messages.at(-1);
  if (previous?.role === 'tool') {
    previous.content.push(result);
    return [];
  }
  return [{ role: 'tool', content: [result] }];
}

function unsupportedPart(type: string, path: string): Warning {
  return {
    type: 'unsupported',
    feature: `content.${type}`,
    message: `${path} is a '${type}' part, which has no equivalent here; it was left out.`,
  };
}
