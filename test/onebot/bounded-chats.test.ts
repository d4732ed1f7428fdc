/**
 * A bot's state per chat and per account is named by whoever writes to it: each new chat used to
 * add a result-broadcast listener and each made-up `self` a link entry, forever. Both are now
 * bounded like the chat histories; a forgotten chat's listener is removed, and when the chat
 * speaks again it listens again and gets its later results posted as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/gateway/logger.js';
import { oneEventBatch } from '../../src/gateway/upstream-events.js';
import { BotApplication } from '../../src/onebot/model-as-bot/bot-application.js';
import type { BotChatRunner } from '../../src/onebot/model-as-bot/bot-chat-runner.js';
import type { OnebotLink } from '../../src/onebot/links/onebot-link.js';
import type { ActionResponse } from '../../src/onebot/wire-types.js';
import { pluginChatRunner } from '../../src/plugins/plugin-chat-runner.js';
import type { PluginService } from '../../src/plugins/plugin-service.js';
import type { ChatEngine } from '../../src/gateway/chat-engine.js';
import { LocalResultBroadcast } from '../../src/plugins/jobs/result-broadcast.js';
import { conversationScope, onebotOwner } from '../../src/plugins/jobs/result-inbox.js';

/** The in-process result broadcast, counting the listeners it holds. */
class CountingBroadcast extends LocalResultBroadcast {
  get listenerCount(): number {
    return this.listeners.eventNames().reduce<number>((sum, name) => sum + this.listeners.listenerCount(name), 0);
  }
}

const bounds = { chats: 4, bots: 4 };
const botOf = (index: number) => ({ platform: 'qq', user_id: `bot-${index}` });

/** A private message to account `bot-<index>` from `user-<index>`: one chat and one account per index. */
function privateMessage(index: number, messageId: string): Record<string, unknown> {
  return { id: `e-${messageId}`, time: 1, type: 'message', detail_type: 'private', sub_type: '', self: botOf(index), message_id: messageId, message: [{ type: 'text', data: { text: `hello from ${index}` } }], alt_message: '', user_id: `user-${index}` };
}

test('more chats and accounts than the bounds leave the listeners and maps at the bounds; a forgotten chat that speaks again gets its later results', async () => {
  const broadcast = new CountingBroadcast();
  const plugins = { backend: { broadcast, inbox: { take: async () => [] } } } as unknown as PluginService;
  const throughPlugins = pluginChatRunner(plugins, () => ({}) as ChatEngine, silentLogger);
  /** The conversation of each turn, in order. */
  const conversations: string[] = [];
  const runner: BotChatRunner = {
    async stream(_request, conversation) {
      conversations.push(conversation);
      return { first: [], rest: oneEventBatch([{ type: 'text-delta', id: 't', delta: 'Noted.' }]) };
    },
    onLaterResult: throughPlugins.onLaterResult?.bind(throughPlugins),
  };
  const sent: Array<{ userId: unknown; text: string }> = [];
  const link: OnebotLink = {
    description: 'test link',
    async call(action, params): Promise<ActionResponse> {
      if (action === 'send_message') {
        const segments = params.message as Array<{ data: { text?: string } }>;
        sent.push({ userId: params.user_id, text: segments.map((segment) => segment.data.text ?? '').join('') });
      }
      return { status: 'ok', retcode: 0, data: { message_id: `sent-${sent.length}` }, message: '' };
    },
  };
  const config = resolveConfig({ providers: {}, models: {}, onebot: { bots: [{ transport: 'webhook', url: '/onebot', model: 'm', replyMode: 'whole' }] } }).onebot?.bots[0];
  assert.ok(config);
  const application = new BotApplication(config, runner, silentLogger, undefined, bounds);
  const laterResult = (conversation: string | undefined, text: string) =>
    broadcast.publish(conversationScope(onebotOwner.id, conversation ?? ''), { type: 'plugin.result', job: 'job_1', plugin: 'ping', tool: 'ping', conversation: conversation ?? '', ok: true, text, startedAt: 1, finishedAt: 2 });

  for (let index = 0; index < 20; index++) await application.handleEvent(privateMessage(index, `m-${index}`), link);
  assert.equal(sent.length, 20, 'every chat was answered');
  assert.ok(broadcast.listenerCount <= bounds.chats, `${broadcast.listenerCount} broadcast listeners for 20 chats`);
  assert.ok(application.kept.listeningChats <= bounds.chats);
  assert.ok(application.kept.botLinks <= bounds.bots);
  assert.equal(application.serves(botOf(0)), false, 'the account seen first is forgotten');
  assert.equal(application.serves(botOf(19)), true);

  // Chat 0 is forgotten: a result for it now reaches no listener (the inbox keeps it for its next turn).
  const firstConversation = conversations[0];
  await laterResult(firstConversation, 'PING early');
  await application.idle();
  assert.equal(sent.length, 20);

  await application.handleEvent(privateMessage(0, 'm-0-again'), link);
  assert.equal(conversations.at(-1), firstConversation, 'the same chat, the same conversation');
  assert.ok(broadcast.listenerCount <= bounds.chats);
  assert.equal(application.serves(botOf(0)), true);
  await laterResult(firstConversation, 'PING example.org: 0% packet loss');
  await application.idle();
  assert.deepEqual(sent.at(-1), { userId: 'user-0', text: 'PING example.org: 0% packet loss' });

  application.stopListening();
  assert.equal(broadcast.listenerCount, 0);
});
