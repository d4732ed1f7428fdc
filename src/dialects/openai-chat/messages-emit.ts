/**
 * Interlingua messages → Chat Completions `messages[]`. Content is a plain string wherever it
 * is a single text part with nothing else attached, which is what every OpenAI-compatible server
 * accepts; it becomes an array of parts only when it has to.
 */
import { leftOutTurn } from '../../core/left-out-turn.js';
import type { ImagePart, TextPart, ToolResultContentPart, ToolResultPart, UserPart } from '../../interlingua/content.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { Message } from '../../interlingua/message.js';
import type { Warning } from '../../interlingua/warning.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import type { OpenaiChatQuirks } from './quirks.js';
import type { WireImagePart, WireMessage, WireRefusalPart, WireTextPart, WireToolCall } from './wire-types.js';
import { mergeVendorFields, ownVendor, refusalPartType } from './vendor.js';
import { emitFilePart, type WireFilePart } from './file-part.js';
import { documentNote } from '../../core/document-notes.js';
import type { WireAudioPart } from './audio-part.js';
import { cacheControlField } from '../../core/cache-control.js';
import { fitToolCallIds, type FittedToolCallIds } from '../../core/tool-call-id-fit.js';
import { withPairedToolResults } from '../../core/tool-result-pairing.js';
import { fitTurns } from './turn-fit.js';
import { leftOutGeminiOnlyImage } from '../../core/gemini-only-images.js';
import { leaveOutUploadedImage, type ReadableImageSource } from '../../core/uploaded-images.js';

const partKeys = new Set(['type', 'text', 'refusal', 'image_url', 'partType']);
const toolCallKeys = new Set(['id', 'type', 'function']);
/**
 * OpenAI refuses a longer tool call id: "Invalid 'messages[2].tool_calls[0].id': string too long. Expected a string
 * with maximum length 40, but got a string with length 46 instead." (code string_above_max_length), as answered to
 * vLLM's ids in a history moved to OpenAI (https://github.com/anomalyco/opencode/issues/12653) and to a gateway's
 * own (https://github.com/Portkey-AI/gateway/issues/1062, Azure OpenAI).
 */
const maxToolCallIdLength = 40;

const messageKeys = new Set(['role', 'content', 'tool_calls', 'reasoning_content', 'tool_call_id']);

/** Whether breakpoints are written as `cache_control` on parts (quirks.cacheBreakpoints). */
type WriteCache = boolean;

export function emitMessages(request: ChatRequest, quirks: OpenaiChatQuirks, warnings: Warning[]): WireMessage[] {
  const wire: WireMessage[] = [];
  const writeCache: WriteCache = quirks.cacheBreakpoints === 'cache-control';
  const systemContent = (parts: readonly TextPart[]): string | WireTextPart[] => joinedTextContent(parts, writeCache, quirks.systemContentAsString === true);
  if (request.system.length > 0) wire.push({ role: 'system', content: systemContent(request.system) });
  let droppedReasoning = false;
  const idLength = quirks.toolCallIdLength;
  const messages = withPairedToolResults(request.messages, 'Chat Completions', warnings);
  const ids = fitToolCallIds(messages, idLength === undefined ? { maxLength: maxToolCallIdLength } : { pattern: new RegExp(`^[a-zA-Z0-9]{${idLength}}$`), digestLength: idLength });
  for (const message of messages) {
    switch (message.role) {
      case 'system': {
        const vendor = ownVendor(message.vendor);
        // `developer` is OpenAI's newer name for `system`; where the upstream has no such role, the older name says the same.
        const role = quirks.developerRole && vendor?.['role'] === 'developer' ? 'developer' : 'system';
        wire.push(withMessageVendor({ role, content: systemContent(message.content) }, message));
        break;
      }
      case 'user': {
        const content = userContent(message.content, writeCache, warnings);
        const note = leftOutTurn(message, content.length, 'OpenAI Chat Completions', warnings);
        wire.push(withMessageVendor({ role: 'user', content: note === undefined ? content : note.text }, message));
        break;
      }
      case 'assistant': {
        const { wireMessage, reasoningDropped } = assistantMessage(message, quirks, writeCache, ids);
        droppedReasoning ||= reasoningDropped;
        wire.push(wireMessage);
        break;
      }
      case 'tool': {
        for (const result of message.content) wire.push(toolMessage(result, writeCache, quirks.toolContentAsString === true, ids, warnings));
        const media = toolResultMediaMessage(message.content, writeCache, ids, warnings);
        if (media !== undefined) wire.push(media);
        break;
      }
      default: {
        const unhandled: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unhandled)}`);
      }
    }
  }
  if (ids.rewritten > 0) {
    warnings.push({
      type: 'compatibility',
      feature: 'tool_calls.id',
      message:
        idLength === undefined
          ? `OpenAI takes tool call ids of at most ${maxToolCallIdLength} characters; ${ids.rewritten} id(s) in the history were shortened, the same way in each call and its result.`
          : `This upstream takes tool call ids of exactly ${idLength} letters and digits; ${ids.rewritten} id(s) in the history were rewritten, the same way in each call and its result.`,
    });
  }
  if (droppedReasoning) {
    warnings.push({
      type: 'compatibility',
      feature: 'reasoning.history',
      message: 'Reasoning from earlier assistant turns was left out: OpenAI Chat Completions takes no reasoning in messages.',
    });
  }
  // Turns this upstream refuses though OpenAI takes them (quirks.ts, turn-fit.ts).
  return fitTurns(wire, quirks, warnings);
}

/**
 * A part's `cache_control`, when the upstream takes it. A part whose caller wrote its breakpoint
 * in this dialect (`cache_control` or `prompt_cache_breakpoint`, kept in vendor data) gets it back
 * as written and no second marker.
 */
function cacheFields(part: TextPart | ImagePart, writeCache: WriteCache): Record<string, unknown> {
  const own = ownVendor(part.vendor);
  if (!writeCache || own?.['prompt_cache_breakpoint'] !== undefined || own?.['cache_control'] !== undefined) return {};
  return cacheControlField(part.cache);
}

function textPart(part: TextPart, writeCache: WriteCache): WireTextPart {
  const wire: WireTextPart = { type: 'text', text: part.text, ...cacheFields(part, writeCache) };
  mergeVendorFields(wire, ownVendor(part.vendor), partKeys);
  return wire;
}

/** Whether a part needs the array form: fields of its own, or a breakpoint to write. */
function hasPartFields(part: TextPart, writeCache: WriteCache): boolean {
  return ownVendor(part.vendor) !== undefined || Object.keys(cacheFields(part, writeCache)).length > 0;
}

/** One plain text part → a string; otherwise the array form, which keeps part-level fields. */
function textContentOf(parts: readonly TextPart[], writeCache: WriteCache): string | WireTextPart[] {
  const [only] = parts;
  if (parts.length === 0) return '';
  if (parts.length === 1 && only !== undefined && !hasPartFields(only, writeCache)) return only.text;
  return parts.map((part) => textPart(part, writeCache));
}

/**
 * Chat Completions takes `detail` auto, low or high (ChatCompletionContentPartImage in
 * node_modules/openai/resources/chat/completions/completions.d.ts); the Responses API's `original`
 * goes as `high`, its nearest.
 */
function imagePart(part: ImagePart, source: ReadableImageSource, writeCache: WriteCache, warnings: Warning[]): WireImagePart {
  const url = source.kind === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`;
  let detail = part.detail;
  if (detail === 'original') {
    addWarningPerFeature(warnings, { type: 'compatibility', feature: 'image.detail', message: 'Chat Completions has no image detail "original"; "high" was sent.' });
    detail = 'high';
  }
  const wire: WireImagePart = { type: 'image_url', image_url: detail === undefined ? { url } : { url, detail }, ...cacheFields(part, writeCache) };
  mergeVendorFields(wire, ownVendor(part.vendor), partKeys);
  return wire;
}

function userContent(parts: readonly UserPart[], writeCache: WriteCache, warnings: Warning[]): string | Array<WireTextPart | WireImagePart | WireFilePart | WireAudioPart> {
  const texts = parts.filter((part): part is TextPart => part.type === 'text');
  if (texts.length === parts.length) return textContentOf(texts, writeCache);
  const wire: Array<WireTextPart | WireImagePart | WireFilePart | WireAudioPart> = [];
  for (const part of parts) {
    // A document's context has no field here (its title is the file name): it goes as text just before it (core/document-notes.ts).
    const note = part.type === 'file' ? documentNote(part, 'OpenAI Chat Completions', { carriesTitle: true }, warnings) : undefined;
    if (note !== undefined) wire.push(textPart(note, writeCache));
    const emitted = mediaPart(part, writeCache, warnings);
    if (emitted !== undefined) wire.push(emitted);
  }
  return wire;
}

function mediaPart(part: UserPart, writeCache: WriteCache, warnings: Warning[]): WireTextPart | WireImagePart | WireFilePart | WireAudioPart | undefined {
  switch (part.type) {
    case 'text':
      return textPart(part, writeCache);
    case 'image':
      // A gs:// or Gemini Files API image is Gemini's alone (core/gemini-only-images.ts).
      if (leftOutGeminiOnlyImage(part, 'OpenAI Chat Completions', warnings)) return undefined;
      // Chat's image_url takes no file id: an uploaded image is left out (core/uploaded-images.ts).
      if (part.source.kind === 'file-id') return leaveOutUploadedImage(part.source, warnings);
      return imagePart(part, part.source, writeCache, warnings);
    case 'file': {
      const file = emitFilePart(part, warnings);
      return file?.type === 'text' ? textPart(file, writeCache) : file;
    }
    default: {
      const unhandled: never = part;
      throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
    }
  }
}

function assistantMessage(
  message: Extract<Message, { role: 'assistant' }>,
  quirks: OpenaiChatQuirks,
  writeCache: WriteCache,
  ids: FittedToolCallIds,
): { wireMessage: WireMessage; reasoningDropped: boolean } {
  const texts: TextPart[] = [];
  const toolCalls: WireToolCall[] = [];
  let reasoning = '';
  for (const part of message.content) {
    if (part.type === 'text') texts.push(part);
    else if (part.type === 'reasoning') reasoning += part.text;
    else {
      const call: WireToolCall = { id: ids.wire(part.id), type: 'function', function: { name: part.name, arguments: part.arguments } };
      mergeVendorFields(call, ownVendor(part.vendor), toolCallKeys);
      toolCalls.push(call);
    }
  }
  // A turn of tool calls only: OpenAI's null, or what the upstream takes instead (quirks.ts, contentOnToolCalls).
  const wire: WireMessage = { role: 'assistant', content: assistantContent(texts, toolCalls.length > 0, writeCache) ?? quirks.contentOnToolCalls ?? null };
  if (toolCalls.length > 0) wire.tool_calls = toolCalls;
  const echoReasoning = quirks.reasoningContentInHistory && reasoning !== '';
  if (echoReasoning) wire.reasoning_content = reasoning;
  // The upstream's stand-in where it requires the field on every tool-call turn (quirks.ts, reasoningOnToolCalls).
  else if (quirks.reasoningOnToolCalls !== undefined && toolCalls.length > 0) wire.reasoning_content = quirks.reasoningOnToolCalls;
  return { wireMessage: withMessageVendor(wire, message), reasoningDropped: reasoning !== '' && !echoReasoning };
}

/** Joined text, unless a part carries fields (or is a refusal) that only the array form can hold. */
function assistantContent(texts: readonly TextPart[], hasToolCalls: boolean, writeCache: WriteCache): string | Array<WireTextPart | WireRefusalPart> | null {
  if (texts.some((part) => hasPartFields(part, writeCache))) {
    return texts.map((part) => {
      const vendor = ownVendor(part.vendor);
      if (vendor?.['partType'] !== refusalPartType) return textPart(part, writeCache);
      const refusal: WireRefusalPart = { type: 'refusal', refusal: part.text };
      mergeVendorFields(refusal, vendor, partKeys);
      return refusal;
    });
  }
  if (texts.length === 0) return hasToolCalls ? null : '';
  return texts.map((part) => part.text).join('');
}

/**
 * OpenAI tool messages take text only: `content` is a string or an array of `text` parts
 * (https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages, "Tool message").
 * A result's images and files go in the user message that follows the tool messages
 * (toolResultMediaMessage); a result that was only media says where it went, so the tool message is not empty.
 */
function toolMessage(result: ToolResultPart, writeCache: WriteCache, asString: boolean, ids: FittedToolCallIds, warnings: Warning[]): WireMessage {
  const texts = result.content.filter((part): part is TextPart => part.type === 'text');
  const mediaCount = result.content.length - texts.length;
  if (result.isError === true) {
    warnings.push({
      type: 'unsupported',
      feature: 'tool_result.is_error',
      message: `The error flag on the result of tool call "${result.toolCallId}" has no OpenAI equivalent; the result was sent as ordinary text.`,
    });
  }
  // A breakpoint on the result itself goes on its last text part, the end of what it adds to the prefix.
  const lastText = texts.at(-1);
  const marked = result.cache !== undefined && lastText !== undefined && lastText.cache === undefined ? [...texts.slice(0, -1), { ...lastText, cache: result.cache }] : texts;
  const content = texts.length === 0 && mediaCount > 0 ? mediaFollowsNote(result.content) : joinedTextContent(marked, writeCache, asString);
  const wire: WireMessage = { role: 'tool', tool_call_id: ids.wire(result.toolCallId), content };
  mergeVendorFields(wire, ownVendor(result.vendor), messageKeys);
  return wire;
}

/**
 * A system prompt's or a tool result's text: one plain part as a string, several as the array form, or,
 * for an upstream that takes that message's content only as a string (quirks.ts, systemContentAsString,
 * toolContentAsString), joined into one when no part carries fields of its own, which only the array
 * form can hold.
 */
function joinedTextContent(parts: readonly TextPart[], writeCache: WriteCache, asString: boolean): string | WireTextPart[] {
  if (asString && !parts.some((part) => hasPartFields(part, writeCache))) return parts.map((part) => part.text).join('\n\n');
  return textContentOf(parts, writeCache);
}

function mediaFollowsNote(parts: readonly ToolResultContentPart[]): string {
  const images = parts.filter((part) => part.type === 'image').length;
  const files = parts.filter((part) => part.type === 'file').length;
  const counted = (count: number, one: string, many: string): string => (count === 0 ? '' : count === 1 ? one : `${count} ${many}`);
  const what = [counted(images, 'an image', 'images'), counted(files, 'a file', 'files')].filter((phrase) => phrase !== '').join(' and ');
  return `The tool returned ${what}; ${images + files === 1 ? 'it follows' : 'they follow'} in the next user message.`;
}

/**
 * The images and files of a turn's tool results, as one user message placed right after that
 * turn's tool messages (OpenAI requires the tool messages to follow the assistant's `tool_calls`
 * directly), each group introduced by a line naming the tool call it belongs to by the id sent.
 * Undefined when no result holds media. One compatibility warning per kind (`tool_result.image`,
 * `tool_result.file`).
 */
function toolResultMediaMessage(results: readonly ToolResultPart[], writeCache: WriteCache, ids: FittedToolCallIds, warnings: Warning[]): WireMessage | undefined {
  const content: Array<WireTextPart | WireImagePart | WireFilePart | WireAudioPart> = [];
  const kinds = new Set<'image' | 'file'>();
  for (const result of results) {
    const media = result.content.filter((part): part is Exclude<ToolResultContentPart, TextPart> => part.type !== 'text');
    const wireParts = media.flatMap((part) => mediaPart(part, writeCache, warnings) ?? []);
    if (wireParts.length === 0) continue;
    for (const part of media) kinds.add(part.type);
    const tool = result.toolName === undefined ? '' : ` (${result.toolName})`;
    const label = media.every((part) => part.type === 'image') ? 'Images' : media.every((part) => part.type === 'file') ? 'Files' : 'Images and files';
    // The id as sent, which may have been rewritten for this upstream (fitToolCallIds).
    content.push({ type: 'text', text: `${label} returned by tool call "${ids.wire(result.toolCallId)}"${tool}:` }, ...wireParts);
  }
  if (content.length === 0) return undefined;
  for (const kind of kinds) {
    warnings.push({
      type: 'compatibility',
      feature: `tool_result.${kind}`,
      message: `${kind === 'image' ? 'Images' : 'Files'} in tool results were sent in a user message after the tool messages: OpenAI tool messages take text only.`,
    });
  }
  return { role: 'user', content };
}

function withMessageVendor<Wire extends WireMessage>(wire: Wire, message: Message): Wire {
  mergeVendorFields(wire, ownVendor(message.vendor), messageKeys);
  return wire;
}
