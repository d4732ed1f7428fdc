import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { Pool } from 'undici';
import { runServerChild } from './child-runtime.js';

/*
 * The bare JSON-aware proxy of GUIDE.md ("Speed"), the floor the gateway is compared with:
 * `node:http` + an undici `Pool` set up like the gateway's, parsing and re-serializing the
 * request, the response and every SSE `data:` payload, one write per event, with plain
 * event callbacks (no async iterators) as the cheapest form of that work. It does no
 * routing, translation, validation or error mapping: any cost above it is the gateway's own.
 */

/**
 * argv[2]: `{"upstreamOrigin": "http://127.0.0.1:port"}`; each request goes to the same path there.
 * `maxConnections` (128 unless given) bounds the upstream pool, as the gateway's provider setting does.
 */
interface ReferenceOptions {
  upstreamOrigin: string;
  maxConnections?: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as ReferenceOptions;
const upstream = new Pool(options.upstreamOrigin, { connections: options.maxConnections ?? 128, pipelining: 1, keepAliveTimeout: 30_000 });
const upstreamHeaders = { 'content-type': 'application/json' };

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Re-serializes each `data:` line of one SSE frame; `[DONE]` is not JSON and passes as is. */
function reserializeFrame(frame: string): string {
  let out = '';
  for (const line of frame.split('\n')) {
    if (line.startsWith('data:')) {
      const payload = line.slice(5).trimStart();
      out += payload === '[DONE]' ? `${line}\n` : `data: ${JSON.stringify(JSON.parse(payload))}\n`;
    } else if (line.length > 0) out += `${line}\n`;
  }
  return `${out}\n`;
}

/** Relays an SSE body event by event, each written as soon as it is complete, with backpressure. */
function relayEvents(body: Readable, response: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending = '';
    body.setEncoding('utf8');
    body.on('data', (chunk: string) => {
      pending += chunk;
      let end = pending.indexOf('\n\n');
      let flowing = true;
      while (end !== -1) {
        flowing = response.write(reserializeFrame(pending.slice(0, end)));
        pending = pending.slice(end + 2);
        end = pending.indexOf('\n\n');
      }
      if (!flowing) {
        body.pause();
        response.once('drain', () => body.resume());
      }
    });
    body.on('end', () => {
      if (pending.trim().length > 0) response.write(reserializeFrame(pending));
      response.end();
      resolve();
    });
    body.on('error', reject);
    // A caller that goes away releases the upstream connection instead of leaving it paused.
    response.on('close', () => {
      if (!response.writableFinished) body.destroy();
    });
    body.on('close', () => resolve());
  });
}

async function proxy(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = JSON.stringify(JSON.parse((await readBody(request)).toString('utf8')));
  const answer = await upstream.request({ method: 'POST', path: request.url ?? '/', headers: upstreamHeaders, body });
  const contentType = String(answer.headers['content-type'] ?? '');
  if (contentType.startsWith('text/event-stream')) {
    response.writeHead(answer.statusCode, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    await relayEvents(answer.body, response);
    return;
  }
  const text = JSON.stringify(JSON.parse(await answer.body.text()));
  response.writeHead(answer.statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

await runServerChild(async () => {
  const server = createServer((request, response) => {
    proxy(request, response).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else response.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: String(error) } }));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await upstream.close();
    },
  };
});
