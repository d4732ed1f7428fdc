import type { ChatResponse } from '../interlingua/response.js';
import type { ChatRequest, ResponseFormat } from '../interlingua/request.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import type { TextPart, TokenLogprob } from '../interlingua/content.js';
import type { VendorData } from '../interlingua/vendor.js';
import type { AnswerRestorer } from './answer-restorer.js';

/**
 * A response schema whose root is not an object (Gemini's `responseSchema: {type: ARRAY}`, as in
 * its structured-output guide's list of recipes), for an upstream that takes object roots only:
 * OpenAI refuses "Invalid schema for response_format 'AdSegmentPredictionList': schema must be a JSON
 * Schema of 'type: \"object\"', got 'type: \"array\"'." (https://github.com/podly-pure-podcasts/podly_pure_podcasts/pull/89).
 * The schema goes wrapped as the one property of an object, and the answer comes back unwrapped, whole
 * or streamed, so the caller gets the JSON it asked for. An answer that is not the wrapper is left as it came.
 * An unwrapped answer loses its token logprobs, whole or streamed: its text is re-serialized or cut
 * out of the model's tokens, which then no longer spell it, and logprobs for only some of the
 * text would misstate what the model wrote. A streamed delta's vendor data (what the vendor said of
 * its chunk, Azure's per-chunk filter results) stays with it: on what is sent of its text, or on an
 * empty delta where all of it is held back or dropped, so its chunk still reaches the caller.
 */
export const wrapperProperty = 'value';

/** The request with its schema wrapped, and the restorer that unwraps the answer; undefined when the root is an object already. */
export function wrappedJsonRoot(request: ChatRequest): { request: ChatRequest; restore: AnswerRestorer } | undefined {
  const format = request.responseFormat;
  if (format?.type !== 'json' || format.schema === undefined || hasObjectRoot(format.schema)) return undefined;
  const wrapped: ResponseFormat = {
    ...format,
    schema: { type: 'object', properties: { [wrapperProperty]: format.schema }, required: [wrapperProperty], additionalProperties: false },
  };
  return { request: { ...request, responseFormat: wrapped }, restore: unwrappedJsonRoot() };
}

function hasObjectRoot(schema: Record<string, unknown>): boolean {
  const type = schema['type'];
  if (typeof type === 'string') return type.toLowerCase() === 'object';
  if (Array.isArray(type)) return type.some((entry) => typeof entry === 'string' && entry.toLowerCase() === 'object');
  // No type at the root (a bare `anyOf`, `$ref`, `properties` alone): left as the caller wrote it.
  return true;
}

/** `{"value": X}` as the answer's JSON text → X's JSON text. */
function unwrapText(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.keys(parsed).length === 1 && wrapperProperty in parsed) {
      return JSON.stringify((parsed as Record<string, unknown>)[wrapperProperty]);
    }
  } catch {
    // Not JSON (a refusal, a cut answer): as it came.
  }
  return text;
}

/** The opening `{"value":` of the wrapper, however the model spaces it. */
const opening = new RegExp(`^\\s*\\{\\s*"${wrapperProperty}"\\s*:\\s*`);
const openingSoFar = `{"${wrapperProperty}":`;

/** Whether `text` may still grow into the opening: its non-space characters are a start of it. */
function mayBecomeOpening(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return openingSoFar.startsWith(compact);
}

type TextDelta = Extract<StreamEvent, { type: 'text-delta' }>;

/** `delta`, made of `source`'s text, with `source`'s vendor data where it has any. */
function withVendorOf(source: TextDelta, delta: TextDelta): TextDelta {
  return source.vendor === undefined ? delta : { ...delta, vendor: source.vendor };
}

function unwrappedJsonRoot(): AnswerRestorer {
  /** Per text block: the opening still being read, then the text held back because it may be the closing `}`. */
  let state: 'opening' | 'body' | 'as-is' = 'opening';
  let buffered = '';
  let blockId = '';
  /** The tokens of the text held while reading the opening; undefined once a held delta came without them. */
  let bufferedLogprobs: TokenLogprob[] | undefined = [];
  /** `vendor`: that of the delta that showed the held text is no opening (earlier ones went out on their own). */
  const flushOpening = (out: StreamEvent[], vendor?: VendorData): void => {
    if (buffered !== '') {
      // Not the wrapper: the held text goes out as it came, with its tokens.
      const delta: TextDelta = { type: 'text-delta', id: blockId, delta: buffered };
      if (bufferedLogprobs !== undefined && bufferedLogprobs.length > 0) delta.logprobs = bufferedLogprobs;
      if (vendor !== undefined) delta.vendor = vendor;
      out.push(delta);
    }
    buffered = '';
    bufferedLogprobs = [];
    state = 'as-is';
  };
  return {
    response: (response: ChatResponse) => {
      const index = response.content.findIndex((part) => part.type === 'text');
      const part = response.content[index];
      if (part?.type !== 'text') return response;
      const text = unwrapText(part.text);
      if (text === part.text) return response;
      const content = [...response.content];
      const { logprobs: _notSpellingIt, ...rest } = part;
      const unwrapped: TextPart = { ...rest, text };
      content[index] = unwrapped;
      return { ...response, content };
    },
    events: (events: StreamEvent[]) => {
      const out: StreamEvent[] = [];
      for (const event of events) {
        if (event.type === 'text-delta' && state !== 'as-is') {
          blockId = event.id;
          buffered += event.delta;
          if (state === 'opening') bufferedLogprobs = event.logprobs === undefined || bufferedLogprobs === undefined ? undefined : [...bufferedLogprobs, ...event.logprobs];
          if (state === 'opening') {
            const match = opening.exec(buffered);
            if (match !== null) {
              buffered = buffered.slice(match[0].length);
              state = 'body';
            } else {
              if (!mayBecomeOpening(buffered)) flushOpening(out, event.vendor);
              else if (event.vendor !== undefined) out.push({ type: 'text-delta', id: event.id, delta: '', vendor: event.vendor });
              continue;
            }
          }
          // The wrapped value never ends in `}` (it is no object), so a trailing `}` may be the wrapper's own.
          const closing = /\}\s*$/.exec(buffered);
          const sendable = closing === null ? buffered : buffered.slice(0, closing.index);
          if (sendable !== '' || event.vendor !== undefined) out.push(withVendorOf(event, { type: 'text-delta', id: event.id, delta: sendable }));
          buffered = closing === null ? '' : buffered.slice(closing.index);
          continue;
        }
        if ((event.type === 'text-end' || event.type === 'finish') && state !== 'as-is') {
          // The wrapper's closing brace is dropped; an opening that never completed goes out as it came.
          if (state === 'opening') flushOpening(out);
          buffered = '';
          state = 'as-is';
        }
        out.push(event);
      }
      return out;
    },
  };
}
