/**
 * A chat's history key (and the async-plugin conversation named after it) must tell chats apart
 * whatever their ids contain: OneBot 12 ids are any string, slashes included.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chatKey, type ChatRef } from '../../src/onebot/model-as-bot/chat-ref.js';

const self = { platform: 'qq', user_id: 'bot' };

test('guild "g/x" with channel "c" and guild "g" with channel "x/c" are two chats', () => {
  const first: ChatRef = { self, detailType: 'channel', guildId: 'g/x', channelId: 'c' };
  const second: ChatRef = { self, detailType: 'channel', guildId: 'g', channelId: 'x/c' };
  assert.notEqual(chatKey(first), chatKey(second));
});

test('a bot whose id holds a slash does not share chats with another bot', () => {
  const first: ChatRef = { self: { platform: 'qq', user_id: 'bot/private/u' }, detailType: 'group', groupId: 'g' };
  const second: ChatRef = { self: { platform: 'qq', user_id: 'bot' }, detailType: 'private', userId: 'u/group/g' };
  assert.notEqual(chatKey(first), chatKey(second));
});

test('ids without "/" or "%" keep the key they always had, so their conversations are not orphaned', () => {
  assert.equal(chatKey({ self, detailType: 'channel', guildId: 'g', channelId: 'c' }), 'qq/bot/channel/g/c');
  assert.notEqual(chatKey({ self, detailType: 'group', groupId: 'a%2Fb' }), chatKey({ self, detailType: 'group', groupId: 'a/b' }));
});
