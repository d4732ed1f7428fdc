import type { MessageEvent } from '../wire-types.js';
import { peerId } from '../peer-id.js';

export interface AddressingRules {
  /** Texts that address the bot at the start of a message (`/ask`, `bot,`). */
  prefixes: string[];
}

/** Why a message is for the bot, or `undefined` when it is group talk the bot only listens to. */
export type Addressed = { by: 'private' | 'mention' | 'reply' | 'prefix'; prefix?: string } | undefined;

/**
 * Private messages are always for the bot. In groups and channels the bot answers only when
 * mentioned (a `mention` segment with its own user id), replied to (a `reply` segment quoting
 * one of its messages, https://12.onebot.dev/interface/message/segments/), or addressed by a
 * configured prefix; `mention_all` does not count, or every announcement would wake it.
 */
export function addressedBy(event: MessageEvent, botUserId: string, ownMessageIds: ReadonlySet<string>, rules: AddressingRules): Addressed {
  if (event.detail_type === 'private') return { by: 'private' };
  for (const segment of event.message) {
    if (segment.type === 'mention' && peerId(segment.data.user_id) === botUserId) return { by: 'mention' };
    if (segment.type === 'reply') {
      const quotedUser = peerId(segment.data.user_id);
      const quotedMessage = peerId(segment.data.message_id);
      if (quotedUser === botUserId || (quotedMessage !== undefined && ownMessageIds.has(quotedMessage))) return { by: 'reply' };
    }
  }
  const text = leadingText(event);
  const prefix = rules.prefixes.find((candidate) => candidate !== '' && text.startsWith(candidate));
  return prefix === undefined ? undefined : { by: 'prefix', prefix };
}

/** The message's text before any image or file, without the leading whitespace some platforms add after a reply. */
function leadingText(event: MessageEvent): string {
  let text = '';
  for (const segment of event.message) {
    if (segment.type === 'text') text += typeof segment.data.text === 'string' ? segment.data.text : '';
    else if (segment.type === 'reply' || segment.type === 'mention') continue;
    else break;
  }
  return text.trimStart();
}
