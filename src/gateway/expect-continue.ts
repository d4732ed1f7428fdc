import type { IncomingMessage, Server } from 'node:http';

/** Requests whose `100 Continue` was withheld: their client holds the body back, so there is nothing to drain. */
const withheld = new WeakSet<IncomingMessage>();

/**
 * `Expect: 100-continue` asks whether to send the body at all. Node answers `100 Continue` to
 * every such request unless the server handles `checkContinue`, so a client declaring a body past
 * the size limit was told to send it, and its 413 waited for that body to be read and thrown away.
 * Such a request now gets the final status at once, without the 100 ("A server MAY omit sending a
 * 100 (Continue) response if it … responds with a final status code", RFC 9110 §10.1.1), on a
 * connection that closes after it, since the body the client might still send is never read
 * (§9.6 of RFC 9112). Any other request is told to continue and handled as usual.
 */
export function answerExpectContinue(server: Server, maxBodyBytes: () => number): void {
  server.on('checkContinue', (request: IncomingMessage, response) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes()) {
      withheld.add(request);
      response.shouldKeepAlive = false;
    } else {
      response.writeContinue();
    }
    server.emit('request', request, response);
  });
}

/** Whether the request's client was not asked for its body (answerExpectContinue). */
export function continueWithheld(request: IncomingMessage): boolean {
  return withheld.has(request);
}
