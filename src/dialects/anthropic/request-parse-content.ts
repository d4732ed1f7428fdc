/**
 * Anthropic `messages` → interlingua messages. A user turn may mix `tool_result` blocks with
 * text; each run of tool results becomes its own `tool` message, in place. Blocks the
 * interlingua cannot hold (`document` with a `content` source, `search_result`, server tool
 * blocks, file-sourced images) are kept whole in the message's `vendor.anthropic.opaque_blocks` with their
 * position, so only an Anthropic upstream gets them back; every other target is warned.
 */
import type { z } from 'zod';
import type { AssistantPart, ImagePart, ReasoningPart, TextPart, ToolCallPart, ToolResultPart, UserPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';
import type { Warning } from '../../interlingua/warning.js';
import { findToolCallName } from '../../core/tool-history.js';
import { stringifyToolArguments } from '../../core/tool-arguments.js';
import { readCarrier } from '../../core/signature-envelope.js';
import {
  base64SourceSchema,
  fileSourceSchema,
  imageBlockSchema,
  parseWire,
  redactedThinkingBlockSchema,
  textBlockSchema,
  thinkingBlockSchema,
  toolResultBlockSchema,
  toolUseBlockSchema,
  urlSourceSchema,
} from './wire-schema.js';
import type { WireBlock } from './wire-schema.js';
import { dialectName, withVendor } from './vendor-data.js';
import type { OpaqueBlock } from './opaque-blocks.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { parseCacheControl, takeCacheControl } from '../../core/cache-control.js';
import { carryReasoningBreakpoint } from '../../core/reasoning-breakpoint.js';
import { invalidBase64, isStrictBase64 } from '../../core/base64-data.js';
import { parseDocumentBlock } from './document-blocks.js';
import { extraFields } from '../../wire/extra-fields.js';
import { imageBlockFields, textBlockFields, toolResultBlockFields, toolUseBlockFields } from './block-fields.js';

type WireContent = string | WireBlock[];

function invalid<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> {
  return parseWire(schema, value, path, 'invalid_request');
}

export function parseTextBlock(block: WireBlock, path: string): TextPart {
  const text = invalid(textBlockSchema, block, path);
  const part: TextPart = { type: 'text', text: text.text };
  return withVendor(part, takeCacheControl(part, extraFields(text, textBlockFields)));
}

/**
 * An image, or undefined when its source has no interlingua form. A `file` source names an image
 * uploaded to Anthropic's Files API, which goes back to Anthropic only (core/uploaded-images.ts).
 */
function parseImageBlock(block: WireBlock, path: string): ImagePart | undefined {
  const image = invalid(imageBlockSchema, block, path);
  const withExtras = (part: ImagePart): ImagePart => withVendor(part, takeCacheControl(part, extraFields(image, imageBlockFields)));
  if (image.source.type === 'base64') {
    const source = invalid(base64SourceSchema, image.source, `${path}.source`);
    if (!isStrictBase64(source.data)) throw invalidBase64(`${path}.source.data`);
    return withExtras({ type: 'image', source: { kind: 'base64', mediaType: source.media_type, data: source.data } });
  }
  if (image.source.type === 'url') {
    const source = invalid(urlSourceSchema, image.source, `${path}.source`);
    return withExtras({ type: 'image', source: { kind: 'url', url: source.url } });
  }
  if (image.source.type === 'file') {
    const source = invalid(fileSourceSchema, image.source, `${path}.source`);
    return withExtras({ type: 'image', source: { kind: 'file-id', fileId: source.file_id, origin: dialectName } });
  }
  return undefined;
}

function unsupportedBlock(warnings: Warning[], feature: string): void {
  addWarningPerFeature(warnings, {
    type: 'unsupported',
    feature,
    message: `Anthropic "${feature}" content has no interlingua equivalent; it is kept only when the upstream is Anthropic.`,
  });
}

/** A tool result's content: text and image blocks as parts; anything else keeps the original content in vendor data. */
function parseToolResult(block: WireBlock, path: string, history: Message[], warnings: Warning[]): ToolResultPart {
  const result = invalid(toolResultBlockSchema, block, path);
  const part: ToolResultPart = { type: 'tool-result', toolCallId: result.tool_use_id, content: [] };
  const toolName = findToolCallName(history, result.tool_use_id);
  if (toolName !== undefined) part.toolName = toolName;
  if (result.is_error !== undefined) part.isError = result.is_error;
  let extras = takeCacheControl(part, extraFields(result, toolResultBlockFields));
  if (typeof result.content === 'string') {
    part.content.push({ type: 'text', text: result.content });
  } else if (result.content !== undefined) {
    for (const [index, item] of result.content.entries()) {
      const itemPath = `${path}.content.${index}`;
      const media = item.type === 'image' ? parseImageBlock(item, itemPath) : item.type === 'document' ? parseDocumentBlock(item, itemPath) : undefined;
      if (item.type === 'text') part.content.push(parseTextBlock(item, itemPath));
      else if (media !== undefined) part.content.push(media);
      else {
        unsupportedBlock(warnings, `tool_result.content.${item.type}`);
        extras = { ...extras, content: result.content };
      }
    }
  }
  return withVendor(part, extras);
}

/**
 * A thinking block's signature is Anthropic's own, or another vendor's that the gateway handed
 * the caller inside an envelope (core/signature-envelope.ts) and now takes back to its origin.
 */
function parseThinking(block: WireBlock, path: string): ReasoningPart {
  const thinking = invalid(thinkingBlockSchema, block, path);
  const part: ReasoningPart = { type: 'reasoning', text: thinking.thinking };
  // Only a real signature ties the block to a vendor; an empty one verifies nowhere.
  if (thinking.signature !== undefined && thinking.signature !== '') {
    const carried = readCarrier(dialectName, thinking.signature);
    if (carried.kind === 'redacted') part.redactedData = carried.value;
    else part.signature = carried.value;
    part.signatureOrigin = carried.origin;
  }
  return part;
}

function parseRedactedThinking(block: WireBlock, path: string): ReasoningPart {
  const redacted = invalid(redactedThinkingBlockSchema, block, path);
  const carried = readCarrier(dialectName, redacted.data, 'redacted');
  const part: ReasoningPart = { type: 'reasoning', text: '', signatureOrigin: carried.origin };
  if (carried.kind === 'redacted') part.redactedData = carried.value;
  else part.signature = carried.value;
  return part;
}

function parseAssistantBlock(block: WireBlock, path: string): AssistantPart | undefined {
  switch (block.type) {
    case 'text':
      return parseTextBlock(block, path);
    case 'tool_use': {
      const call = invalid(toolUseBlockSchema, block, path);
      const part: ToolCallPart = { type: 'tool-call', id: call.id, name: call.name, arguments: stringifyToolArguments(call.input) };
      return withVendor(part, takeCacheControl(part, extraFields(call, toolUseBlockFields)));
    }
    case 'thinking':
      return parseThinking(block, path);
    case 'redacted_thinking':
      return parseRedactedThinking(block, path);
    default:
      return undefined;
  }
}

function parseUserBlock(block: WireBlock, path: string): UserPart | undefined {
  switch (block.type) {
    case 'text':
      return parseTextBlock(block, path);
    case 'image':
      return parseImageBlock(block, path);
    case 'document':
      return parseDocumentBlock(block, path);
    default:
      return undefined;
  }
}

function contentBlocks(content: WireContent): WireBlock[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function withOpaque<T extends Message>(message: T, opaque: OpaqueBlock[]): T {
  return opaque.length === 0 ? message : withVendor(message, { opaque_blocks: opaque });
}

/** A user turn, split into `user` and `tool` messages where tool results start and stop. */
function parseUserTurn(content: WireContent, path: string, messages: Message[], warnings: Warning[]): void {
  let userParts: UserPart[] = [];
  let opaque: OpaqueBlock[] = [];
  let toolParts: ToolResultPart[] = [];
  let touchedUser = typeof content === 'string' || content.length === 0;
  const flushUser = (): void => {
    if (touchedUser) messages.push(withOpaque<Message>({ role: 'user', content: userParts }, opaque));
    userParts = [];
    opaque = [];
    touchedUser = false;
  };
  const flushTools = (): void => {
    if (toolParts.length > 0) messages.push({ role: 'tool', content: toolParts });
    toolParts = [];
  };
  for (const [index, block] of contentBlocks(content).entries()) {
    const blockPath = `${path}.${index}`;
    if (block.type === 'tool_result') {
      flushUser();
      toolParts.push(parseToolResult(block, blockPath, messages, warnings));
      continue;
    }
    flushTools();
    touchedUser = true;
    const part = parseUserBlock(block, blockPath);
    if (part !== undefined) userParts.push(part);
    else {
      unsupportedBlock(warnings, block.type === 'image' || block.type === 'document' ? `${block.type}.source` : block.type);
      opaque.push({ index: userParts.length, block });
    }
  }
  flushTools();
  flushUser();
}

/**
 * An assistant turn. A `cache_control` on a thinking block, which Anthropic refuses there, is
 * carried back to the nearest block before it (core/reasoning-breakpoint.ts).
 */
function parseAssistantTurn(content: WireContent, path: string, earlier: readonly Message[], warnings: Warning[]): Message {
  const parts: AssistantPart[] = [];
  const opaque: OpaqueBlock[] = [];
  for (const [index, block] of contentBlocks(content).entries()) {
    const part = parseAssistantBlock(block, `${path}.${index}`);
    const reasoningCache = part?.type === 'reasoning' ? parseCacheControl(block['cache_control']) : undefined;
    if (reasoningCache !== undefined) carryReasoningBreakpoint(reasoningCache, parts, earlier, 'Anthropic', warnings);
    if (part !== undefined) parts.push(part);
    else {
      unsupportedBlock(warnings, block.type);
      opaque.push({ index: parts.length, block });
    }
  }
  return withOpaque<Message>({ role: 'assistant', content: parts }, opaque);
}

/** A `system` message inside `messages` (newer API versions accept it): text blocks only. */
function parseSystemTurn(content: WireContent, path: string): Message {
  return { role: 'system', content: contentBlocks(content).map((block, index) => parseTextBlock(block, `${path}.${index}`)) };
}

export function parseMessages(wireMessages: ReadonlyArray<{ role: 'user' | 'assistant' | 'system'; content: WireContent }>, warnings: Warning[]): Message[] {
  const messages: Message[] = [];
  for (const [index, message] of wireMessages.entries()) {
    const path = `messages.${index}.content`;
    if (message.role === 'user') parseUserTurn(message.content, path, messages, warnings);
    else if (message.role === 'assistant') messages.push(parseAssistantTurn(message.content, path, messages, warnings));
    else messages.push(parseSystemTurn(message.content, path));
  }
  return messages;
}
