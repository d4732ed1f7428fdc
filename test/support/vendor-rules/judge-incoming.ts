import type { IncomingMessage, ServerResponse } from 'node:http';
import { judgeRequest } from './index.js';
import type { VendorRefusal } from './rule.js';

/**
 * For a test server of its own that plays a vendor: reads the request, judges it by the vendor's
 * rules, and answers a refused one with the vendor's error. Resolves with the refusal, or with
 * undefined when the request is the server's to answer.
 */
export async function refuseIfJudged(incoming: IncomingMessage, response: ServerResponse): Promise<VendorRefusal | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // judged as the raw text
  }
  const refusal = judgeRequest({ method: incoming.method ?? '', url: incoming.url ?? '', headers: incoming.headers, body });
  if (refusal === undefined) return undefined;
  response.writeHead(refusal.status, { 'content-type': 'application/json', ...refusal.headers });
  response.end(JSON.stringify(refusal.body));
  return refusal;
}
