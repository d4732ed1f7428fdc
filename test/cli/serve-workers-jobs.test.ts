/**
 * Async plugin jobs under `interlingua serve --workers 2` without Redis: the job runs in the worker
 * that took the call, its result reaches the conversation's subscribers on every worker, and the
 * next turn finds it whichever worker takes that turn. Sockets and calls each open a connection
 * of their own, and the primary hands connections to the workers in turn, so both workers hold
 * subscribers and take turns.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { Agent } from 'undici';
import { TestUpstream } from '../support/test-upstream.js';
import { startServe, type ServeProcess } from '../replicas/support/serve-process.js';
import { LandmarkService } from '../plugins/support/plugin-gateway.js';
import { openaiChatReply } from '../plugins/support/scripted-replies.js';
import { EventSocket } from '../plugins/support/event-socket.js';

let upstream: TestUpstream;
let landmarks: LandmarkService;
let directory: string;
let gateway: ServeProcess;
const dispatchers: Agent[] = [];

before(async () => {
  upstream = await new TestUpstream().start();
  landmarks = await new LandmarkService().start();
  directory = mkdtempSync(join(tmpdir(), 'interlingua-workers-jobs-'));
  gateway = await startServe(
    directory,
    'jobs',
    {
      providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' } },
      plugins: {
        ping: {
          type: 'http',
          url: `${landmarks.url}/ping`,
          method: 'GET',
          async: true,
          description: 'Pings a host; takes minutes, so its result follows later.',
          parameters: { type: 'object', properties: { addr: { type: 'string' } }, required: ['addr'] },
        },
      },
      models: { travel: { deployments: [{ provider: 'oa', model: 'gpt-4o' }], plugins: ['ping'], maxSteps: 4 } },
      retry: { attempts: 0 },
      database: { url: join(directory, 'gateway.db') },
    },
    ['--workers', '2'],
  );
});

after(async () => {
  if (gateway.running()) await gateway.terminate();
  await Promise.all(dispatchers.map((dispatcher) => dispatcher.close()));
  await upstream.stop();
  await landmarks.stop();
  rmSync(directory, { recursive: true, force: true });
});

/** A client on a connection of its own. */
function client(conversation: string): OpenAI {
  const dispatcher = new Agent({ connections: 1 });
  dispatchers.push(dispatcher);
  return new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'caller', maxRetries: 0, defaultHeaders: { 'x-interlingua-conversation': conversation }, fetchOptions: { dispatcher } as OpenAI['fetchOptions'] });
}

test("a job's result reaches subscribers on both workers, and the next turn on either finds it", async () => {
  const sockets = [];
  for (let index = 0; index < 4; index++) sockets.push(await EventSocket.open(gateway.url, 'trip-1'));
  upstream.enqueue(openaiChatReply({ calls: [{ id: 'call_ping', name: 'ping', args: { addr: 'example.org' } }] }, false), openaiChatReply({ text: 'Pinging.' }, false));
  const first = await client('trip-1').chat.completions.create({ model: 'travel', messages: [{ role: 'user', content: 'Ping example.org' }] });
  assert.equal(first.choices[0]?.message.content, 'Pinging.');

  const pushed = await Promise.all(sockets.map((socket) => socket.next()));
  for (const message of pushed) {
    assert.equal(message.type, 'plugin.result');
    assert.match(String(message.text), /^PING example\.org: 3 packets transmitted/);
  }
  for (const socket of sockets) socket.close();

  upstream.enqueue(openaiChatReply({ text: 'No loss.' }, false));
  const { data: next, response } = await client('trip-1').chat.completions.create({ model: 'travel', messages: [{ role: 'user', content: 'Any loss?' }] }).withResponse();
  assert.equal(next.choices[0]?.message.content, 'No loss.');
  const asked = JSON.stringify(upstream.requests.at(-1)?.body);
  assert.match(asked, /PING example\.org: 3 packets transmitted/, `the next turn (worker ${response.headers.get('x-interlingua-worker')}) carries the result`);
});
