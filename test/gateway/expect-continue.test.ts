/**
 * `Expect: 100-continue` (src/gateway/expect-continue.ts): a body declared past `server.maxBodyBytes`
 * is refused with 413 in the caller's dialect before the client sends it, not invited with
 * `100 Continue` and then read and thrown away; a body within the limit is invited and served.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { gatewayOverOneUpstream } from '../support/one-upstream-gateway.js';

const setup = gatewayOverOneUpstream((baseUrl) => ({
  server: { maxBodyBytes: 1_000 },
  providers: { oa: { dialect: 'openai-chat', baseUrl: `${baseUrl}/v1`, apiKey: 'sk-test' } },
  models: { chat: [{ provider: 'oa', model: 'gpt-4o' }] },
  retry: { attempts: 0 },
}));

const answer = { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }] };

/** Sends the head alone, then the body only once the gateway says `100 Continue`; resolves with all the gateway wrote. */
function exchange(port: number, body: string, declaredLength: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let sent = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (!sent && received.startsWith('HTTP/1.1 100 Continue\r\n\r\n')) {
        sent = true;
        socket.write(body);
      }
      // The whole answer is in once its JSON body closes.
      if (/\r\n\r\n[\s\S]*\}$/.test(received.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, ''))) socket.end();
    });
    socket.on('end', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer caller\r\nContent-Type: application/json\r\nContent-Length: ${declaredLength}\r\nExpect: 100-continue\r\n\r\n`,
    );
  });
}

test('a body declared past the limit is refused at once, with no 100 Continue, and the connection closes', async () => {
  const received = await exchange(Number(new URL(setup.url).port), 'x'.repeat(5_000), 5_000);
  assert.match(received, /^HTTP\/1\.1 413 /);
  assert.doesNotMatch(received, /100 Continue/);
  assert.match(received, /\r\nconnection: close\r\n/i);
  assert.match(received, /"The request body is 5000 bytes; the limit is 1000\."/);
});

test('a body within the limit is invited with 100 Continue and served', async () => {
  setup.upstream.answerUnqueuedWith(() => ({ kind: 'json', body: answer }));
  const body = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
  const received = await exchange(Number(new URL(setup.url).port), body, Buffer.byteLength(body));
  assert.match(received, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
  assert.match(received, /"content":"hi"/);
});
