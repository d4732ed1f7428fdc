/**
 * Interlingua messages → Ollama `messages[]`. An Ollama message holds one string of text, a list
 * of images, the model's `thinking` and its `tool_calls`, so parts of one kind are joined; each
 * tool result is its own `tool` message naming the function it answers (`tool_name`). Ids go
 * back only where they came from the wire or from another dialect, never ones this dialect made
 * up (see `tool-call-ids.ts`). Reasoning from any vendor goes back as `thinking` text: a
 * signature only the issuing vendor can verify means nothing to Ollama and is not sent.
 */
import { leftOutTurn } from '../../core/left-out-turn.js';
import type { AssistantPart, ImagePart, TextPart, ToolResultContentPart, ToolResultPart, UserPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';
import type { VendorData } from '../../interlingua/vendor.js';
import type { Warning } from '../../interlingua/warning.js';
import { findToolCallName } from '../../core/tool-history.js';
import { parseToolArguments } from '../../core/tool-arguments.js';
import { textDocumentPart } from '../../core/text-document.js';
import { emitImage } from '../ollama-family/images.js';
import { mergeExtra } from '../ollama-family/json-value.js';
import { readExtra, readPartVendor } from './vendor.js';
import type { WireMessageOut, WireToolCallOut } from './wire-types.js';
import { pushAll } from '../../core/push-all.js';
import { addWarningOnce, sameFeature } from '../../core/warning-once.js';

const messageFields = new Set(['role', 'content', 'images', 'thinking', 'tool_calls', 'tool_name', 'tool_call_id']);
const toolCallFields = new Set(['id', 'function']);
const functionFields = new Set(['index', 'name', 'arguments']);

export function emitMessages(system: readonly TextPart[], messages: readonly Message[], warnings: Warning[]): WireMessageOut[] {
  // One system message per part: a pass-through of several leading system messages stays exact.
  const wire: WireMessageOut[] = system.map((part) => ({ role: 'system', content: part.text }));
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        wire.push(withExtra({ role: 'system', content: joinText(message.content) }, message));
        break;
      case 'user': {
        const user = userMessage(message.content, warnings);
        const note = leftOutTurn(message, user.content.length + (user.images?.length ?? 0), 'Ollama', warnings);
        if (note !== undefined) user.content = note.text;
        wire.push(withExtra(user, message));
        break;
      }
      case 'assistant':
        wire.push(withExtra(assistantMessage(message.content, warnings), message));
        break;
      case 'tool': {
        for (const result of message.content) wire.push(toolMessage(result, messages, warnings));
        const images = toolResultImagesMessage(message.content, warnings);
        if (images !== undefined) wire.push(images);
        break;
      }
      default: {
        const unhandled: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unhandled)}`);
      }
    }
  }
  return wire;
}

function withExtra(wire: WireMessageOut, message: Message): WireMessageOut {
  mergeExtra(wire, readExtra(message.vendor), messageFields);
  return wire;
}

function joinText(parts: readonly { type: string; text?: string }[]): string {
  let text = '';
  for (const part of parts) if (part.type === 'text' && part.text !== undefined) text += part.text;
  return text;
}

/**
 * A chat message has `content`, `images`, `thinking` and `tool_calls` (docs/api.md, "Chat request",
 * parameters of `messages`): no place for a document. A text document (text/plain, text/csv, …)
 * goes as text headed by its name, as it does to OpenAI Chat (core/text-document.ts), set apart
 * from the text around it by a blank line; other files are left out with a warning.
 */
function contentText(parts: readonly (UserPart | ToolResultContentPart)[], warnings: Warning[]): string {
  let text = '';
  let afterDocument = false;
  for (const part of parts) {
    if (part.type === 'text') {
      text += afterDocument && text !== '' ? `\n\n${part.text}` : part.text;
      afterDocument = false;
    } else if (part.type === 'file') {
      const document = textDocumentPart(part);
      if (document === undefined) {
        warnOnce(warnings, { type: 'unsupported', feature: 'file', message: 'Ollama messages take text and images only; files were left out.' });
        continue;
      }
      warnOnce(warnings, { type: 'compatibility', feature: 'file.text', message: 'A text document was sent as text in the message: Ollama messages take text and images only.' });
      text += text === '' ? document.text : `\n\n${document.text}`;
      afterDocument = true;
    }
  }
  return text;
}

function warnOnce(warnings: Warning[], warning: Warning): void {
  addWarningOnce(warnings, warning, sameFeature);
}

/** Images follow the text: Ollama places them itself, by the template, not by position. */
function userMessage(content: readonly UserPart[], warnings: Warning[]): WireMessageOut {
  const wire: WireMessageOut = { role: 'user', content: contentText(content, warnings) };
  const images = content.flatMap((part) => (part.type === 'image' ? (emitImage(part, warnings) ?? []) : []));
  if (images.length > 0) wire.images = images;
  return wire;
}

function assistantMessage(content: readonly AssistantPart[], warnings: Warning[]): WireMessageOut {
  let thinking = '';
  let redacted = false;
  const toolCalls: WireToolCallOut[] = [];
  for (const part of content) {
    if (part.type === 'reasoning') {
      thinking += part.text;
      redacted ||= part.redactedData !== undefined;
    } else if (part.type === 'tool-call') {
      toolCalls.push(emitToolCall(part.id, part.name, part.arguments, part.vendor, warnings));
    }
  }
  if (redacted) {
    warnings.push({
      type: 'unsupported',
      feature: 'reasoning.redacted',
      message: 'Redacted (encrypted) reasoning from an earlier assistant turn was left out: Ollama takes reasoning as plain text only.',
    });
  }
  const wire: WireMessageOut = { role: 'assistant', content: joinText(content) };
  if (thinking !== '') wire.thinking = thinking;
  if (toolCalls.length > 0) wire.tool_calls = toolCalls;
  return wire;
}

/** A call in Ollama's shape: arguments as an object, as the server decodes them (api/types.go `ToolCallFunctionArguments`). */
export function emitToolCall(id: string, name: string, argumentsText: string, vendor: VendorData | undefined, warnings: Warning[]): WireToolCallOut {
  const own = readPartVendor(vendor);
  const parsed = parseToolArguments(argumentsText, name);
  pushAll(warnings, parsed.warnings);
  const fn: WireToolCallOut['function'] = { name, arguments: parsed.value };
  if (own.index !== undefined) fn.index = own.index;
  mergeExtra(fn, own.functionExtra, functionFields);
  const call: WireToolCallOut = own.idSynthesized === true ? { function: fn } : { id, function: fn };
  mergeExtra(call, own.extra, toolCallFields);
  return call;
}

/**
 * Ollama tool messages carry text. `tool_name` comes from the result or, failing that, from the
 * call it answers, which is always in the history (`findToolCallName`). A result's images go in the
 * user message after the tool messages (toolResultImagesMessage); a result that was only images
 * says so, rather than leaving the tool message empty.
 */
function toolMessage(result: ToolResultPart, messages: readonly Message[], warnings: Warning[]): WireMessageOut {
  const own = readPartVendor(result.vendor);
  const text = contentText(result.content, warnings);
  const imageCount = result.content.filter((part) => part.type === 'image').length;
  if (result.isError === true) {
    warnings.push({ type: 'unsupported', feature: 'tool_result.is_error', message: 'Ollama has no error flag on tool results; the result was sent as ordinary text.' });
  }
  const onlyImages = text === '' && imageCount > 0 && !result.content.some((part) => part.type === 'text');
  const content = onlyImages ? `The tool returned ${imageCount === 1 ? 'an image' : `${imageCount} images`}; see the next user message.` : text;
  const wire: WireMessageOut = { role: 'tool', content };
  // A name this dialect took from the paired call is for other dialects: the Ollama caller sent none.
  if (own.toolNameSynthesized !== true) {
    const toolName = result.toolName ?? findToolCallName(messages, result.toolCallId);
    if (toolName !== undefined) wire.tool_name = toolName;
    else {
      warnings.push({
        type: 'compatibility',
        feature: 'tool_result.tool_name',
        message: `The tool result for call "${result.toolCallId}" names no function and answers no call in the history; it was sent without tool_name.`,
      });
    }
  }
  if (own.idSynthesized !== true) wire.tool_call_id = result.toolCallId;
  mergeExtra(wire, own.extra, messageFields);
  return wire;
}

/**
 * The images of a turn's tool results as one user message right after its tool messages. Ollama's
 * chat API documents `images` for conversation messages as the way to give a vision model images
 * (docs/api.md, "Chat request (with images)"); a tool message's images are not documented, so they
 * travel where they are. The text names the tool call of each image, in order.
 */
function toolResultImagesMessage(results: readonly ToolResultPart[], warnings: Warning[]): WireMessageOut | undefined {
  const lines: string[] = [];
  const images: string[] = [];
  for (const result of results) {
    const own = result.content.flatMap((part) => (part.type === 'image' ? (emitImage(part, warnings) ?? []) : []));
    if (own.length === 0) continue;
    const tool = result.toolName === undefined ? '' : ` (${result.toolName})`;
    lines.push(`${own.length === 1 ? 'An image' : `${own.length} images`} returned by tool call "${result.toolCallId}"${tool}.`);
    pushAll(images, own);
  }
  if (images.length === 0) return undefined;
  warnings.push({
    type: 'compatibility',
    feature: 'tool_result.image',
    message: 'Images in tool results were sent in a user message after the tool messages: Ollama tool messages take text only.',
  });
  return { role: 'user', content: lines.join('\n'), images };
}
