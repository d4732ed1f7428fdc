/**
 * `bedrock-anthropic`: Claude on Amazon Bedrock through InvokeModel, whose body is Anthropic's
 * Messages body with `anthropic_version: "bedrock-2023-05-31"` and without `model` (in the URL
 * path) or `stream` (in the operation, `invoke-with-response-stream`)
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html;
 * recorded: test/fixtures/recorded/bedrock/fantasy-invoke-stream-claude3haiku-tool.i0.request.json).
 * Answers are Anthropic's; streams are Anthropic's events inside AWS event-stream `chunk`
 * messages; errors are Bedrock's. Everything else is the Anthropic codec's.
 *
 * Thinking signatures are bound to the platform that issued them: reasoning Claude signed on
 * Bedrock is marked with this dialect's name as its origin, and only such reasoning is sent back
 * here; reasoning signed by Anthropic's own API (or anyone else) is left out with a warning.
 */
import type { Dialect, EmitResponseContext, StreamEncoder, StreamFrame } from '../../interlingua/dialect.js';
import type { AssistantPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { StreamEvent } from '../../interlingua/stream-event.js';
import { emitBedrockError, parseBedrockError, streamException } from '../bedrock-family/errors.js';
import { chunkEventText, chunkFrame } from '../bedrock-family/invoke-chunks.js';
import { SseParser } from '../../wire/sse-parser.js';
import { anthropicDialect } from './index.js';
import { dialectName as anthropicOrigin } from './vendor-data.js';
import { isPlainObject } from './vendor-data.js';

export const bedrockAnthropicDialectName = 'bedrock-anthropic';
export const bedrockAnthropicVersion = 'bedrock-2023-05-31';
/** An origin no dialect issues: reasoning marked with it is left out by the Anthropic emitter. */
const foreignOrigin = 'anthropic-api';

/** Reasoning parts with their origin renamed by `rename`; other parts as they were. */
function renameOrigins(parts: readonly AssistantPart[], rename: (origin: string | undefined) => string | undefined): AssistantPart[] {
  return parts.map((part) => {
    if (part.type !== 'reasoning') return part;
    const origin = rename(part.signatureOrigin);
    const { signatureOrigin: _previous, ...rest } = part;
    return origin === undefined ? rest : { ...rest, signatureOrigin: origin };
  });
}

/** Bedrock-signed reasoning as the Anthropic codec's own; Anthropic-API-signed reasoning as foreign. */
const toCodec = (origin: string | undefined): string | undefined => (origin === bedrockAnthropicDialectName ? anthropicOrigin : origin === anthropicOrigin ? foreignOrigin : origin);
/** What the Anthropic codec read came from Bedrock. */
const fromCodec = (origin: string | undefined): string | undefined => (origin === anthropicOrigin ? bedrockAnthropicDialectName : origin);

function messagesForCodec(messages: readonly Message[]): Message[] {
  return messages.map((message) => (message.role === 'assistant' ? { ...message, content: renameOrigins(message.content, toCodec) } : message));
}

function eventsFromCodec(events: StreamEvent[]): StreamEvent[] {
  return events.map((event) => (event.type === 'reasoning-start' && event.signatureOrigin !== undefined ? { ...event, signatureOrigin: fromCodec(event.signatureOrigin)! } : event));
}

function eventForCodec(event: StreamEvent): StreamEvent {
  return event.type === 'reasoning-start' && event.signatureOrigin !== undefined ? { ...event, signatureOrigin: toCodec(event.signatureOrigin)! } : event;
}

/** A stream encoder writing Anthropic's events as the `chunk` frames InvokeModelWithResponseStream sends, one JSON frame per line. */
function createChunkEncoder(context: EmitResponseContext): StreamEncoder {
  const inner = anthropicDialect.createStreamEncoder(context);
  const sse = new SseParser();
  return {
    encode: (event) =>
      sse
        .push(inner.encode(eventForCodec(event)))
        .map((frame: StreamFrame) => `${JSON.stringify(chunkFrame(frame.data))}\n`)
        .join(''),
  };
}

export const bedrockAnthropicDialect: Dialect = {
  name: bedrockAnthropicDialectName,
  streamFraming: 'aws-event-stream',
  // InvokeModel's Claude takes images as base64 only.
  capabilities: { imageUrls: false },
  parseRequest(body, context) {
    const { anthropic_version: _version, ...anthropicBody } = isPlainObject(body) ? body : { body };
    const parsed = anthropicDialect.parseRequest(isPlainObject(body) ? anthropicBody : body, context);
    return { ...parsed, request: { ...parsed.request, messages: parsed.request.messages.map((message) => (message.role === 'assistant' ? { ...message, content: renameOrigins(message.content, fromCodec) } : message)) } };
  },
  emitRequest(request: ChatRequest, options) {
    const emitted = anthropicDialect.emitRequest({ ...request, messages: messagesForCodec(request.messages) }, options);
    const { model: _model, stream: _stream, ...body } = emitted.body as Record<string, unknown>;
    return { body: { anthropic_version: bedrockAnthropicVersion, ...body }, warnings: emitted.warnings };
  },
  parseResponse(body) {
    const response = anthropicDialect.parseResponse(body);
    return { ...response, content: renameOrigins(response.content, fromCodec) };
  },
  emitResponse(response, context) {
    return anthropicDialect.emitResponse({ ...response, content: renameOrigins(response.content, toCodec) }, context);
  },
  createStreamDecoder() {
    const inner = anthropicDialect.createStreamDecoder();
    let failed = false;
    return {
      push(frame) {
        if (failed) return [];
        if (frame.exception === true) {
          failed = true;
          return [{ type: 'error', error: streamException(frame.event ?? 'exception', frame.data, bedrockAnthropicDialectName) }];
        }
        const text = chunkEventText(frame);
        return text === undefined ? [] : eventsFromCodec(inner.push({ data: text }));
      },
      end: () => (failed ? [] : eventsFromCodec(inner.end())),
    };
  },
  createStreamEncoder: createChunkEncoder,
  parseError: (status, body, headers) => parseBedrockError(status, body, headers, bedrockAnthropicDialectName),
  emitError: (error) => emitBedrockError(error, bedrockAnthropicDialectName),
};
