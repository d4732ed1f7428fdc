/**
 * A OneBot chat's plugin conversation is the gateway's bots' own. Its id (`onebot.` and a hash
 * of the bot and the chat) can be worked out by anyone who knows them, so an HTTP caller naming
 * it — here without a key, the anonymous owner a bot's turn once ran as — must hear none of the
 * chat's results, cancel none of its jobs, and have none of its own results posted into the chat.
 * Run with jobs in-process and on Redis (BullMQ queue, Redis inbox and pub/sub), where the owner
 * travels with the job through Redis.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { request } from 'undici';
import { Redis } from 'ioredis';
import { resolveConfig } from '../../src/config/load.js';
import { createGateway } from '../../src/gateway/server.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { conversationScope, onebotOwnerOf } from '../../src/plugins/jobs/result-inbox.js';
import { botIdentity } from '../../src/onebot/model-as-bot/bot-identity.js';
import type { PluginJobResult } from '../../src/plugins/jobs/plugin-job.js';
import { TestUpstream } from '../support/test-upstream.js';
import { LandmarkService } from './support/plugin-gateway.js';
import { openaiChatReply } from './support/scripted-replies.js';
import { EventSocket } from './support/event-socket.js';
import { TestImplementation, privateMessage, text } from '../onebot/support/test-implementation.js';
import { bot, token } from '../onebot/support/bridge-setup.js';

const redisUrl = 'redis://127.0.0.1:6379';

for (const backend of ['in-process', 'redis'] as const) {
  test(`an outsider naming a OneBot chat's conversation reaches none of its results or jobs (${backend} jobs)`, async () => {
    const upstream = await new TestUpstream().start();
    const pings = await new LandmarkService().start();
    const implementation = new TestImplementation({ bots: [bot], accessToken: token });
    const url = await implementation.serveWebSocket();
    const keyPrefix = `interlingua-test-${randomUUID()}`;
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
        onebot: { bots: [{ transport: 'forward-ws', url, accessToken: token, model: 'pinger', replyMode: 'whole', reconnect: { initialDelayMs: 5, maxDelayMs: 20 } }] },
        ...(backend === 'redis' ? { redis: { url: redisUrl, keyPrefix } } : {}),
      }),
      { logger: silentLogger },
    );
    const sentMessages = () => implementation.actions.filter((action) => action.action === 'send_message').length;
    try {
      const gatewayUrl = `http://127.0.0.1:${(await gateway.listen(0, '127.0.0.1')).port}`;
      await implementation.waitForConnections(1);
      // What an outsider computes for carol's private chat with the bot.
      const conversation = `onebot.${createHash('sha256').update(`${bot.platform}/${bot.user_id}/private/carol`).digest('hex').slice(0, 32)}`;
      // The chat is its configured bot's: the owner comes from the bot's transport and url (bot-identity.ts).
      const chatScope = conversationScope(onebotOwnerOf(botIdentity({ transport: 'forward-ws', url })).id, conversation);
      const { backend: jobs } = gateway.services.plugins;
      await jobs.broadcast.ready();
      const chatResults: PluginJobResult[] = [];
      jobs.broadcast.subscribe(chatScope, (result) => chatResults.push(result));
      const outsider = await EventSocket.open(gatewayUrl, conversation);

      // The chat starts a job; its result is posted in the chat, and published under the bots' owner only.
      upstream.enqueue(
        openaiChatReply({ calls: [{ id: 'call_ping', name: 'ping', args: { addr: 'example.org' } }] }, true),
        openaiChatReply({ text: 'Pinging; I will post the result here.' }, true),
      );
      await implementation.push(privateMessage(implementation, bot, 'msg-1', 'carol', [text('ping example.org')]));
      await implementation.waitForActions('send_message', 2);
      await gateway.onebot?.idle();
      assert.equal(chatResults.length, 1, 'the chat\'s result is its owner\'s (the conversation id above is the chat\'s)');
      assert.match(chatResults[0]?.text ?? '', /^PING example\.org/);
      // The outsider's socket got nothing before the answer to its own message (a result would have come first).
      outsider.send({ type: 'cancel', job: 'job_unknown' });
      assert.deepEqual(await outsider.next(), { type: 'cancel.result', job: 'job_unknown', cancelled: false });

      // The outsider's own job in that conversation: its result is the outsider's, and is not posted in the chat.
      upstream.enqueue(
        openaiChatReply({ calls: [{ id: 'call_ping', name: 'ping', args: { addr: 'outsider.example' } }] }, false),
        openaiChatReply({ text: 'Started.' }, false),
      );
      const response = await request(`${gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-interlingua-conversation': conversation },
        body: JSON.stringify({ model: 'pinger', messages: [{ role: 'user', content: 'ping outsider.example' }] }),
      });
      assert.equal(response.statusCode, 200);
      await response.body.dump();
      const own = await outsider.next();
      assert.equal(own.type, 'plugin.result');
      assert.match(String(own.text), /^PING outsider\.example/);
      await gateway.onebot?.idle();
      assert.equal(sentMessages(), 2, "the outsider's result is not posted in the chat");
      assert.equal(chatResults.length, 1);

      // A job of the chat still running: the outsider cannot cancel it; its owner can.
      upstream.enqueue(
        openaiChatReply({ calls: [{ id: 'call_hang', name: 'ping', args: { addr: 'hang' } }] }, true),
        openaiChatReply({ text: 'Started.' }, true),
      );
      const arrived = pings.nextRequest();
      const sentBefore = sentMessages();
      await implementation.push(privateMessage(implementation, bot, 'msg-2', 'carol', [text('ping hang')]));
      assert.match(await arrived, /addr=hang/);
      await implementation.waitForActions('send_message', sentBefore + 1);
      const started = upstream.requests.map((entry) => JSON.stringify(entry.body)).join('');
      const jobId = [...started.matchAll(/Started as job (job_[0-9a-f]+)/g)].at(-1)?.[1];
      assert.ok(jobId);
      outsider.send({ type: 'cancel', job: jobId });
      assert.deepEqual(await outsider.next(), { type: 'cancel.result', job: jobId, cancelled: false });
      assert.equal(await jobs.queue.cancel(jobId, chatScope), true, 'the job carries its bot\'s owner');
      outsider.close();
    } finally {
      await gateway.close();
      await implementation.stop();
      await upstream.stop();
      await pings.stop();
      if (backend === 'redis') {
        const redis = new Redis(redisUrl);
        const keys = await redis.keys(`${keyPrefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        await redis.quit();
      }
    }
  });
}
