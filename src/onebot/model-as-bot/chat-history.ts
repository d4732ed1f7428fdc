import type { Message } from '../../interlingua/message.js';
import { RecentMap } from '../../core/recent-map.js';

/**
 * Chats whose turns are kept. Every group and private chat that speaks to the bot is one; past
 * this many, the chat that spoke longest ago starts afresh.
 */
export const rememberedChats = 10_000;

/**
 * Each chat's recent turns, newest last, cut to a window of messages so a busy group does not
 * grow the prompt without end. The window never starts with an assistant turn, which some
 * upstreams refuse.
 */
export class ChatHistories {
  private readonly chats: RecentMap<string, Message[]>;

  constructor(
    private readonly window: number,
    chats = rememberedChats,
  ) {
    this.chats = new RecentMap(chats);
  }

  get(chat: string): Message[] {
    return [...(this.chats.get(chat) ?? [])];
  }

  append(chat: string, message: Message): void {
    const messages = this.chats.get(chat) ?? [];
    messages.push(message);
    while (messages.length > this.window || (messages.length > 0 && messages[0]?.role === 'assistant')) messages.shift();
    this.chats.set(chat, messages);
  }

  /**
   * Puts a turn's answer right after `asked`, the last message the turn's model saw, when messages
   * came in while it answered: they follow the answer, so the next turn's history ends with what
   * the people wrote (an upstream reads an assistant message last as a reply to continue). Appended
   * when `asked` has left the window.
   */
  answerAfter(chat: string, asked: Message | undefined, answer: Message): void {
    const messages = this.chats.get(chat);
    const index = asked === undefined || messages === undefined ? -1 : messages.indexOf(asked);
    if (messages === undefined || index === -1 || index === messages.length - 1) {
      this.append(chat, answer);
      return;
    }
    messages.splice(index + 1, 0, answer);
    while (messages.length > this.window || messages[0]?.role === 'assistant') messages.shift();
  }

  /** Puts `replacement` where `message` (the same object) is in the chat's window; nothing if it has left it. */
  replace(chat: string, message: Message, replacement: Message): void {
    const messages = this.chats.get(chat);
    const index = messages?.indexOf(message) ?? -1;
    if (messages !== undefined && index !== -1) messages[index] = replacement;
  }
}
