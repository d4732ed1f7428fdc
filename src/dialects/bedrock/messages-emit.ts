/**
 * Interlingua conversation → Converse `system` and `messages`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html): turns of
 * `user` and `assistant` whose `content` is a list of one-member blocks — `text`, `image`,
 * `document`, `toolUse`, `toolResult`, `reasoningContent`, `cachePoint`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html). Tool
 * results go in a user turn. A cache breakpoint becomes a `cachePoint` block after its block
 * (cache-points.ts); a file a `document` block (documents.ts). Bedrock refuses what this module therefore never sends:
 * - a message with no content: "The content field in the Message object at messages.1 is empty"
 *   (test/fixtures/recorded/bedrock/error-400-validation-empty-content.envelope.json);
 * - reasoning in a user message: "User messages cannot contain reasoning content"
 *   (test/fixtures/recorded/bedrock/error-400-validation-reasoning-in-user-message.json);
 * - a cache point with nothing before it: "There is nothing available to cache"
 *   (test/fixtures/recorded/bedrock/error-400-validation-cachepoint-nothing-to-cache.json);
 * - more than five documents, two of one name, a document without text (document-fit.ts).
 */
import type { AssistantPart, FilePart, ImagePart, TextPart, ToolResultPart, UserPart } from '../../interlingua/content.js';
import type { CacheBreakpoint } from '../../interlingua/cache.js';
import type { Message } from '../../interlingua/message.js';
import type { Warning } from '../../interlingua/warning.js';
import type { VendorData } from '../../interlingua/vendor.js';
import { parseToolArguments } from '../../core/tool-arguments.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { isBlank, saysOnlyWhitespace } from '../../core/blank-text.js';
import { cachePointBlock } from './cache-points.js';
import { documentBlock } from './documents.js';
import { fitDocuments } from './document-fit.js';
import { bedrockFields, dialectName } from './vendor-data.js';
import { fitToolCallIds, type FittedToolCallIds } from '../../core/tool-call-id-fit.js';
import { pushAll } from '../../core/push-all.js';
import { leftOutTurn } from '../../core/left-out-turn.js';
import { leftOutGeminiOnlyImage } from '../../core/gemini-only-images.js';
import { leaveOutUploadedImage } from '../../core/uploaded-images.js';

/**
 * `toolUseId` in ToolUseBlock and ToolResultBlock: "Length Constraints: Minimum length of 1. Maximum length of 64.
 * Pattern: [a-zA-Z0-9_-]+" (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolUseBlock.html).
 */
const toolUseIdRule = { pattern: /^[a-zA-Z0-9_-]+$/, maxLength: 64, emptyId: 'tooluse' } as const;

export type WireBlock = Record<string, unknown>;

export interface EmittedTurn {
  role: 'user' | 'assistant';
  content: WireBlock[];
}

/** Image formats a Converse `ImageBlock` names (API_runtime_ImageBlock: "png | jpeg | gif | webp"). */
const imageFormats: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };

/**
 * The block, followed by a cache point when the part carries a breakpoint (or, from older stored
 * requests, a `vendor.bedrock.cachePoint`). A part that gives no block gives no cache point, so
 * a cache point never opens a list ("There is nothing available to cache").
 */
function withCachePoint(block: WireBlock | undefined, part: { cache?: CacheBreakpoint; vendor?: VendorData }): WireBlock[] {
  if (block === undefined) return [];
  if (part.cache !== undefined) return [block, cachePointBlock(part.cache)];
  const cachePoint = bedrockFields(part.vendor)['cachePoint'];
  return cachePoint === undefined ? [block] : [block, { cachePoint }];
}

export function textBlocks(part: TextPart): WireBlock[] {
  return part.text === '' ? [] : withCachePoint({ text: part.text }, part);
}

/** A message's parts, without its text when that is only whitespace (core/blank-text.ts), reported once. */
function withoutBlank<P extends UserPart | AssistantPart>(parts: readonly P[], warnings: Warning[]): readonly P[] {
  if (!saysOnlyWhitespace(parts)) return parts;
  addWarningPerFeature(warnings, { type: 'compatibility', feature: 'text.whitespace', message: 'Bedrock refuses a message whose text is only whitespace; such text was left out.' });
  return parts.filter((part) => part.type !== 'text');
}

/**
 * What an empty tool result is sent as. Its content is required, and Claude on Bedrock refuses an
 * empty or blank text in it ("messages: text content blocks must be non-empty",
 * https://github.com/NousResearch/hermes-agent/issues/55092).
 */
const emptyToolResult = '(no output)';

/** Numbers the request's documents, so that unnamed ones get distinct names. */
interface DocumentCounter {
  count: number;
}

function fileBlocks(part: FilePart, documents: DocumentCounter, warnings: Warning[]): WireBlock[] {
  documents.count += 1;
  return withCachePoint(documentBlock(part, documents.count, warnings), part);
}

function imageBlock(part: ImagePart, warnings: Warning[]): WireBlock | undefined {
  // A gs:// or Gemini Files API image is Gemini's alone; the gateway does not fetch it (core/gemini-only-images.ts).
  if (leftOutGeminiOnlyImage(part, 'Bedrock', warnings)) return undefined;
  // Bedrock has no file uploads of its own: an image uploaded to another vendor is left out (core/uploaded-images.ts).
  if (part.source.kind === 'file-id') return leaveOutUploadedImage(part.source, warnings);
  if (part.source.kind === 'url') {
    // The gateway inlines URLs first (capabilities.imageUrls is false); one that is left could not be fetched.
    addWarningPerFeature(warnings, { type: 'unsupported', feature: 'image.url', message: 'Bedrock takes images as bytes or from S3, not by URL; an image was left out.' });
    return undefined;
  }
  const format = imageFormats[part.source.mediaType.toLowerCase()];
  if (format === undefined) {
    addWarningPerFeature(warnings, { type: 'unsupported', feature: 'image.format', message: `Bedrock takes png, jpeg, gif and webp images; a ${part.source.mediaType} image was left out.` });
    return undefined;
  }
  if (part.detail !== undefined && part.detail !== 'auto') {
    addWarningPerFeature(warnings, { type: 'unsupported', feature: 'image.detail', message: 'Bedrock has no image detail setting; it was left out.' });
  }
  return { image: { format, source: { bytes: part.source.data } } };
}

function userBlocks(part: UserPart, documents: DocumentCounter, warnings: Warning[]): WireBlock[] {
  switch (part.type) {
    case 'text':
      return textBlocks(part);
    case 'image':
      return withCachePoint(imageBlock(part, warnings), part);
    case 'file':
      return fileBlocks(part, documents, warnings);
    default: {
      const unhandled: never = part;
      throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * A tool result: `status` is `success` or `error` (API_runtime_ToolResultBlock). Its content takes
 * no cache point (ToolResultContentBlock's members are json, text, image, document, video and
 * searchResult, https://docs.aws.amazon.com/sdk-for-python/v1/reference/clients/bedrock-runtime/unions/ToolResultContentBlock/),
 * so a breakpoint on an item inside moves to after the whole result.
 */
function toolResultBlock(part: ToolResultPart, documents: DocumentCounter, ids: FittedToolCallIds, warnings: Warning[]): WireBlock[] {
  const blank = saysOnlyWhitespace(part.content);
  const content = part.content.flatMap((item): WireBlock[] => {
    switch (item.type) {
      case 'text':
        return item.text === '' || blank ? [] : [{ text: item.text }];
      case 'image':
        return [imageBlock(item, warnings) ?? []].flat();
      case 'file':
        return fileBlocks(item, documents, warnings);
      default: {
        const unhandled: never = item;
        throw new Error(`unhandled tool result item ${JSON.stringify(unhandled)}`);
      }
    }
  });
  if (content.length === 0) {
    addWarningPerFeature(warnings, { type: 'compatibility', feature: 'tool_result.empty', message: `Bedrock takes no empty tool result; an empty one was sent as "${emptyToolResult}".` });
  }
  const result: WireBlock = { toolUseId: ids.wire(part.toolCallId), content: content.length > 0 ? content : [{ text: emptyToolResult }] };
  if (part.isError !== undefined) result['status'] = part.isError ? 'error' : 'success';
  const cache = part.cache ?? part.content.map((item) => (item.type === 'file' ? undefined : item.cache)).find((found) => found !== undefined);
  return withCachePoint({ toolResult: result }, { ...(cache !== undefined ? { cache } : {}), ...(part.vendor !== undefined ? { vendor: part.vendor } : {}) });
}

/**
 * A reasoning block, never followed by a cache point: Claude on Bedrock refuses one there ("Cache
 * point cannot be inserted after reasoning block", https://github.com/anomalyco/opencode/issues/36517).
 * The request parser carries a caller's to the block before the reasoning; one that a request stored
 * by an older version keeps on the part (`vendor.bedrock.cachePoint`) is left out, with a warning.
 */
function reasoningBlock(block: WireBlock, part: { vendor?: VendorData }, warnings: Warning[]): WireBlock[] {
  if (bedrockFields(part.vendor)['cachePoint'] !== undefined) {
    addWarningPerFeature(warnings, { type: 'unsupported', feature: 'reasoning.cache', message: 'Bedrock takes no cache point right after reasoning; one was left out.' });
  }
  return [block];
}

/**
 * An assistant part. A reasoning signature is bound to the platform that issued it: only
 * reasoning Bedrock signed is sent back ("include the text and its signature unmodified",
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ReasoningContentBlockDelta.html);
 * reasoning from elsewhere (Anthropic's own API, Vertex, another vendor) is left out with a warning.
 */
function assistantBlocks(part: AssistantPart, ids: FittedToolCallIds, warnings: Warning[]): WireBlock[] {
  switch (part.type) {
    case 'text':
      return textBlocks(part);
    case 'tool-call': {
      const parsed = parseToolArguments(part.arguments, part.name);
      pushAll(warnings, parsed.warnings);
      return withCachePoint({ toolUse: { toolUseId: ids.wire(part.id), name: part.name, input: parsed.value } }, part);
    }
    case 'reasoning': {
      if (part.signatureOrigin === dialectName && part.redactedData !== undefined) return reasoningBlock({ reasoningContent: { redactedContent: part.redactedData } }, part, warnings);
      if (part.signatureOrigin === dialectName && part.signature !== undefined) {
        return reasoningBlock({ reasoningContent: { reasoningText: { text: part.text, signature: part.signature } } }, part, warnings);
      }
      addWarningPerFeature(warnings, {
        type: 'compatibility',
        feature: 'reasoning',
        message: 'Reasoning without a Bedrock signature cannot be sent to Bedrock; it was left out of the history.',
      });
      return [];
    }
    default: {
      const unhandled: never = part;
      throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
    }
  }
}

/** Appends blocks to the conversation, merging a turn into the previous one of the same role. */
function appendTurn(turns: EmittedTurn[], role: EmittedTurn['role'], blocks: WireBlock[]): void {
  if (blocks.length === 0) return;
  const last = turns.at(-1);
  if (last !== undefined && last.role === role) pushAll(last.content, blocks);
  else turns.push({ role, content: blocks });
}

/**
 * System text, into `system`, without parts that are only whitespace. Claude on Converse refuses one
 * as a system block of its own, as Anthropic's API does ("system: text content blocks must contain
 * non-whitespace text", https://github.com/BoltAI/BoltAI/issues/165; on Converse through the relayed
 * "text content blocks must contain non-whitespace text", where system messages are among the blocks
 * that brought it: https://github.com/NousResearch/hermes-agent/pull/64858, /pull/63983). Such a part
 * says nothing; a cache point it carried goes after the system text before it, which ends the same
 * prefix, or is left out when there is none (the Anthropic codec's emitSystem does the same).
 */
function appendSystem(system: WireBlock[], parts: readonly TextPart[], warnings: Warning[]): void {
  for (const part of parts) {
    if (!isBlank(part.text)) {
      pushAll(system, textBlocks(part));
      continue;
    }
    if (part.text !== '') addWarningPerFeature(warnings, { type: 'compatibility', feature: 'system.whitespace', message: 'Bedrock refuses system text that is only whitespace; it was left out.' });
    const [, cachePoint] = withCachePoint({}, part);
    if (cachePoint !== undefined) moveCachePointBack(system, cachePoint, warnings);
  }
}

/** A blank system part's cache point, after the system text kept before it (unless one already follows that text). */
function moveCachePointBack(system: WireBlock[], cachePoint: WireBlock, warnings: Warning[]): void {
  const previous = system.at(-1);
  if (previous === undefined) {
    addWarningPerFeature(warnings, {
      type: 'unsupported',
      feature: 'cache_control.blank_text',
      message: 'Bedrock takes no cache point after system text that is empty or only whitespace, with no system text before it; it was left out.',
    });
    return;
  }
  if (previous['cachePoint'] === undefined) system.push(cachePoint);
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'cache_control.blank_text',
    message: 'Bedrock takes no cache point after system text that is empty or only whitespace; one was moved to the system text before it, which ends the same prefix.',
  });
}

export interface EmittedConversation {
  system: WireBlock[];
  messages: EmittedTurn[];
}

export function emitConversation(system: readonly TextPart[], messages: readonly Message[], warnings: Warning[]): EmittedConversation {
  const conversation: EmittedConversation = { system: [], messages: [] };
  appendSystem(conversation.system, system, warnings);
  const documents: DocumentCounter = { count: 0 };
  const ids = fitToolCallIds(messages, toolUseIdRule);
  let seenTurn = false;
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        if (seenTurn) {
          addWarningPerFeature(warnings, {
            type: 'compatibility',
            feature: 'system_message',
            message: 'Bedrock takes one system prompt; a system message inside the conversation was moved into it.',
          });
        }
        appendSystem(conversation.system, message.content, warnings);
        continue;
      case 'user': {
        const blocks = withoutBlank(message.content, warnings).flatMap((part) => userBlocks(part, documents, warnings));
        const note = leftOutTurn(message, blocks.length, 'Bedrock', warnings);
        appendTurn(conversation.messages, 'user', note === undefined ? blocks : textBlocks(note));
        break;
      }
      case 'tool':
        appendTurn(conversation.messages, 'user', message.content.flatMap((part) => toolResultBlock(part, documents, ids, warnings)));
        break;
      case 'assistant':
        appendTurn(conversation.messages, 'assistant', withoutBlank(message.content, warnings).flatMap((part) => assistantBlocks(part, ids, warnings)));
        break;
      default: {
        const unhandled: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unhandled)}`);
      }
    }
    seenTurn = true;
  }
  if (ids.rewritten > 0) {
    addWarningPerFeature(warnings, {
      type: 'compatibility',
      feature: 'tool_use.id',
      message: `Bedrock takes tool call ids of letters, digits, "_" and "-", at most ${toolUseIdRule.maxLength} of them; ${ids.rewritten} id(s) in the history were rewritten, the same way in each call and its result.`,
    });
  }
  fitDocuments(conversation.messages, warnings);
  return conversation;
}
