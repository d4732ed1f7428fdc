import { listenOnLoopback } from './loopback-server.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { runServerChild } from './child-runtime.js';
import { prepareReplies, streamFlag, type PreparedReply } from './prepared-replies.js';

/*
 * A stand-in vendor API that costs as little as possible, so the load it can take is never
 * what limits the benchmark: answers are prepared bytes, chosen by path and by whether the
 * body asks for a stream; streams are written frame by frame with no delay between frames,
 * except the long streams (long-streams.ts), written one frame per event-loop turn.
 * Unlike test/support/test-upstream.ts it neither parses nor records requests.
 */

function answer(replies: Map<string, PreparedReply>, request: IncomingMessage, response: ServerResponse, body: Buffer): void {
  const reply = replies.get(request.url ?? '');
  if (reply === undefined) {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"bench upstream: unknown path"}}');
    return;
  }
  if (body.includes(streamFlag)) {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    if (reply.paced) writePaced(response, reply.frames, 0);
    else {
      for (const frame of reply.frames) response.write(frame);
      response.end();
    }
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': reply.json.length });
  response.end(reply.json);
}

/** One frame per turn of the event loop, so each reaches the caller as a chunk of its own; stops if the caller went away. */
function writePaced(response: ServerResponse, frames: readonly Buffer[], next: number): void {
  if (response.destroyed) return;
  const frame = frames[next];
  if (frame === undefined) {
    response.end();
    return;
  }
  response.write(frame);
  setImmediate(writePaced, response, frames, next + 1);
}

await runServerChild(async () => {
  const replies = prepareReplies();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => answer(replies, request, response, Buffer.concat(chunks)));
  });
  return listenOnLoopback(server);
});
