import { listenOnLoopback } from './loopback-server.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { runServerChild } from './child-runtime.js';
import { prepareReplies, streamFlag, type PreparedReply } from './prepared-replies.js';
import type { HeldRequest } from './protocol.js';
import { markPattern, wallClockMs } from './probe-marks.js';

/*
 * The probe's upstream: it never finishes an answer. A streamed request gets its recorded stream
 * but for its last frames (the finish, usage and end markers), so the caller has seen events
 * whatever the gateway waits for before its first, and the stream is left open (with
 * `{"firstFrameOnly": true}` in argv[2]: its first frame alone, as the bench's streams-at-scale
 * run wants, so that a first byte held back for a later event shows as a caller waiting);
 * a whole request gets no answer at all. Every request is known by a mark the caller put in its
 * text (`probe-mark-…`), and the moment its connection closes under the unfinished answer is
 * kept, so the orchestrator can time how long a caller's disconnect takes to reach the upstream.
 */

/**
 * Frames held back: OpenAI ends with its finish chunk, usage chunk and `[DONE]`; Anthropic with
 * content_block_stop, message_delta and message_stop (the recorded fixtures the replies come from).
 */
const framesHeldBack = 3;

/** argv[2], optional: `{"firstFrameOnly": true}`. */
interface HoldingOptions {
  firstFrameOnly?: boolean;
}

const options = JSON.parse(process.argv[2] ?? '{}') as HoldingOptions;

function hold(replies: Map<string, PreparedReply>, request: IncomingMessage, response: ServerResponse, body: Buffer, held: Map<string, HeldRequest>): void {
  const reply = replies.get(request.url ?? '');
  const mark = markPattern.exec(body.toString('utf8'))?.[0];
  if (reply === undefined || mark === undefined) {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"probe upstream: unknown path or no mark"}}');
    return;
  }
  const stream = body.includes(streamFlag);
  const record: HeldRequest = { mark, stream, arrivedAt: wallClockMs() };
  held.set(mark, record);
  response.once('close', () => {
    if (!response.writableFinished) record.closedAt = wallClockMs();
  });
  if (!stream) return;
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  const sent = options.firstFrameOnly === true ? 1 : Math.max(1, reply.frames.length - framesHeldBack);
  reply.frames.slice(0, sent).forEach((frame, index) => {
    response.write(frame);
    if (index === 0) record.firstFrameAt = wallClockMs();
  });
}

const held = new Map<string, HeldRequest>();

await runServerChild(
  async () => {
    const replies = prepareReplies();
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => hold(replies, request, response, Buffer.concat(chunks), held));
    });
    return listenOnLoopback(server, 4096);
  },
  { heldRequests: () => ({ type: 'held-requests', requests: [...held.values()] }) },
);
