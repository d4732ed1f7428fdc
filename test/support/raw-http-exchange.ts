import { createConnection } from 'node:net';

/**
 * Sends `parts` over one raw connection to 127.0.0.1:`port`, `gapMs` apart, and resolves with all
 * it received once the server closes it: for requests no HTTP client would send (broken framing).
 */
export function rawExchange(port: number, parts: string[], gapMs = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.once('close', () => resolve(received));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the connection stayed open; received ${JSON.stringify(received)}`));
    }, 5_000);
    socket.once('close', () => clearTimeout(timer));
    void (async () => {
      for (const part of parts) {
        if (socket.destroyed) return;
        socket.write(part);
        if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
    })();
  });
}

/** The status, headers (lower-cased) and body of the first response in `text`, and how many responses it holds. */
export function parseRawAnswer(text: string): { status: number; headers: Record<string, string>; body: string; answers: number } {
  const answers = text.match(/^HTTP\/1\.1 \d{3} /gm)?.length ?? 0;
  const [head = '', body = ''] = text.split('\r\n\r\n', 2);
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body, answers };
}
