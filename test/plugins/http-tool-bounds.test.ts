/**
 * An HTTP plugin's endpoint is an outside party: whatever it answers, the gateway reads only what
 * the model will be shown (100,000 characters, cut with a note) and only within the plugin's
 * `timeoutMs`. The fake endpoint counts what it managed to send before the gateway hung up.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { silentLogger } from '../../src/gateway/logger.js';
import { httpTool, maxResultCharacters } from '../../src/plugins/http-tool.js';
import { PluginToolRunner } from '../../src/plugins/tool-runner.js';
import type { HttpPluginConfig } from '../../src/config/plugin-config.js';

/** What one answer of the endpoint came to: bytes handed to the socket, and whether it got to its end. */
interface Sent {
  bytes: number;
  ended: boolean;
}

const hugeBytes = 64 * 1024 * 1024;
const chunk = Buffer.alloc(64 * 1024, 'x');
let server: Server;
let baseUrl: string;
const sent = new Map<string, Promise<Sent>>();

/** Writes `total` bytes of `x` as fast as the reader takes them (or forever, slowly, for `trickle`). */
function answer(path: string, response: ServerResponse): Promise<Sent> {
  response.writeHead(200, { 'content-type': 'text/plain' });
  const result: Sent = { bytes: 0, ended: false };
  return new Promise((resolve) => {
    response.once('close', () => resolve(result));
    if (path === '/trickle') {
      const timer = setInterval(() => {
        response.write('x');
        result.bytes++;
      }, 50);
      response.once('close', () => clearInterval(timer));
      return;
    }
    const pump = (): void => {
      while (!response.destroyed && result.bytes < hugeBytes) {
        result.bytes += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      if (!response.destroyed) response.end(() => (result.ended = true));
    };
    pump();
  });
}

before(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    sent.set(path, answer(path, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

function tool(path: string, timeoutMs: number): HttpPluginConfig {
  return {
    async: false,
    timeoutMs,
    concurrency: 1,
    type: 'http',
    name: 'dump',
    url: `${baseUrl}${path}`,
    method: 'GET',
    headers: {},
    description: 'Answers with a lot.',
    parameters: { type: 'object', properties: {} },
  };
}

test('a 64 MiB answer is cut for the model after the first 100,000 characters, and the endpoint is hung up on long before its end', async () => {
  const outcome = await new PluginToolRunner(silentLogger).execute(httpTool(tool('/huge', 20_000)), {}, new AbortController().signal, {});
  const endpoint = await sent.get('/huge');
  assert.equal(endpoint?.ended, false, `the endpoint got to send its whole answer (${endpoint?.bytes} bytes)`);
  // What it got into the socket before the gateway hung up: the cap plus kernel and client buffers.
  assert.ok((endpoint?.bytes ?? Infinity) < 16 * 1024 * 1024, `the endpoint sent ${endpoint?.bytes} bytes`);
  assert.equal(outcome.isError, false);
  // The same cut as a whole body gets, but the length of the rest is unknown: "more than" what was read.
  assert.ok(/^x*$/.test(outcome.text.slice(0, maxResultCharacters)), 'the first 100,000 characters are the answer');
  assert.match(outcome.text.slice(maxResultCharacters), /^\n\[cut: more than \d+ more characters\]$/);
});

test("an answer that trickles on is stopped at the plugin's timeoutMs, body included", async () => {
  const outcome = await new PluginToolRunner(silentLogger).execute(httpTool(tool('/trickle', 500)), {}, new AbortController().signal, {});
  assert.deepEqual(outcome, { text: 'The tool did not finish within 500 ms and was stopped.', isError: true });
  assert.equal((await sent.get('/trickle'))?.ended, false);
});
