import type { ChatRequest } from '../../interlingua/request.js';
import type { ImageSource } from '../../interlingua/content.js';
import type { Warning } from '../../interlingua/warning.js';
import { peerId } from '../peer-id.js';
import { leaveOutUploadedImage } from '../../core/uploaded-images.js';
import type { BotSelf, Segment } from '../wire-types.js';

export interface EventMessage {
  segments: Segment[];
  altMessage: string;
  /** Images the bot application may fetch with `get_file`, by file id. */
  files: Map<string, ImageSource>;
  warnings: Warning[];
}

/**
 * A chat request → the content of one private message to a bot application. A bot keeps its
 * own memory of a conversation, so only the last user turn is sent as the new message; the
 * system prompt, earlier turns, tools and sampling have no place in a OneBot message and are
 * reported as warnings rather than dropped silently.
 */
export function requestToEventMessage(request: ChatRequest, nextFileId: () => string): EventMessage {
  const warnings: Warning[] = [];
  const lastUser = [...request.messages].reverse().find((message) => message.role === 'user');
  const segments: Segment[] = [];
  const files = new Map<string, ImageSource>();
  let altMessage = '';
  for (const part of lastUser?.role === 'user' ? lastUser.content : []) {
    if (part.type === 'text') {
      segments.push({ type: 'text', data: { text: part.text } });
      altMessage += part.text;
    } else if (part.type === 'file') {
      warnings.push({ type: 'unsupported', feature: 'file', message: 'A OneBot message carries text and images only; a file was left out.' });
    } else if (part.source.kind === 'file-id') {
      // A bot application could not fetch it: the file is on the vendor's servers, under the caller's account (core/uploaded-images.ts).
      leaveOutUploadedImage(part.source, warnings);
    } else {
      const fileId = nextFileId();
      files.set(fileId, part.source);
      segments.push({ type: 'image', data: { file_id: fileId } });
      altMessage += '[image]';
    }
  }
  if (request.messages.filter((message) => message.role !== 'system').length > 1) {
    warnings.push({ type: 'unsupported', feature: 'history', message: 'A OneBot bot application keeps its own memory; only the last user message was sent to it.' });
  }
  if (request.system.length > 0 || request.messages.some((message) => message.role === 'system')) {
    warnings.push({ type: 'unsupported', feature: 'system', message: 'A OneBot message has no system prompt; it was left out.' });
  }
  if ((request.tools?.length ?? 0) > 0) warnings.push({ type: 'unsupported', feature: 'tools', message: 'A OneBot bot application cannot be given tools; they were left out.' });
  return { segments, altMessage, files, warnings };
}

/** Text of the segments a bot sends: text as is, mentions as `@id`, anything else named in brackets. */
export function segmentsToText(segments: Segment[], self: BotSelf): string {
  let text = '';
  for (const segment of segments) {
    if (segment.type === 'text') text += typeof segment.data.text === 'string' ? segment.data.text : '';
    else if (segment.type === 'mention') {
      const mentioned = peerId(segment.data.user_id);
      text += mentioned === undefined || mentioned === self.user_id ? '' : `@${mentioned} `;
    }
    else if (segment.type === 'reply') continue;
    else text += `[${segment.type}]`;
  }
  return text;
}
