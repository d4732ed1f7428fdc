import type { PluginJobResult } from './plugin-job.js';
import { RecentMap } from '../../core/recent-map.js';

/**
 * Finished job results waiting for their conversation's next turn, which takes them (they are
 * told to the model once). Keyed by the owner-scoped conversation (see `conversationScope`).
 */
export interface ResultInbox {
  add(scope: string, result: PluginJobResult): Promise<void>;
  take(scope: string): Promise<PluginJobResult[]>;
  close(): Promise<void>;
}

/** How long an unread result waits for its conversation's next turn, in memory as in Redis. */
export const unreadResultSeconds = 7 * 24 * 3600;

/**
 * Conversations whose unread results a process keeps. Conversation ids come from callers; past
 * this many, the conversation that got a result longest ago loses its unread ones.
 */
const rememberedConversations = 10_000;

/** The inbox of a single gateway process: lost on restart, like its in-process jobs. */
export class MemoryResultInbox implements ResultInbox {
  private readonly waiting = new RecentMap<string, { results: PluginJobResult[]; expires: number }>(rememberedConversations);

  constructor(private readonly now: () => number = Date.now) {}

  async add(scope: string, result: PluginJobResult): Promise<void> {
    const results = this.unread(scope);
    results.push(result);
    // Each result gives the conversation's results the whole wait again, as Redis's EXPIRE does.
    this.waiting.set(scope, { results, expires: this.now() + unreadResultSeconds * 1000 });
  }

  async take(scope: string): Promise<PluginJobResult[]> {
    const results = this.unread(scope);
    this.waiting.delete(scope);
    return results;
  }

  async close(): Promise<void> {}

  private unread(scope: string): PluginJobResult[] {
    const entry = this.waiting.get(scope);
    return entry !== undefined && entry.expires > this.now() ? entry.results : [];
  }
}

/**
 * A conversation as its owner's: with gateway keys, two keys using the same conversation id
 * never see each other's results or events. The owner is a gateway key's id, `-` for anonymous
 * callers, or `onebotOwner`'s.
 */
export function conversationScope(keyId: string | undefined, conversationId: string): string {
  return `${keyId ?? '-'}:${conversationId}`;
}

/** Who a conversation belongs to: a gateway key, or the gateway's own OneBot bots. */
export interface ConversationOwner {
  id: string;
}

/**
 * The owner of the OneBot bots' chat conversations. A chat's conversation id (`onebot.` and a
 * hash of the bot and chat) can be worked out by anyone who knows them, so it must not be what
 * keeps outsiders out: the owner is. Key ids are `key_…` and an anonymous caller is `-`, so no
 * HTTP, gRPC or WebSocket caller is this owner. It travels as the job's `keyId`, and every
 * backend (in-process, Redis, the `--workers` primary) scopes by `conversationScope`, so a
 * chat's results, events and jobs stay the bots' own on every replica.
 */
export const onebotOwner: ConversationOwner = { id: '(onebot)' };
