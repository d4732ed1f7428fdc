/**
 * A request that asks to switch protocols where no WebSocket endpoint listens is served as the
 * ordinary request it also is (RFC 9110 section 7.8: a server may ignore `Upgrade`,
 * https://www.rfc-editor.org/rfc/rfc9110#section-7.8). `curl --http2` sends `Upgrade: h2c` to
 * every http:// URL; a POST carrying it gets its answer, body read and connection kept alive.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestUpstream } from '../support/test-upstream.js';
import { openaiAnswer } from './support/openai-answer.js';
import { within } from '../support/within.js';

/** The headers `curl --http2 http://…` adds to every request. */
const h2cUpgrade = 'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n';
const webSocketUpgrade = 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';

interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** One connection, written raw and read one HTTP/1.1 response at a time (content-length or chunked). */
class RawConnection {
  private buffered = Buffer.alloc(0);
  private wake: (() => void) | undefined;
  private ended = false;
  private readonly socket: Socket;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (data: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, data]);
      this.wake?.();
    });
    this.socket.on('close', () => {
      this.ended = true;
      this.wake?.();
    });
  }

  write(text: string): void {
    this.socket.write(text);
  }

  async response(): Promise<RawResponse> {
    for (;;) {
      const parsed = this.parse();
      if (parsed !== undefined) return parsed;
      if (this.ended) throw new Error(`the connection closed after ${JSON.stringify(this.buffered.toString('latin1'))}`);
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private parse(): RawResponse | undefined {
    const headEnd = this.buffered.indexOf('\r\n\r\n');
    if (headEnd === -1) return undefined;
    const [statusLine = '', ...lines] = this.buffered.subarray(0, headEnd).toString('latin1').split('\r\n');
    const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    const rest = this.buffered.subarray(headEnd + 4);
    let body: string;
    let used: number;
    if (headers.get('transfer-encoding') === 'chunked') {
      const end = rest.indexOf('0\r\n\r\n');
      if (end === -1) return undefined;
      body = rest.subarray(0, end).toString('utf8').replace(/(?:^|\r\n)[0-9a-f]+\r\n/g, '');
      used = end + 5;
    } else {
      const length = Number(headers.get('content-length') ?? 0);
      if (rest.length < length) return undefined;
      body = rest.subarray(0, length).toString('utf8');
      used = length;
    }
    this.buffered = rest.subarray(used);
    return { status: Number(statusLine.split(' ')[1]), headers, body };
  }
}

const upstream = new TestUpstream();
let gateway: Gateway;
let port: number;

before(async () => {
  await upstream.start();
  const config = resolveConfig({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'k' } },
    models: { m: [{ provider: 'oa', model: 'gpt-4o' }] },
    retry: { attempts: 0, initialDelayMs: 1, maxDelayMs: 1 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  ({ port } = await gateway.listen(0, '127.0.0.1'));
});

after(async () => {
  await gateway.close(0);
  await upstream.stop();
});

const chatBody = (content: string) => JSON.stringify({ model: 'm', messages: [{ role: 'user', content }] });

test('a POST carrying Upgrade: h2c is answered, and the connection stays open for the next request', async () => {
  upstream.enqueue(openaiAnswer('Hello over HTTP/1.1.'));
  const connection = new RawConnection(port);
  try {
    const body = chatBody('hi');
    connection.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: r5\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${h2cUpgrade}\r\n${body}`);
    const answer = await connection.response();
    assert.equal(answer.status, 200, answer.body);
    assert.ok(answer.headers.get('x-request-id'), 'the answer carries its request id');
    assert.equal((JSON.parse(answer.body) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content, 'Hello over HTTP/1.1.');

    connection.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    assert.equal((await connection.response()).status, 200);
  } finally {
    connection.close();
  }
});

test('a WebSocket upgrade aimed at an API path, with a chunked body, is served as the POST it is', async () => {
  upstream.enqueue(openaiAnswer('Chunks read.'));
  const connection = new RawConnection(port);
  try {
    const body = chatBody('chunked hello');
    const chunks = [body.slice(0, 20), body.slice(20)].map((chunk) => `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`).join('');
    connection.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: r5\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n${webSocketUpgrade}\r\n${chunks}0\r\n\r\n`);
    const answer = await connection.response();
    assert.equal(answer.status, 200, answer.body);
    assert.match(answer.body, /Chunks read\./);
    assert.match(JSON.stringify(upstream.requests.at(-1)?.body), /chunked hello/);
  } finally {
    connection.close();
  }
});

test('GET /health with an Upgrade header is answered as /health', async () => {
  const connection = new RawConnection(port);
  try {
    connection.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n${h2cUpgrade}\r\n`);
    const answer = await connection.response();
    assert.equal(answer.status, 200);
    assert.ok(answer.headers.get('x-request-id'));
  } finally {
    connection.close();
  }
});

test('each Upgrade: h2c on one kept-alive connection is answered, and adds nothing that stays on its socket', async () => {
  let serverSide: Duplex | undefined;
  const seen = (_request: unknown, socket: Duplex) => (serverSide = socket);
  gateway.server.on('upgrade', seen);
  const connection = new RawConnection(port);
  try {
    const listeners: number[] = [];
    for (let index = 0; index < 5; index++) {
      connection.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n${h2cUpgrade}\r\n`);
      assert.equal((await connection.response()).status, 200);
      listeners.push(serverSide?.listenerCount('error') ?? -1);
    }
    assert.deepEqual(listeners.slice(1), Array(4).fill(listeners[0]), `'error' listeners after each request: ${listeners.join(', ')}`);
  } finally {
    connection.close();
    gateway.server.off('upgrade', seen);
  }
});

test('pipelined requests that each carry Upgrade: h2c are all answered, in order', async () => {
  for (const upgraded of [[0, 1, 2, 3, 4], [1, 3], [4]]) {
    const connection = new RawConnection(port);
    try {
      // All five in one write: the answers to the first are still on their way when the next upgrade is read.
      connection.write(
        Array.from({ length: 5 }, (_, index) => `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: r${index}\r\n${upgraded.includes(index) ? h2cUpgrade : ''}\r\n`).join('') +
          `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: r5\r\nContent-Type: application/json\r\n${h2cUpgrade}Content-Length: ${Buffer.byteLength(chatBody('Hi'))}\r\n\r\n${chatBody('Hi')}`,
      );
      upstream.enqueue(openaiAnswer('Hello!'));
      const answers: string[] = [];
      for (let index = 0; index < 6; index++) {
        const answer = await within(connection.response(), 5_000, `answer ${index + 1} with upgrades at ${upgraded.join(', ')}`);
        answers.push(`${answer.headers.get('x-request-id')} ${answer.status}`);
      }
      assert.deepEqual(answers, ['r0 200', 'r1 200', 'r2 200', 'r3 200', 'r4 200', 'r5 200']);
    } finally {
      connection.close();
    }
  }
});

test('an upgrade whose target no URL parser takes is answered, and the gateway stays up', async () => {
  for (const target of ['//[', 'http://[/']) {
    for (const upgrade of [h2cUpgrade, webSocketUpgrade]) {
      const connection = new RawConnection(port);
      try {
        connection.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${upgrade}\r\n`);
        assert.equal((await connection.response()).status, 404, `${target} ${upgrade.split('\r\n')[1]}`);
      } finally {
        connection.close();
      }
    }
  }
  assert.equal((await fetch(`http://127.0.0.1:${port}/health`)).status, 200);
});

test("on OneBot's own port, an upgrade to a path that is no bot's gets that port's JSON 404", async () => {
  const config = resolveConfig({
    providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'k' } },
    models: { m: [{ provider: 'oa', model: 'gpt-4o' }] },
    onebot: { bots: [{ transport: 'reverse-ws', url: '/onebot/v12/ws', model: 'm' }], listen: { port: 0 } },
  });
  const withOnebot = createGateway(config, { logger: silentLogger });
  await withOnebot.listen(0, '127.0.0.1');
  const connection = new RawConnection(withOnebot.onebotAddress?.port ?? 0);
  try {
    connection.write(`GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\n${webSocketUpgrade}\r\n`);
    const answer = await connection.response();
    assert.equal(answer.status, 404);
    assert.match(answer.body, /not a OneBot path/);
  } finally {
    connection.close();
    await withOnebot.close(0);
  }
});
