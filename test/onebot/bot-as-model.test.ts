/**
 * A OneBot 12 bot application as a model: the gateway plays the implementation, connects to
 * the application over reverse WebSocket (https://12.onebot.dev/connect/communication/websocket-reverse/)
 * and turns an OpenAI SDK request into a message event, and the bot's send_message actions into
 * the streamed answer.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway, type Gateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { TestApplication } from './support/test-application.js';
import { checkDeployment } from '../../src/gateway/deployment-check.js';

let application: TestApplication;
let gateway: Gateway;
let client: OpenAI;

before(async () => {
  application = new TestApplication('app-token');
  const url = await application.start();
  const config = resolveConfig({
    providers: { bots: { dialect: 'onebot', baseUrl: url, apiKey: 'app-token', timeoutMs: 5_000, onebot: { quietMs: 150, platform: 'interlingua' } } },
    models: { echo: [{ provider: 'bots', model: 'echo-bot' }], other: [{ provider: 'bots', model: 'other-bot' }] },
    retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
  });
  gateway = createGateway(config, { logger: silentLogger });
  const address = await gateway.listen(0, '127.0.0.1');
  client = new OpenAI({ baseURL: `http://127.0.0.1:${address.port}/v1`, apiKey: 'caller', maxRetries: 0 });
});

after(async () => {
  await gateway.close(0);
  await application.stop();
});

test('an OpenAI SDK caller chats with a OneBot bot application, streamed message by message', async () => {
  const stream = await client.chat.completions.create({ model: 'echo', stream: true, messages: [{ role: 'user', content: 'hello bot' }] });
  const deltas: string[] = [];
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (choice?.delta.content) deltas.push(choice.delta.content);
    if (choice?.finish_reason) finish = choice.finish_reason;
  }
  assert.deepEqual(deltas, ['You said: hello bot.', '\nAnything else?']);
  assert.equal(finish, 'stop');
  // What the application saw: the subprotocol and token, meta.connect first, then its account online.
  assert.equal(application.handshakes[0]?.protocol, '12.interlingua');
  assert.equal(application.events[0]?.type, 'meta');
  assert.equal(application.events[0]?.detail_type, 'connect');
  assert.deepEqual(application.events[0]?.version, { impl: 'interlingua', version: '0.1.0', onebot_version: '12' });
  assert.equal(application.events[1]?.detail_type, 'status_update');
  const message = application.events.find((event) => event.type === 'message');
  assert.deepEqual(message?.self, { platform: 'interlingua', user_id: 'echo-bot' });
  assert.equal(message?.detail_type, 'private');
  assert.deepEqual(message?.message, [{ type: 'text', data: { text: 'hello bot' } }]);
});

test('a non-streamed call gets the whole answer; two models share one connection as two bots', async () => {
  const completion = await client.chat.completions.create({ model: 'other', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(completion.choices[0]?.message.content, 'You said: hi.\nAnything else?');
  const status = await application.call('get_status', {});
  const bots = (status.data as { bots: Array<{ self: { user_id: string } }> }).bots.map((entry) => entry.self.user_id).sort();
  assert.deepEqual(bots, ['echo-bot', 'other-bot']);
});

test('actions the gateway does not implement get the standard return codes', async () => {
  assert.equal((await application.call('delete_message', { message_id: '1' })).retcode, 10002);
  assert.equal((await application.call('send_message', { detail_type: 'private', user_id: 'x', message: [] })).retcode, 10101, 'several bots and no self');
  assert.equal((await application.call('send_message', { detail_type: 'private', user_id: 'x', message: [] }, { platform: 'interlingua', user_id: 'nobody' })).retcode, 10102);
  const supported = await application.call('get_supported_actions', {});
  assert.ok((supported.data as string[]).includes('send_message'));
});

test('a dropped connection is dialled again on the next request', async () => {
  const handshakes = application.handshakes.length;
  application.dropConnections();
  const completion = await client.chat.completions.create({ model: 'echo', messages: [{ role: 'user', content: 'still there?' }] });
  assert.equal(completion.choices[0]?.message.content, 'You said: still there?.\nAnything else?');
  assert.equal(application.handshakes.length, handshakes + 1);
});

test("two gateway keys are two users to the bot: neither shares the bot's memory of a user nor gets the other's late messages", async () => {
  const keys = gateway.services.keys;
  const [first, second] = [await keys.create({ name: 'bot-user-first' }), await keys.create({ name: 'bot-user-second' })];
  const as = (key: string) => new OpenAI({ baseURL: client.baseURL, apiKey: key, maxRetries: 0 });
  const lastUser = () => application.events.filter((event) => event.type === 'message').at(-1)?.user_id;
  const firstAnswer = await as(first.key).chat.completions.create({ model: 'echo', messages: [{ role: 'user', content: 'from the first key' }] });
  assert.equal(firstAnswer.choices[0]?.message.content, 'You said: from the first key.\nAnything else?');
  const firstUser = lastUser();
  // While the second key's answer waits, the bot writes late to the first key's user.
  const script = application.script;
  application.script = (said) => {
    void application.call('send_message', { detail_type: 'private', user_id: firstUser, message: [{ type: 'text', data: { text: 'late, for the first key' } }] }, { platform: 'interlingua', user_id: 'echo-bot' });
    return script(said);
  };
  try {
    const secondAnswer = await as(second.key).chat.completions.create({ model: 'echo', messages: [{ role: 'user', content: 'from the second key' }] });
    assert.equal(secondAnswer.choices[0]?.message.content, 'You said: from the second key.\nAnything else?');
  } finally {
    application.script = script;
  }
  // Each user is the request's `caller` under its key: still a string, as OneBot 12's user_id is.
  assert.equal(firstUser, `${first.record.id}:caller`);
  assert.equal(lastUser(), `${second.record.id}:caller`);
});

test("a deployment check from the admin API is a user of its own to the bot, apart from keyless callers", async () => {
  const lastUser = () => application.events.filter((event) => event.type === 'message').at(-1)?.user_id;
  await client.chat.completions.create({ model: 'echo', messages: [{ role: 'user', content: 'without a key' }] });
  assert.equal(lastUser(), '-:caller');
  const check = await checkDeployment(gateway.services, 'bots/echo-bot');
  assert.equal(check.ok, true, JSON.stringify(check));
  assert.equal(lastUser(), 'check:caller');
});

test('an object where the application should send an id (a mention, a file_id) is read as no id, and the gateway goes on', async () => {
  const hostile = { toString: 1 };
  const script = application.script;
  application.script = (said) => {
    void application.call(
      'send_message',
      { detail_type: 'private', user_id: '-:caller', message: [{ type: 'mention', data: { user_id: hostile } }, { type: 'text', data: { text: 'Mentioned no one.' } }] },
      { platform: 'interlingua', user_id: 'echo-bot' },
    );
    return script(said);
  };
  try {
    const answer = await client.chat.completions.create({ model: 'echo', messages: [{ role: 'user', content: 'mention someone' }] });
    assert.match(answer.choices[0]?.message.content ?? '', /Mentioned no one\./);
  } finally {
    application.script = script;
  }
  const file = await application.call('get_file', { file_id: hostile, type: 'url' });
  assert.equal(file.retcode, 10003);
  const again = await client.chat.completions.create({ model: 'echo', messages: [{ role: 'user', content: 'still there?' }] });
  assert.match(again.choices[0]?.message.content ?? '', /still there\?/);
});
