import type { BotSelf, MessageEvent } from '../wire-types.js';

/**
 * Where a conversation happens: one bot account and one private chat, group or channel. It is
 * what `send_message` needs to reach the chat again (https://12.onebot.dev/interface/message/actions/),
 * and the key of the chat's history.
 */
export type ChatRef =
  | { self: BotSelf; detailType: 'private'; userId: string }
  | { self: BotSelf; detailType: 'group'; groupId: string }
  | { self: BotSelf; detailType: 'channel'; guildId: string; channelId: string };

export function chatRefOf(event: MessageEvent, self: BotSelf): ChatRef | undefined {
  switch (event.detail_type) {
    case 'private':
      return { self, detailType: 'private', userId: event.user_id };
    case 'group':
      return event.group_id === undefined ? undefined : { self, detailType: 'group', groupId: event.group_id };
    case 'channel':
      return event.guild_id === undefined || event.channel_id === undefined ? undefined : { self, detailType: 'channel', guildId: event.guild_id, channelId: event.channel_id };
    default:
      return undefined;
  }
}

/**
 * The chat's history key, which also names its conversation for async plugin jobs: the parts
 * joined with `/`, each with its `%` and `/` percent-encoded. Ids are any string, so guild `g/x`
 * with channel `c` and guild `g` with channel `x/c` must not share one history; ids without `%`
 * or `/` (nearly all) keep the key, and so the conversation, they had before the encoding.
 */
export function chatKey(chat: ChatRef): string {
  const bot = `${keyPart(chat.self.platform)}/${keyPart(chat.self.user_id)}`;
  switch (chat.detailType) {
    case 'private':
      return `${bot}/private/${keyPart(chat.userId)}`;
    case 'group':
      return `${bot}/group/${keyPart(chat.groupId)}`;
    case 'channel':
      return `${bot}/channel/${keyPart(chat.guildId)}/${keyPart(chat.channelId)}`;
  }
}

function keyPart(id: string): string {
  return id.replace(/%/g, '%25').replace(/\//g, '%2F');
}

/** The `send_message` parameters that address the chat. */
export function sendTarget(chat: ChatRef): Record<string, string> {
  switch (chat.detailType) {
    case 'private':
      return { detail_type: 'private', user_id: chat.userId };
    case 'group':
      return { detail_type: 'group', group_id: chat.groupId };
    case 'channel':
      return { detail_type: 'channel', guild_id: chat.guildId, channel_id: chat.channelId };
  }
}
