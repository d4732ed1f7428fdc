import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { Dialect, StreamEncoder } from '../interlingua/dialect.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import type { OpenedStream } from './chat-engine.js';
import { safeHeaders } from './header-values.js';
import { awsEventStreamBytes } from './aws-event-stream-framing.js';

/**
 * How the encoder's text reaches the caller: as it is (SSE, NDJSON, a JSON array), or as AWS
 * event-stream messages, one binary message for each `StreamFrame` line the encoder wrote
 * (Bedrock's ConverseStream and InvokeModelWithResponseStream).
 */
export type CallerFraming = 'text' | 'aws-event-stream';

/** The framing and content type of a caller's stream, from its dialect and route. */
export function callerFraming(streamFraming: Dialect['streamFraming'], jsonArray: boolean): { framing: CallerFraming; contentType: string } {
  if (jsonArray) return { framing: 'text', contentType: 'application/json; charset=utf-8' };
  switch (streamFraming) {
    case 'sse':
      return { framing: 'text', contentType: 'text/event-stream; charset=utf-8' };
    case 'ndjson':
      return { framing: 'text', contentType: 'application/x-ndjson' };
    case 'aws-event-stream':
      // As Bedrock answers a stream (test/fixtures/recorded/bedrock/stream-converse-text-live.capture.json, "contentType").
      return { framing: 'aws-event-stream', contentType: 'application/vnd.amazon.eventstream' };
    default: {
      const unhandled: never = streamFraming;
      throw new Error(`unhandled stream framing ${String(unhandled)}`);
    }
  }
}

export interface StreamTarget {
  response: ServerResponse;
  encoder: StreamEncoder;
  framing: CallerFraming;
  /** Headers for the caller, written with the first byte. */
  headers: Record<string, string>;
  /** Runs once the answer has finished, before its final events are written (storing it). */
  beforeFinish?: () => Promise<void>;
  /** Sees every event on its way out (usage, time to first token). */
  observe?: (event: StreamEvent) => void;
  /** Sees each batch of events with the text written for it (the console's capture). */
  capture?: (events: StreamEvent[], text: string) => void;
}

/**
 * Writes an opened stream to the caller in its dialect, one upstream chunk per write with
 * nothing held back, pausing while the caller's socket is full. An `error` event is written
 * in-band and ends the stream: the caller never mistakes a broken stream for a clean end.
 */
export async function writeStream(opened: OpenedStream, target: StreamTarget): Promise<void> {
  const { response, encoder } = target;
  // The upstream has answered by now: a header built from the caller's model name must not fail the stream.
  response.writeHead(200, safeHeaders(target.headers));
  response.flushHeaders();
  try {
    let batch: StreamEvent[] | undefined = opened.first;
    while (batch !== undefined && !response.destroyed) {
      const { text, ended, finished } = encode(encoder, batch, target.observe);
      target.capture?.(batch, text);
      if (finished && target.beforeFinish !== undefined) await target.beforeFinish();
      if (text.length > 0 && !response.write(target.framing === 'text' ? text : awsEventStreamBytes(text))) await drained(response);
      if (ended) break;
      const next = await opened.rest.next();
      batch = next.done ? undefined : next.value;
    }
  } finally {
    await opened.rest.return?.(undefined);
    if (!response.destroyed) response.end();
  }
}

function encode(encoder: StreamEncoder, events: StreamEvent[], observe: ((event: StreamEvent) => void) | undefined): { text: string; ended: boolean; finished: boolean } {
  let text = '';
  let finished = false;
  for (const event of events) {
    observe?.(event);
    text += encoder.encode(event);
    if (event.type === 'finish') finished = true;
    if (event.type === 'error') return { text, ended: true, finished };
  }
  return { text, ended: false, finished };
}

/** Resolves when the socket can take more, or is gone. */
export async function drained(response: ServerResponse): Promise<void> {
  const controller = new AbortController();
  try {
    await Promise.race([once(response, 'drain', { signal: controller.signal }), once(response, 'close', { signal: controller.signal })]);
  } finally {
    controller.abort();
  }
}
