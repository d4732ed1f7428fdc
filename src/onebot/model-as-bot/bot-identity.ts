import type { OnebotBotConfig } from '../../config/resolved-config.js';

/**
 * What names a configured bot to the rest of the gateway: its transport and `url` (the address
 * it dials, or the path it listens on). Its chats' plugin jobs, later results, cached answers
 * and sticky routing are kept under this name, never under `self`: in OneBot 12 an event's
 * `self` is whatever the implementation says it is ("事件是由 OneBot 实现…向应用端推送的数据",
 * https://12.onebot.dev/connect/data-protocol/event/), so two implementations on two configured
 * bots can claim the same account and the same chats. Neither the bot's position in the list
 * (which a reload may change) nor its token (a secret, and rotated) is in it, so the name is the
 * same after a restart, a reload and on every replica; two bots with the same transport and
 * `url` would share it (and the bridge warns of them).
 */
export function botIdentity(bot: Pick<OnebotBotConfig, 'transport' | 'url'>): string {
  return `${bot.transport} ${bot.url}`;
}
