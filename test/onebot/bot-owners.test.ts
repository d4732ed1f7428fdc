/**
 * Two configured bots are two owners. In OneBot 12 an event's `self` (the bot account) is
 * filled in by the implementation ("事件是由 OneBot 实现…向应用端推送的数据", and every
 * non-meta event carries `self`: https://12.onebot.dev/connect/data-protocol/event/), so an
 * implementation on a second configured bot can claim the first bot's account and chats. What
 * one bot's chat starts or is owed (async plugin results, queued jobs, cached answers) must
 * reach neither the other bot nor its implementation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { conversationScope, onebotOwnerOf } from '../../src/plugins/jobs/result-inbox.js';
import { botIdentity } from '../../src/onebot/model-as-bot/bot-identity.js';
import type { PluginJobResult } from '../../src/plugins/jobs/plugin-job.js';
import { TestUpstream } from '../support/test-upstream.js';
import { LandmarkService } from '../plugins/support/plugin-gateway.js';
import { openaiChatReply } from '../plugins/support/scripted-replies.js';
import { TestImplementation, privateMessage, text, type RecordedAction } from './support/test-implementation.js';
import { bot } from './support/bridge-setup.js';

const tenantX = { transport: 'reverse-ws', url: '/onebot/tenant-x', accessToken: 'token-x' } as const;
const tenantY = { transport: 'reverse-ws', url: '/onebot/tenant-y', accessToken: 'token-y' } as const;

/** A gateway with bots X and Y on model `pinger` (an async plugin), each with its implementation, both claiming account `bot`. */
async function twoTenants(settings: Record<string, unknown> = {}) {
  const upstream = await new TestUpstream().start();
  const pings = await new LandmarkService().start();
  const gateway = createGateway(
    resolveConfig({
      providers: { oa: { dialect: 'openai-chat', baseUrl: `${upstream.baseUrl}/v1`, apiKey: 'sk-test' } },
      plugins: {
        ping: {
          type: 'http',
          url: `${pings.url}/ping`,
          method: 'GET',
          async: true,
          description: 'Pings a host; takes minutes, so its result follows later.',
          parameters: { type: 'object', properties: { addr: { type: 'string' } }, required: ['addr'] },
        },
      },
      models: { pinger: { deployments: [{ provider: 'oa', model: 'gpt-4o' }], plugins: ['ping'] } },
      retry: { attempts: 0 },
      onebot: { bots: [tenantX, tenantY].map((tenant) => ({ ...tenant, model: 'pinger', replyMode: 'whole' })) },
      ...settings,
    }),
    { logger: silentLogger },
  );
  const port = (await gateway.listen(0, '127.0.0.1')).port;
  const x = new TestImplementation({ bots: [bot], accessToken: tenantX.accessToken });
  const y = new TestImplementation({ bots: [bot], accessToken: tenantY.accessToken });
  await x.connectReverse(`ws://127.0.0.1:${port}${tenantX.url}`);
  await y.connectReverse(`ws://127.0.0.1:${port}${tenantY.url}`);
  return {
    gateway,
    upstream,
    x,
    y,
    async close() {
      await gateway.close(0);
      await x.stop();
      await y.stop();
      await upstream.stop();
      await pings.stop();
    },
  };
}

const sentTexts = (implementation: TestImplementation) =>
  implementation.actions
    .filter((action: RecordedAction) => action.action === 'send_message')
    .map((action) => (action.params.message as Array<{ data: { text?: string } }>).map((segment) => segment.data.text ?? '').join(''));

test("a bot's async plugin result reaches only its own chat, though another bot's implementation claims the same account and user", async () => {
  const setup = await twoTenants();
  const { gateway, upstream, x, y } = setup;
  try {
    // X's chat as the gateway names it, and X's owner as derived from its configuration (not its place in the list).
    const conversation = `onebot.${createHash('sha256').update(`${bot.platform}/${bot.user_id}/private/carol`).digest('hex').slice(0, 32)}`;
    const ownedByX: PluginJobResult[] = [];
    gateway.services.plugins.backend.broadcast.subscribe(conversationScope(onebotOwnerOf(botIdentity(tenantX)).id, conversation), (result) => ownedByX.push(result));

    // Y: one ordinary turn in "the same" chat, so Y listens for that chat's later results.
    upstream.enqueue(openaiChatReply({ text: 'Hello from the bot on Y.' }, true));
    await y.push(privateMessage(y, bot, 'y-1', 'carol', [text('hello')]));
    await y.waitForActions('send_message', 1);

    // X: a turn that starts a job; its result follows as a second message in X's chat.
    upstream.enqueue(
      openaiChatReply({ calls: [{ id: 'call_ping', name: 'ping', args: { addr: 'x-private-host' } }] }, true),
      openaiChatReply({ text: 'Pinging; I will post the result here.' }, true),
    );
    await x.push(privateMessage(x, bot, 'x-1', 'carol', [text('ping x-private-host')]));
    await x.waitForActions('send_message', 2);
    await gateway.onebot?.idle();

    assert.match(sentTexts(x)[1] ?? '', /^PING x-private-host/);
    assert.deepEqual(sentTexts(y), ['Hello from the bot on Y.'], "X's job result is not posted through Y");
    assert.equal(ownedByX.length, 1, "the job ran as X's owner, derived from X's transport and url");

    // Y's next turn is not told X's result either (the inbox is per owner too).
    upstream.enqueue(openaiChatReply({ text: 'Nothing new.' }, true));
    await y.push(privateMessage(y, bot, 'y-2', 'carol', [text('anything?')]));
    await y.waitForActions('send_message', 2);
    assert.doesNotMatch(JSON.stringify(upstream.requests.at(-1)?.body), /x-private-host/);
  } finally {
    await setup.close();
  }
});

test("one bot's cached answer is not replayed to another bot's chat", async () => {
  const setup = await twoTenants({ cache: { ttlSeconds: 300, scope: 'key' } });
  const { upstream, x, y } = setup;
  try {
    upstream.enqueue(openaiChatReply({ text: 'Answer sampled for X.' }, true), openaiChatReply({ text: 'Answer sampled for Y.' }, true));
    await x.push(privateMessage(x, bot, 'x-1', 'carol', [text('what did I tell you?')]));
    await x.waitForActions('send_message', 1);
    await y.push(privateMessage(y, bot, 'y-1', 'carol', [text('what did I tell you?')]));
    await y.waitForActions('send_message', 1);
    assert.deepEqual(sentTexts(y), ['Answer sampled for Y.']);
    assert.equal(upstream.requests.length, 2, 'each bot asked the model itself');
  } finally {
    await setup.close();
  }
});
