import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { wallClockMs } from './probe-marks.js';
import type { SoakRequest } from './soak-load.js';

/** What a caller sends: a path on the origin, its headers and its body. */
export type CallerRequest = Pick<SoakRequest, 'path' | 'headers' | 'body'>;

/**
 * One caller on a connection of its own, for the probe: it sends a request and can be cut off
 * at any moment by destroying its socket, as a caller that goes away does.
 */
export interface OpenCaller {
  request: ClientRequest;
  /**
   * Resolves on the first bytes of the answer's body (a stream's first event) with the wall-clock
   * time they arrived (`wallClockMs`); rejects on an error or a status other than 200.
   */
  firstBytes: Promise<number>;
}

export function openCaller(origin: string, soakRequest: CallerRequest, timeoutMs: number): OpenCaller {
  const url = new URL(soakRequest.path, origin);
  const request = httpRequest(url, { method: 'POST', agent: false, headers: { ...soakRequest.headers, 'content-length': Buffer.byteLength(soakRequest.body) } });
  const firstBytes = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no first bytes within ${timeoutMs} ms`)), timeoutMs);
    const settle = (error?: Error) => {
      const arrivedAt = wallClockMs();
      clearTimeout(timer);
      if (error === undefined) resolve(arrivedAt);
      else reject(error);
    };
    request.once('error', (error) => settle(error));
    request.once('response', (response: IncomingMessage) => {
      response.once('error', (error) => settle(error));
      if (response.statusCode !== 200) {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.once('end', () => settle(new Error(`answered ${response.statusCode}: ${body.slice(0, 200)}`)));
        return;
      }
      response.once('data', () => settle());
    });
  });
  // The probe cuts callers off on purpose; what happens to them afterwards is not its question.
  firstBytes.catch(() => {});
  request.end(soakRequest.body);
  return { request, firstBytes };
}
