/**
 * TurnWrites (src/gateway/turn-writes.ts): what a stream writes to its caller within one turn of
 * the event loop leaves in one system call, the end included, and nothing is held past the turn.
 * Each socket write of the server is counted (the `_write`/`_writev` a `net.Socket` hands to the
 * kernel); the client is a raw socket, so its reads say when bytes left.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { TurnWrites } from '../../src/gateway/turn-writes.js';

type Handler = (response: ServerResponse) => void;

let server: Server;
let port = 0;
let handle: Handler = () => {};
/** Socket writes of the server since the last request began. */
let writes = 0;

function countWrites(socket: Socket): void {
  const counted = socket as unknown as { _write: (...args: unknown[]) => void; _writev: (...args: unknown[]) => void };
  const write = counted._write.bind(socket);
  const writev = counted._writev.bind(socket);
  counted._write = (...args) => {
    writes += 1;
    write(...args);
  };
  counted._writev = (...args) => {
    writes += 1;
    writev(...args);
  };
}

before(async () => {
  server = createServer((_request, response) => {
    writes = 0;
    handle(response);
  });
  server.on('connection', countWrites);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends `count` GET requests on one keep-alive connection, one after the other; resolves with each raw answer. */
async function ask(count = 1, onData?: (received: string) => void): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  const answers: string[] = [];
  let received = '';
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      onData?.(received);
      if (!received.endsWith('0\r\n\r\n')) return;
      answers.push(received);
      received = '';
      if (answers.length === count) resolve();
      else socket.write('GET / HTTP/1.1\r\nhost: test\r\n\r\n');
    });
    socket.write('GET / HTTP/1.1\r\nhost: test\r\n\r\n');
  });
  socket.destroy();
  return answers;
}

/** A stream's headers written and flushed under a held turn, as the gateway's stream writers begin. */
function streamStarted(response: ServerResponse): TurnWrites {
  const turn = new TurnWrites(response);
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  turn.hold();
  response.flushHeaders();
  return turn;
}

const twoTicksLater = (then: () => void) => process.nextTick(() => process.nextTick(then));

describe('TurnWrites', () => {
  test('headers, chunks and the end written within one turn leave in one socket write', async () => {
    handle = (response) => {
      const turn = streamStarted(response);
      // A stream's end comes ticks after its last chunk (a readable announces its end on a tick of its own).
      twoTicksLater(() => {
        turn.hold();
        response.write('data: one\n\n');
        twoTicksLater(() => response.end());
      });
    };
    const [answer] = await ask();
    assert.match(answer ?? '', /^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nb\r\ndata: one\n\n\r\n0\r\n\r\n$/);
    assert.equal(writes, 1);
  });

  test('nothing is held past the turn: headers and a chunk reach the caller before the stream goes on', async () => {
    let finish: () => void = () => {};
    handle = (response) => {
      const turn = streamStarted(response);
      turn.hold();
      response.write('data: one\n\n');
      // The rest comes only once the caller has the first chunk.
      finish = () => {
        turn.hold();
        response.write('data: two\n\n');
        response.end();
      };
    };
    const [answer] = await ask(1, (received) => {
      if (received.includes('data: one') && !received.includes('data: two')) finish();
    });
    assert.match(answer ?? '', /data: one\n\n[\s\S]*data: two\n\n\r\n0\r\n\r\n$/);
    assert.equal(writes, 2);
  });

  test('headers flushed while nothing else comes in the turn go out on their own', async () => {
    let finish: () => void = () => {};
    handle = (response) => {
      streamStarted(response);
      finish = () => response.end('data: late\n\n');
    };
    const [answer] = await ask(1, (received) => {
      if (received.endsWith('\r\n\r\n') && !received.includes('data: late')) finish();
    });
    assert.match(answer ?? '', /data: late\n\n\r\n0\r\n\r\n$/);
  });

  test('a connection kept alive answers its next request whole after a held response', async () => {
    handle = (response) => {
      const turn = new TurnWrites(response);
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      turn.hold();
      response.write('data: one\n\n');
      response.end();
    };
    const answers = await ask(3);
    assert.equal(answers.length, 3);
    for (const answer of answers) assert.match(answer, /^HTTP\/1\.1 200 OK[\s\S]*data: one\n\n\r\n0\r\n\r\n$/);
  });
});
