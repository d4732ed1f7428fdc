/**
 * Claude on a cloud platform (Bedrock's InvokeModel, Vertex AI) signs its
 * thinking for that platform only. The Anthropic codec replays only reasoning whose origin is its
 * own name and leaves any other out with a warning; so on the way into the codec a platform's own
 * reasoning is renamed to the codec's origin and the codec's (Anthropic's API) to a foreign one,
 * and on the way out the codec's origin becomes the platform's.
 *
 * Files uploaded to Anthropic's Files API (`file_id` images and documents) are bound alike: "The
 * Files API is currently not supported on Amazon Bedrock or Google Vertex AI"
 * (https://docs.anthropic.com/en/docs/build-with-claude/files), so on the way into the codec their
 * origin is renamed as reasoning's is, and the codec leaves them out with a warning.
 */
import type { AssistantPart, UserPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { ChatResponse } from '../../interlingua/response.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { dialectName as anthropicOrigin } from './vendor-data.js';

/** An origin no dialect issues: reasoning marked with it is left out by the Anthropic emitter. */
const foreignOrigin = 'anthropic-api';

function renameOrigins(parts: readonly AssistantPart[], rename: (origin: string | undefined) => string | undefined): AssistantPart[] {
  return parts.map((part) => {
    if (part.type !== 'reasoning') return part;
    const origin = rename(part.signatureOrigin);
    const { signatureOrigin: _previous, ...rest } = part;
    return origin === undefined ? rest : { ...rest, signatureOrigin: origin };
  });
}

/** A user part with its uploaded file's origin renamed: an image's or a document's `file-id` source. */
function renameUploadOrigin(part: UserPart, rename: (origin: string | undefined) => string | undefined): UserPart {
  if (part.type === 'image' && part.source.kind === 'file-id') return { ...part, source: { ...part.source, origin: rename(part.source.origin) ?? foreignOrigin } };
  if (part.type === 'file' && part.source.kind === 'file-id') return { ...part, source: { ...part.source, origin: rename(part.source.origin) ?? foreignOrigin } };
  return part;
}

function renameMessage(message: Message, rename: (origin: string | undefined) => string | undefined): Message {
  switch (message.role) {
    case 'assistant':
      return { ...message, content: renameOrigins(message.content, rename) };
    case 'user':
      return { ...message, content: message.content.map((part) => renameUploadOrigin(part, rename)) };
    case 'tool':
      return { ...message, content: message.content.map((result) => ({ ...result, content: result.content.map((part) => renameUploadOrigin(part, rename)) })) };
    default:
      return message;
  }
}

export interface PlatformOrigins {
  requestForCodec(request: ChatRequest): ChatRequest;
  requestFromCodec(request: ChatRequest): ChatRequest;
  responseForCodec(response: ChatResponse): ChatResponse;
  responseFromCodec(response: ChatResponse): ChatResponse;
  eventForCodec(event: StreamEvent): StreamEvent;
  eventsFromCodec(events: StreamEvent[]): StreamEvent[];
}

export function platformOrigins(platform: string): PlatformOrigins {
  const toCodec = (origin: string | undefined): string | undefined => (origin === platform ? anthropicOrigin : origin === anthropicOrigin ? foreignOrigin : origin);
  const fromCodec = (origin: string | undefined): string | undefined => (origin === anthropicOrigin ? platform : origin);
  const request = (rename: typeof toCodec) => (value: ChatRequest): ChatRequest => ({
    ...value,
    messages: value.messages.map((message) => renameMessage(message, rename)),
  });
  const event = (rename: typeof toCodec) => (value: StreamEvent): StreamEvent =>
    value.type === 'reasoning-start' && value.signatureOrigin !== undefined ? { ...value, signatureOrigin: rename(value.signatureOrigin)! } : value;
  return {
    requestForCodec: request(toCodec),
    requestFromCodec: request(fromCodec),
    responseForCodec: (response) => ({ ...response, content: renameOrigins(response.content, toCodec) }),
    responseFromCodec: (response) => ({ ...response, content: renameOrigins(response.content, fromCodec) }),
    eventForCodec: event(toCodec),
    eventsFromCodec: (events) => events.map(event(fromCodec)),
  };
}
