/**
 * Interlingua conversation → Anthropic `system` + `messages`. Anthropic takes one system prompt
 * and alternating user/assistant turns; tool results go in a user turn, before any text
 * (https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks).
 */
import type { AssistantPart, ImagePart, TextPart, ToolResultPart, UserPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';
import type { Warning } from '../../interlingua/warning.js';
import { parseToolArguments } from '../../core/tool-arguments.js';
import { documentBlock } from './document-blocks.js';
import { blocksWithOpaque } from './opaque-blocks.js';
import type { EmittedBlock } from './opaque-blocks.js';
import { toolUseIds, type ToolUseIds } from './tool-use-ids.js';
import { anthropicFields, dialectName } from './vendor-data.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { claudeImageMediaTypes } from '../claude-family/image-limits.js';
import { cacheControlField } from '../../core/cache-control.js';
import { leftOutGeminiOnlyImage } from '../../core/gemini-only-images.js';
import { leaveOutUploadedImage } from '../../core/uploaded-images.js';
import { isBlank, saysOnlyWhitespace } from '../../core/blank-text.js';
import type { CacheBreakpoint } from '../../interlingua/cache.js';
import { pushAll } from '../../core/push-all.js';
import { leftOutTurn } from '../../core/left-out-turn.js';

export interface EmittedTurn {
  role: 'user' | 'assistant';
  content: EmittedBlock[];
}

export function textBlock(part: TextPart): EmittedBlock {
  return { ...anthropicFields(part.vendor), ...cacheControlField(part.cache), type: 'text', text: part.text };
}

/**
 * The image types Anthropic reads (claude-family/image-limits.ts); any other `media_type` is refused with a
 * 400 (https://github.com/NousResearch/hermes-agent/issues/55432), including the common label `image/jpg`.
 */
const imageMediaTypes = new Set(claudeImageMediaTypes);
const mediaTypeAliases: Record<string, string> = { 'image/jpg': 'image/jpeg' };

function imageBlock(part: ImagePart, warnings: Warning[]): EmittedBlock | undefined {
  // A gs:// or Gemini Files API image is Gemini's alone (core/gemini-only-images.ts).
  if (leftOutGeminiOnlyImage(part, 'Anthropic', warnings)) return undefined;
  // An image uploaded to Anthropic's Files API goes back there only (core/uploaded-images.ts).
  if (part.source.kind === 'file-id') {
    if (part.source.origin !== dialectName) return leaveOutUploadedImage(part.source, warnings);
    return { ...anthropicFields(part.vendor), ...cacheControlField(part.cache), type: 'image', source: { type: 'file', file_id: part.source.fileId } };
  }
  if (part.detail !== undefined && part.detail !== 'auto') {
    addWarningPerFeature(warnings, { type: 'unsupported', feature: 'image.detail', message: 'Anthropic has no image detail setting; it was left out.' });
  }
  if (part.source.kind === 'url') return { ...anthropicFields(part.vendor), ...cacheControlField(part.cache), type: 'image', source: { type: 'url', url: part.source.url } };
  const labelled = part.source.mediaType.toLowerCase();
  const mediaType = mediaTypeAliases[labelled] ?? labelled;
  if (!imageMediaTypes.has(mediaType)) {
    addWarningPerFeature(warnings, {
      type: 'unsupported',
      feature: 'image.media_type',
      message: `Anthropic reads JPEG, PNG, GIF and WebP images only; an image of type ${part.source.mediaType} was left out.`,
    });
    return undefined;
  }
  if (mediaType !== part.source.mediaType) {
    addWarningPerFeature(warnings, { type: 'compatibility', feature: 'image.media_type', message: `Anthropic takes the media types image/jpeg, image/png, image/gif and image/webp; an image labelled ${part.source.mediaType} was sent as ${mediaType}.` });
  }
  return { ...anthropicFields(part.vendor), ...cacheControlField(part.cache), type: 'image', source: { type: 'base64', media_type: mediaType, data: part.source.data } };
}

function userBlock(part: UserPart, warnings: Warning[]): EmittedBlock | undefined {
  switch (part.type) {
    case 'text':
      return part.text === '' ? undefined : textBlock(part);
    case 'image':
      return imageBlock(part, warnings);
    case 'file':
      return documentBlock(part, warnings);
    default: {
      const unhandled: never = part;
      throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
    }
  }
}

/** A tool result; a single plain text is sent as a string, as most callers write it. */
function toolResultBlock(part: ToolResultPart, ids: ToolUseIds, warnings: Warning[]): EmittedBlock {
  const { content: originalContent, ...fields } = anthropicFields(part.vendor);
  const block: EmittedBlock = { ...fields, ...cacheControlField(part.cache), type: 'tool_result', tool_use_id: ids.wire(part.toolCallId) };
  const only = part.content.length === 1 ? part.content[0] : undefined;
  if (Array.isArray(originalContent)) block['content'] = originalContent;
  else if (only?.type === 'text' && only.vendor === undefined && only.cache === undefined) block['content'] = only.text;
  else if (part.content.length > 0) {
    const blocks = part.content.flatMap((item) => userBlock(item, warnings) ?? []);
    if (blocks.length > 0) block['content'] = blocks;
  }
  if (part.isError !== undefined) block['is_error'] = part.isError;
  return block;
}

/**
 * An assistant part. Thinking blocks carry signatures only Anthropic can verify, so only
 * reasoning that came from Anthropic is sent back; any other is left out with a warning.
 */
function assistantBlock(part: AssistantPart, ids: ToolUseIds, warnings: Warning[]): EmittedBlock | undefined {
  switch (part.type) {
    case 'text':
      return part.text === '' ? undefined : textBlock(part);
    case 'tool-call': {
      const parsed = parseToolArguments(part.arguments, part.name);
      pushAll(warnings, parsed.warnings);
      return { ...anthropicFields(part.vendor), ...cacheControlField(part.cache), type: 'tool_use', id: ids.wire(part.id), name: part.name, input: parsed.value };
    }
    case 'reasoning': {
      if (part.signatureOrigin === dialectName && part.redactedData !== undefined) return { type: 'redacted_thinking', data: part.redactedData };
      if (part.signatureOrigin === dialectName && part.signature !== undefined) {
        return { type: 'thinking', thinking: part.text, signature: part.signature };
      }
      addWarningPerFeature(warnings, {
        type: 'compatibility',
        feature: 'reasoning',
        message: 'Reasoning without an Anthropic signature cannot be sent to Anthropic; it was left out of the history.',
      });
      return undefined;
    }
    default: {
      const unhandled: never = part;
      throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * Whether a part is left out as the blank text of a message that says nothing else
 * (core/blank-text.ts); reported once. The parts keep their positions for the opaque blocks.
 */
function blankTextOf<P extends UserPart | AssistantPart>(parts: readonly P[], warnings: Warning[]): (part: P) => boolean {
  if (!saysOnlyWhitespace(parts)) return () => false;
  addWarningPerFeature(warnings, { type: 'compatibility', feature: 'text.whitespace', message: 'Anthropic refuses a message whose text is only whitespace; such text was left out.' });
  return (part) => part.type === 'text';
}

/**
 * Appends a turn, merging it into the previous one of the same role. User turns merged are noted
 * in `merged`, to have their tool results put first once all are in (`withResultsFirst`).
 */
function appendTurn(turns: EmittedTurn[], role: EmittedTurn['role'], blocks: EmittedBlock[], merged: Set<EmittedTurn>): void {
  if (blocks.length === 0) return;
  const last = turns.at(-1);
  if (last === undefined || last.role !== role) {
    turns.push({ role, content: blocks });
    return;
  }
  pushAll(last.content, blocks);
  if (role === 'user') merged.add(last);
}

/**
 * In a merged user turn tool results go first, as Anthropic needs; a merge that has to move text
 * after them says so. Done once per turn after every merge: reordering at each merge copied the
 * turn again each time, and 20,000 one-line user messages took 13 s.
 */
function withResultsFirst(merged: ReadonlySet<EmittedTurn>, warnings: Warning[]): void {
  const isResult = (block: EmittedBlock): boolean => block['type'] === 'tool_result';
  for (const turn of merged) {
    const ordered = [...turn.content.filter(isResult), ...turn.content.filter((block) => !isResult(block))];
    if (!ordered.some((block, index) => block !== turn.content[index])) continue;
    addWarningPerFeature(warnings, {
      type: 'compatibility',
      feature: 'tool_result.order',
      message: 'Anthropic needs tool results first in a user turn; text that came before them was moved after them.',
    });
    turn.content = ordered;
  }
}

export interface EmittedConversation {
  /** Top-level system parts followed by hoisted `system` messages. */
  system: TextPart[];
  messages: EmittedTurn[];
}

export function emitConversation(system: readonly TextPart[], messages: readonly Message[], warnings: Warning[]): EmittedConversation {
  const conversation: EmittedConversation = { system: [...system], messages: [] };
  const ids = toolUseIds(messages);
  if (ids.rewritten > 0) {
    addWarningPerFeature(warnings, {
      type: 'compatibility',
      feature: 'tool_call.id',
      message: `Anthropic takes tool call ids of letters, digits, "_" and "-" only; ${ids.rewritten} id(s) in the history were rewritten, the same way in each call and its result.`,
    });
  }
  let seenTurn = false;
  const merged = new Set<EmittedTurn>();
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        if (seenTurn) {
          addWarningPerFeature(warnings, {
            type: 'compatibility',
            feature: 'system_message',
            message: 'Anthropic takes one system prompt; a system message inside the conversation was moved into it.',
          });
        }
        pushAll(conversation.system, message.content);
        continue;
      case 'user': {
        const blank = blankTextOf(message.content, warnings);
        const blocks = blocksWithOpaque(message.content, message.vendor, (part) => (blank(part) ? undefined : userBlock(part, warnings)));
        const note = leftOutTurn(message, blocks.length, 'Anthropic', warnings);
        appendTurn(conversation.messages, 'user', note === undefined ? blocks : [textBlock(note)], merged);
        break;
      }
      case 'tool':
        appendTurn(conversation.messages, 'user', blocksWithOpaque(message.content, message.vendor, (part) => toolResultBlock(part, ids, warnings)), merged);
        break;
      case 'assistant': {
        const blank = blankTextOf(message.content, warnings);
        appendTurn(conversation.messages, 'assistant', blocksWithOpaque(message.content, message.vendor, (part) => (blank(part) ? undefined : assistantBlock(part, ids, warnings))), merged);
        break;
      }
      default: {
        const unhandled: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unhandled)}`);
      }
    }
    seenTurn = true;
  }
  withResultsFirst(merged, warnings);
  return conversation;
}

/**
 * `system` as a string when it is one plain text, else as text blocks; undefined when empty.
 * Anthropic refuses system text that is only whitespace ("system: text content blocks must contain
 * non-whitespace text", https://github.com/BoltAI/BoltAI/issues/165 for a system prompt of
 * whitespace; https://github.com/NousResearch/hermes-agent/pull/97618 and /pull/86643 for a
 * whitespace block beside others) and a breakpoint on an empty one ("cache_control cannot be set for
 * empty text blocks", https://github.com/NousResearch/hermes-agent/pull/1216). Such parts say
 * nothing, so they are left out; a breakpoint one of them carried goes to the last part with text
 * before it, which ends the same prefix, or is left out when there is none.
 */
export function emitSystem(parts: readonly TextPart[], warnings: Warning[]): string | EmittedBlock[] | undefined {
  const kept: TextPart[] = [];
  let blank = false;
  for (const part of parts) {
    if (!isBlank(part.text)) {
      kept.push(part);
      continue;
    }
    if (part.text !== '') blank = true;
    if (part.cache !== undefined) moveBreakpointBack(kept, part.cache, warnings);
  }
  if (blank) addWarningPerFeature(warnings, { type: 'compatibility', feature: 'system.whitespace', message: 'Anthropic refuses system text that is only whitespace; it was left out.' });
  const hasFields = (part: TextPart): boolean => part.vendor?.[dialectName] !== undefined || part.cache !== undefined;
  const only = kept.length === 1 ? kept[0] : undefined;
  if (only !== undefined && !hasFields(only)) return only.text;
  return kept.length === 0 ? undefined : kept.map(textBlock);
}

/** A blank system part's breakpoint, onto the last part kept before it (which keeps its own, if it has one). */
function moveBreakpointBack(kept: TextPart[], cache: CacheBreakpoint, warnings: Warning[]): void {
  const previous = kept.at(-1);
  if (previous === undefined) {
    addWarningPerFeature(warnings, {
      type: 'unsupported',
      feature: 'cache_control.blank_text',
      message: 'Anthropic takes no cache breakpoint on empty or whitespace-only text; one on such system text, with no system text before it, was left out.',
    });
    return;
  }
  if (previous.cache === undefined) kept[kept.length - 1] = { ...previous, cache };
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'cache_control.blank_text',
    message: 'Anthropic takes no cache breakpoint on empty or whitespace-only text; one on such system text was moved to the system text before it, which ends the same prefix.',
  });
}
