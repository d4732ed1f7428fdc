/**
 * `messages[]` of a Chat Completions request → interlingua messages. Leading system/developer
 * messages become `request.system`; consecutive `tool` messages become one `tool` message.
 */
import type { AssistantPart, ImagePart, ImageSource, TextPart, ToolCallPart, ToolResultPart, UserPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';
import type { Warning } from '../../interlingua/warning.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { findToolCallName } from '../../core/tool-history.js';
import {
  assistantMessageSchema,
  imagePartSchema,
  messageHeadSchema,
  refusalPartSchema,
  systemMessageSchema,
  textPartSchema,
  toolMessageSchema,
  userMessageSchema,
} from './request-schema.js';
import { parseWire } from './wire-parse.js';
import { readPromptCacheBreakpoint } from '../openai-family/prompt-cache-breakpoint.js';
import { parseCacheControl } from '../../core/cache-control.js';
import type { CacheBreakpoint } from '../../interlingua/cache.js';
import { asVendor, refusalPartType } from './vendor.js';
import { parseFilePart } from './file-part.js';
import { parseAudioPart } from './audio-part.js';
import { invalidBase64, isStrictBase64 } from '../../core/base64-data.js';
import { echoedValue } from '../../core/echoed-value.js';
import { readReasoningDetails, withUnsignedReasoning } from './reasoning-details.js';
import { extraFields } from '../../wire/extra-fields.js';
import { pushAll } from '../../core/push-all.js';

const textPartFields = new Set(['type', 'text']);
const refusalPartFields = new Set(['type', 'refusal']);
const imagePartFields = new Set(['type', 'image_url']);
const systemFields = new Set(['role', 'content']);
const assistantFields = new Set(['role', 'content', 'tool_calls', 'reasoning_content', 'refusal']);
const assistantFieldsWithDetails = new Set([...assistantFields, 'reasoning_details']);
const toolCallFields = new Set(['id', 'type', 'function']);
const toolFields = new Set(['role', 'content', 'tool_call_id']);

export interface ParsedMessages {
  system: TextPart[];
  messages: Message[];
  /**
   * Wire paths of the message fields kept in the messages' vendor data (a participant's `name`,
   * https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages), which only this
   * dialect's emitter writes back; other targets report them as left out (core/vendor-fields.ts).
   */
  fieldPaths: string[];
}

export function parseMessages(rawMessages: readonly unknown[], warnings: Warning[]): ParsedMessages {
  const system: TextPart[] = [];
  const messages: Message[] = [];
  const fieldPaths: string[] = [];
  const keep = (fields: Record<string, unknown> | undefined, path: string) => {
    recordFieldPaths(fields, path, fieldPaths);
    return fields;
  };
  rawMessages.forEach((raw, index) => {
    const path = `messages[${index}]`;
    const { role } = parseWire(messageHeadSchema, raw, path);
    switch (role) {
      case 'system':
      case 'developer': {
        const message = parseWire(systemMessageSchema, raw, path);
        const content = textContent(message.content);
        const extras = extraFields(message, systemFields);
        if (messages.length === 0) {
          // OpenAI treats `developer` as the newer name of `system`; both become the system prompt.
          pushAll(system, content);
          if (extras !== undefined) {
            warnings.push({
              type: 'unsupported',
              feature: 'system.fields',
              message: `Fields ${Object.keys(extras).join(', ')} of ${path} have no place in the system prompt and were left out.`,
            });
          }
        } else {
          keep(extras, path);
          const vendor = asVendor(role === 'developer' ? { ...extras, role } : extras);
          messages.push(vendor === undefined ? { role: 'system', content } : { role: 'system', content, vendor });
        }
        return;
      }
      case 'user': {
        const message = parseWire(userMessageSchema, raw, path);
        const vendor = asVendor(keep(extraFields(message, systemFields), path));
        const content = userContent(message.content, path, warnings);
        messages.push(vendor === undefined ? { role: 'user', content } : { role: 'user', content, vendor });
        return;
      }
      case 'assistant':
        messages.push(parseAssistant(raw, path, warnings, fieldPaths));
        return;
      case 'tool': {
        const message = parseWire(toolMessageSchema, raw, path);
        const result: ToolResultPart = {
          type: 'tool-result',
          toolCallId: message.tool_call_id,
          content: textContent(message.content),
        };
        const toolName = findToolCallName(messages, message.tool_call_id);
        if (toolName !== undefined) result.toolName = toolName;
        const vendor = asVendor(keep(extraFields(message, toolFields), path));
        if (vendor !== undefined) result.vendor = vendor;
        const previous = messages.at(-1);
        if (previous?.role === 'tool') previous.content.push(result);
        else messages.push({ role: 'tool', content: [result] });
        return;
      }
      default:
        throw new InterlinguaError(
          'invalid_request',
          role === 'function'
            ? `Invalid value for '${path}.role': the deprecated 'function' role is not supported; use 'tool' messages.`
            : `Invalid value for '${path}.role': expected one of system, developer, user, assistant, tool; got ${echoedValue(role)}.`,
          { param: `${path}.role` },
        );
    }
  });
  return { system, messages, fieldPaths };
}

/**
 * A field that holds nothing (`null`, `[]`) is not reported when it cannot be carried: an SDK's own
 * answer message sent back as history has `audio: null`, `function_call: null` and `annotations: []`.
 */
function recordFieldPaths(fields: Record<string, unknown> | undefined, path: string, fieldPaths: string[]): void {
  if (fields === undefined) return;
  for (const [field, value] of Object.entries(fields)) {
    if (value === null || (Array.isArray(value) && value.length === 0)) continue;
    fieldPaths.push(`${path}.${field}`);
  }
}

function textContent(content: string | ReadonlyArray<{ type: 'text'; text: string; [key: string]: unknown }>): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part) => withPartVendor<TextPart>({ type: 'text', text: part.text }, extraFields(part, textPartFields)));
}

function userContent(content: string | ReadonlyArray<{ type: string }>, path: string, warnings: Warning[]): UserPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: UserPart[] = [];
  content.forEach((head, index) => {
    const partPath = `${path}.content[${index}]`;
    if (head.type === 'text') {
      const part = parseWire(textPartSchema, head, partPath);
      parts.push(withPartVendor<TextPart>({ type: 'text', text: part.text }, extraFields(part, textPartFields)));
    } else if (head.type === 'image_url') {
      parts.push(parseImagePart(head, partPath));
    } else if (head.type === 'file') {
      parts.push(parseFilePart(head, partPath));
    } else if (head.type === 'input_audio') {
      parts.push(parseAudioPart(head, partPath));
    } else {
      warnings.push(unsupportedPart(head.type, partPath));
    }
  });
  return parts;
}

function parseImagePart(raw: unknown, path: string): ImagePart {
  const part = parseWire(imagePartSchema, raw, path);
  const imageUrl = typeof part.image_url === 'string' ? { url: part.image_url } : part.image_url;
  const image: ImagePart = { type: 'image', source: imageSource(imageUrl.url) };
  if (image.source.kind === 'base64' && !isStrictBase64(image.source.data)) throw invalidBase64(`${path}.image_url.url`);
  if ('detail' in imageUrl && imageUrl.detail != null) image.detail = imageUrl.detail;
  return withPartVendor(image, extraFields(part, imagePartFields));
}

/**
 * A `data:` URL with `;base64` becomes inline bytes; anything else stays a URL.
 * Format: https://developer.mozilla.org/en-US/docs/Web/URI/Reference/Schemes/data
 */
export function imageSource(url: string): ImageSource {
  if (url.startsWith('data:')) {
    const comma = url.indexOf(',');
    if (comma !== -1) {
      const [mediaType = '', ...parameters] = url.slice(5, comma).split(';');
      if (parameters.at(-1)?.toLowerCase() === 'base64' && mediaType !== '') {
        return { kind: 'base64', mediaType, data: url.slice(comma + 1) };
      }
    }
  }
  return { kind: 'url', url };
}

function parseAssistant(raw: unknown, path: string, warnings: Warning[], fieldPaths: string[]): Message {
  const message = parseWire(assistantMessageSchema, raw, path);
  const content: AssistantPart[] = [];
  // Signatures the gateway handed out go back to their vendor; their envelopes hold the text
  // that `reasoning_content` repeats, beside any it holds alone (reasoning-details.ts).
  const details = readReasoningDetails(message['reasoning_details']);
  if (details.parts.length > 0) pushAll(content, withUnsignedReasoning(message.reasoning_content, details.parts));
  else if (message.reasoning_content != null && message.reasoning_content !== '') content.push({ type: 'reasoning', text: message.reasoning_content });
  if (typeof message.content === 'string') {
    if (message.content !== '') content.push({ type: 'text', text: message.content });
  } else if (message.content != null) {
    message.content.forEach((head, index) => {
      const partPath = `${path}.content[${index}]`;
      if (head.type === 'text') {
        const part = parseWire(textPartSchema, head, partPath);
        content.push(withPartVendor<TextPart>({ type: 'text', text: part.text }, extraFields(part, textPartFields)));
      } else if (head.type === 'refusal') {
        const part = parseWire(refusalPartSchema, head, partPath);
        const extras = { ...extraFields(part, refusalPartFields), partType: refusalPartType };
        content.push(withPartVendor<TextPart>({ type: 'text', text: part.refusal }, extras));
      } else {
        warnings.push(unsupportedPart(head.type, partPath));
      }
    });
  }
  // A turn that declined says so in `refusal`, its content null: that is what the assistant said, kept
  // as its text (a refusal part, as in content) so the turn is neither lost nor merged away elsewhere.
  if (message.refusal != null && message.refusal !== '') content.push(withPartVendor<TextPart>({ type: 'text', text: message.refusal }, { partType: refusalPartType }));
  (message.tool_calls ?? []).forEach((call, index) => {
    if (call.function === undefined) {
      warnings.push({
        type: 'unsupported',
        feature: `tool_calls.${call.type ?? 'unknown'}`,
        message: `${path}.tool_calls[${index}] is not a function call and was left out.`,
      });
      return;
    }
    const part: ToolCallPart = { type: 'tool-call', id: call.id, name: call.function.name, arguments: call.function.arguments };
    content.push(withPartVendor(part, extraFields(call, toolCallFields)));
  });
  const extras = extraFields(message, details.parts.length > 0 ? assistantFieldsWithDetails : assistantFields);
  const fields = details.parts.length > 0 && details.others.length > 0 ? { ...extras, reasoning_details: details.others } : extras;
  recordFieldPaths(fields, path, fieldPaths);
  const vendor = asVendor(fields);
  return vendor === undefined ? { role: 'assistant', content } : { role: 'assistant', content, vendor };
}

/**
 * Keeps a part's extra wire fields in vendor data, after reading its cache breakpoint: the
 * `cache_control` OpenRouter and LiteLLM take (core/cache-control.ts), or OpenAI's own
 * `prompt_cache_breakpoint` (openai-family/prompt-cache-breakpoint.ts). Both also stay in vendor
 * data, so an upstream of this dialect gets them back as written, whatever its quirks.
 */
function withPartVendor<Part extends { vendor?: Record<string, Record<string, unknown>>; cache?: CacheBreakpoint }>(
  part: Part,
  extras: Record<string, unknown> | undefined,
): Part {
  const cache = parseCacheControl(extras?.['cache_control']);
  if (cache !== undefined) part.cache = cache;
  readPromptCacheBreakpoint(part, extras);
  const vendor = asVendor(extras);
  if (vendor !== undefined) part.vendor = vendor;
  return part;
}

function unsupportedPart(type: string, path: string): Warning {
  return {
    type: 'unsupported',
    feature: `content.${type}`,
    message: `${path} is a '${type}' part, which has no equivalent in the interlingua; it was left out.`,
  };
}
