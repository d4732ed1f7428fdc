import type { Message } from '../../interlingua/message.js';
import { RecentMap } from '../../core/recent-map.js';

/**
 * Chats whose turns are kept. Every group and private chat that speaks to the bot is one; past
 * this many, the chat that spoke longest ago starts afresh.
 */
export const rememberedChats = 10_000;

/**
 * What all chats' turns may take together, counted as the length of their content's JSON (text,
 * and any image data a turn still holds). A peer's messages may each be as large as a frame
 * (`maxMessageBytes`, 16 MiB by default), so counts alone bounded nothing: past this, the chats
 * that spoke longest ago start afresh, and a chat larger on its own loses its oldest turns.
 */
export const rememberedBytes = 256 * 1024 * 1024;

/**
 * Each chat's recent turns, newest last, cut to a window of messages so a busy group does not
 * grow the prompt without end. The window never starts with an assistant turn, which some
 * upstreams refuse.
 */
export class ChatHistories {
  private readonly chats: RecentMap<string, Message[]>;
  /** Each kept chat's size, and their sum (`rememberedBytes`). */
  private readonly sizes = new Map<string, number>();
  private total = 0;
  private readonly messageSizes = new WeakMap<Message, number>();

  constructor(
    private readonly window: number,
    chats = rememberedChats,
    private readonly maxBytes = rememberedBytes,
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
    this.resized(chat);
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
    this.resized(chat);
  }

  /** Puts `replacement` where `message` (the same object) is in the chat's window; nothing if it has left it. */
  replace(chat: string, message: Message, replacement: Message): void {
    const messages = this.chats.get(chat);
    const index = messages?.indexOf(message) ?? -1;
    if (messages !== undefined && index !== -1) {
      messages[index] = replacement;
      this.resized(chat);
    }
  }

  /** Counts the chat's size again, then forgets what is past `maxBytes`: other chats, oldest first, then this chat's oldest turns. */
  private resized(chat: string): void {
    // Chats the map forgot on its own (past its count) no longer count.
    if (this.sizes.size > this.chats.size) {
      for (const [kept, size] of this.sizes) {
        if (this.chats.has(kept)) continue;
        this.sizes.delete(kept);
        this.total -= size;
      }
    }
    this.setSize(chat);
    if (this.total <= this.maxBytes) return;
    // A Map's iteration skips what is deleted meanwhile: no copy of the keys is needed.
    for (const oldest of this.chats.keys()) {
      if (this.total <= this.maxBytes) return;
      if (oldest === chat) continue;
      this.chats.delete(oldest);
      this.total -= this.sizes.get(oldest) ?? 0;
      this.sizes.delete(oldest);
    }
    const messages = this.chats.get(chat) ?? [];
    while (this.total > this.maxBytes && messages.length > 1) {
      messages.shift();
      while (messages[0]?.role === 'assistant' && messages.length > 1) messages.shift();
      this.setSize(chat);
    }
  }

  private setSize(chat: string): void {
    let size = 0;
    for (const message of this.chats.get(chat) ?? []) size += this.sizeOf(message);
    this.total += size - (this.sizes.get(chat) ?? 0);
    this.sizes.set(chat, size);
  }

  private sizeOf(message: Message): number {
    let size = this.messageSizes.get(message);
    if (size === undefined) {
      size = JSON.stringify(message.content).length;
      this.messageSizes.set(message, size);
    }
    return size;
  }
}
