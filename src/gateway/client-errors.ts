import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Dialect } from '../interlingua/dialect.js';
import type { InterlinguaError } from '../interlingua/error.js';
import { sendError } from './http-io.js';
import { framingRefusal, isRequestFault, plainFaultAnswer, recordFramingFailure, type ClientFault } from './framing-failure.js';

/**
 * How long a connection refused for a broken request may take to flush its answer before it is
 * cut: Node's own default cuts at once (https://nodejs.org/api/http.html#event-clienterror).
 */
const refusedConnectionGraceMs = 2_000;

interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
}

/** The last request Node handed over on each connection: the one its parser is reading when it fails. */
const latest = new WeakMap<Socket, Exchange>();
/** The dialect each running request is refused in, once its route is known. */
const refusalDialects = new WeakMap<ServerResponse, Dialect>();
/** How a running request is refused on a route answered in no dialect's shape (a OneBot webhook's action response). */
const refusalWriters = new WeakMap<ServerResponse, (refusal: InterlinguaError) => void>();
/** Connections already refused: Node's parser reports its failure again for every later chunk. */
const refused = new WeakSet<Socket>();

/** Notes a request as its connection's current one; called as Node hands it over. */
export function trackRequest(request: IncomingMessage, response: ServerResponse): void {
  latest.set(request.socket, { request, response });
}

/**
 * The answer on this connection that Node has yet to let go of, if any. Node answers a
 * connection's pipelined requests in order, through a queue kept with its parser, and a request
 * served afresh after an ignored upgrade (upgrade-as-request.ts) must start only once the last
 * answer read before it has left that queue. An answer has when it is closed, or ended with
 * nothing left to write and taken off its socket (its 'finish' does that). `writableFinished`
 * alone says too early: it holds once the bytes are out, before the 'finish' that frees the socket.
 */
export function unfinishedAnswerOn(socket: Socket): ServerResponse | undefined {
  const response = latest.get(socket)?.response;
  if (response === undefined || response.destroyed) return undefined;
  const released = response.writableEnded && response.socket === null && response.writableLength === 0;
  return released ? undefined : response;
}

/** The dialect a failure to read this request is answered in; set once its route is matched. */
export function refuseInDialect(response: ServerResponse, dialect: Dialect): void {
  refusalDialects.set(response, dialect);
}

/** How a failure to read this request is answered on a route of no dialect; set once its route is matched. */
export function refuseWith(response: ServerResponse, write: (refusal: InterlinguaError) => void): void {
  refusalWriters.set(response, write);
}

/**
 * Answers what Node's parser could not read, in place of Node's default bodiless 400
 * (https://nodejs.org/api/http.html#event-clienterror). When the failure is in the body of a
 * request whose route is known and whose answer has not begun, the caller gets a 400 in its own
 * dialect through that request's response, with `Connection: close`, and the handler still reading
 * the body is told why (framing-failure.ts), so it records a refusal and writes nothing more.
 * Otherwise Node's default stands: its plain 400 (431 for headers over the limit, 408 for a
 * timeout), written only when nothing else is on the way to this connection, then the connection
 * is closed. A connection fault (ECONNRESET) is answered with nothing, as the Node docs advise.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (fault: ClientFault, socket: Socket) => {
    if (refused.has(socket)) return;
    refused.add(socket);
    if (!isRequestFault(fault) || !socket.writable) {
      socket.destroy();
      return;
    }
    const exchange = latest.get(socket);
    if (exchange !== undefined && !exchange.request.complete) return refuseRequest(fault, socket, exchange);
    if (exchange !== undefined && !exchange.response.writableFinished) {
      // An earlier request's answer is still on its way (pipelining): it goes out whole, then the
      // connection closes, since what followed it on the connection cannot be read.
      if (!exchange.response.headersSent) exchange.response.setHeader('connection', 'close');
      exchange.response.once('close', () => socket.destroy());
      return;
    }
    socket.end(plainFaultAnswer(fault));
    closeSoon(socket);
  });
}

/** Cuts the connection if the client has not let its answer out and closed within the grace time. */
function closeSoon(socket: Socket): void {
  const cut = setTimeout(() => socket.destroy(), refusedConnectionGraceMs);
  cut.unref();
  socket.once('close', () => clearTimeout(cut));
}

/** The failure belongs to the request being read, whose handler is running. */
function refuseRequest(fault: ClientFault, socket: Socket, { request, response }: Exchange): void {
  const refusal = framingRefusal(fault);
  recordFramingFailure(request, refusal);
  const dialect = refusalDialects.get(response);
  const write = refusalWriters.get(response);
  if (response.headersSent) {
    socket.destroy();
    return;
  }
  if (dialect === undefined && write === undefined) {
    // A route with no dialect (health, console, admin): Node's plain answer, and its handler's goes nowhere.
    socket.end(plainFaultAnswer(fault));
    socket.destroy();
    return;
  }
  // Node closes the connection once an answer marked `Connection: close` is written (after any
  // answer still ahead of it on a pipelined connection).
  response.setHeader('connection', 'close');
  response.once('finish', () => closeSoon(socket));
  if (write !== undefined) write(refusal);
  else if (dialect !== undefined) sendError(response, dialect, refusal);
}
