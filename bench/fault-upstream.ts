import { listenOnLoopback } from './loopback-server.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { runServerChild } from './child-runtime.js';
import { prepareReplies, streamFlag, type PreparedReply } from './prepared-replies.js';
import { anthropicPath } from './scenarios.js';

/*
 * The soak run's upstream: the bench's recorded answers (prepared-replies.ts), with a fault in
 * one request of every four, in a fixed cycle so that runs compare: server errors, rate limits
 * with retry-after, overload, slow answers, and answers cut off halfway (streamed or not).
 */

type Fault = 'none' | 'server-error' | 'rate-limited' | 'overloaded' | 'slow' | 'cut';

const cycle: Fault[] = ['server-error', 'none', 'rate-limited', 'none', 'slow', 'none', 'cut', 'none', 'overloaded', 'none', 'none', 'none', 'slow', 'none', 'cut', 'none'];
const slowMs = 400;
const slowFrameMs = 25;

/**
 * Error bodies in each vendor's shape: OpenAI `{"error":{"message","type","code"}}`
 * (https://platform.openai.com/docs/guides/error-codes), Anthropic
 * `{"type":"error","error":{"type","message"}}` with 529 for overload
 * (https://docs.anthropic.com/en/api/errors).
 */
function errorReply(path: string, fault: 'server-error' | 'rate-limited' | 'overloaded'): { status: number; body: string } {
  const anthropic = path === anthropicPath;
  const status = fault === 'server-error' ? 500 : fault === 'rate-limited' ? 429 : anthropic ? 529 : 503;
  const type = anthropic
    ? { 'server-error': 'api_error', 'rate-limited': 'rate_limit_error', overloaded: 'overloaded_error' }[fault]
    : { 'server-error': 'server_error', 'rate-limited': 'rate_limit_exceeded', overloaded: 'server_error' }[fault];
  const message = `soak upstream: injected ${fault}`;
  return { status, body: JSON.stringify(anthropic ? { type: 'error', error: { type, message } } : { error: { message, type, code: null } }) };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answer(reply: PreparedReply, fault: Fault, path: string, response: ServerResponse, stream: boolean): Promise<void> {
  if (fault === 'server-error' || fault === 'rate-limited' || fault === 'overloaded') {
    const { status, body } = errorReply(path, fault);
    response.writeHead(status, { 'content-type': 'application/json', ...(fault === 'rate-limited' ? { 'retry-after': '1' } : {}) }).end(body);
    return;
  }
  if (fault === 'slow') await wait(slowMs);
  if (!stream) {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': reply.json.length });
    if (fault === 'cut') {
      response.write(reply.json.subarray(0, reply.json.length >> 1));
      response.socket?.destroy();
      return;
    }
    response.end(reply.json);
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  const frames = fault === 'cut' ? reply.frames.slice(0, reply.frames.length >> 1) : reply.frames;
  for (const frame of frames) {
    if (response.destroyed) return;
    response.write(frame);
    if (fault === 'slow') await wait(slowFrameMs);
  }
  if (fault === 'cut') response.socket?.destroy();
  else response.end();
}

await runServerChild(async () => {
  const replies = prepareReplies();
  let served = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      const reply = replies.get(path);
      if (reply === undefined) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"soak upstream: unknown path"}}');
        return;
      }
      const fault = cycle[served++ % cycle.length] ?? 'none';
      answer(reply, fault, path, response, Buffer.concat(chunks).includes(streamFlag)).catch(() => response.destroy());
    });
  });
  return listenOnLoopback(server);
});
