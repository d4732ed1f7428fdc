/**
 * A bot application used as a model ends its answer after `quietMs` of silence; one that never
 * falls silent is cut at the provider's `timeoutMs` from the request, with finish reason `length`,
 * streamed or not: the caller's answer never stays open for as long as the bot talks.
 */
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestApplication } from './support/test-application.js';

let application: TestApplication;
let gateway: Gateway;
let client: OpenAI;
let chatter: NodeJS.Timeout | undefined;
/** Far beyond the 800 ms deadline: on the old code the answer never ends, and this fails the test instead of hanging it. */
const giveUpMs = 15_000;

before(async () => {
  application = new TestApplication('app-token');
  const url = await application.start();
  // Each message comes 40 ms after the last, well within quietMs: only the deadline can end the answer.
  const config = resolveConfig({
    providers: { bots: { dialect: 'onebot', baseUrl: url, apiKey: 'app-token', timeoutMs: 800, onebot: { quietMs: 400, platform: 'interlingua' } } },
    models: { chatty: [{ provider: 'bots', model: 'chatty-bot' }] },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  const address = await gateway.listen(0, '127.0.0.1');
  client = new OpenAI({ baseURL: `http://127.0.0.1:${address.port}/v1`, apiKey: 'caller', maxRetries: 0 });
  // The bot answers every message, then keeps sending another one every 40 ms, forever.
  application.script = () => {
    const event = application.events.filter((received) => received.type === 'message').at(-1);
    let count = 0;
    clearInterval(chatter);
    chatter = setInterval(() => {
      count++;
      void application.call('send_message', { detail_type: 'private', user_id: event?.user_id, message: [{ type: 'text', data: { text: `and ${count}` } }] }, event?.self);
    }, 40);
    return ['Let me tell you something.'];
  };
});

afterEach(() => clearInterval(chatter));

after(async () => {
  await gateway.close(0);
  await application.stop();
});

test('a streamed answer from a bot that never falls silent ends at timeoutMs with finish reason length', async () => {
  const stream = await client.chat.completions.create({ model: 'chatty', stream: true, messages: [{ role: 'user', content: 'hello' }] }, { signal: AbortSignal.timeout(giveUpMs) });
  const deltas: string[] = [];
  let finish: string | null | undefined;
  for await (const part of stream) {
    const choice = part.choices[0];
    if (choice?.delta.content) deltas.push(choice.delta.content);
    if (choice?.finish_reason) finish = choice.finish_reason;
  }
  assert.equal(finish, 'length', 'the answer was cut, not finished');
  assert.equal(deltas[0], 'Let me tell you something.');
  assert.ok(deltas.length > 2, `what the bot said before the deadline is kept: ${deltas.length} deltas`);
});

test('a non-streamed answer from a bot that never falls silent is cut at timeoutMs too', async () => {
  const completion = await client.chat.completions.create({ model: 'chatty', messages: [{ role: 'user', content: 'hello again' }] }, { signal: AbortSignal.timeout(giveUpMs) });
  assert.equal(completion.choices[0]?.finish_reason, 'length');
  assert.match(completion.choices[0]?.message.content ?? '', /^Let me tell you something\.\nand 1\nand 2\n/);
});
