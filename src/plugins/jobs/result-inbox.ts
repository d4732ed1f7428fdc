import { createHash, randomUUID } from 'node:crypto';
import type { PluginJobResult } from './plugin-job.js';
import type { Logger } from '../../gateway/logger.js';

/**
 * Finished job results waiting for their conversation's next turn (they are told to the model
 * once). Keyed by the owner-scoped conversation (see `conversationScope`).
 *
 * A turn leases them and they leave only when it settles as delivered: a turn that fails (the
 * upstream refuses it, the model is unknown, the caller leaves) puts them back for the next one.
 * While a lease is held, the conversation's other turns get none of its results, so two turns at
 * once do not both tell the same result; a lease not settled within `leaseSeconds` (its process
 * died) lapses, and the results are there again.
 */
export interface ResultInbox {
  add(scope: string, result: PluginJobResult): Promise<void>;
  /** The results waiting for the conversation, held for this turn; none while another turn holds them. */
  lease(scope: string): Promise<LeasedResults>;
  /** Ends a lease: the `delivered` jobs' results leave the inbox, the others wait for the next turn. */
  settle(scope: string, lease: string, delivered: readonly string[]): Promise<void>;
  /** Removes and returns every waiting result, leased or not: for results handed over another way. */
  take(scope: string): Promise<PluginJobResult[]>;
  close(): Promise<void>;
}

/** What a lease holds; `lease` is empty when it holds nothing, and settling it then does nothing. */
export interface LeasedResults {
  lease: string;
  results: PluginJobResult[];
}

export const noResults: LeasedResults = { lease: '', results: [] };

/** How long an unread result waits for its conversation's next turn, in memory as in Redis. */
export const unreadResultSeconds = 7 * 24 * 3600;

/**
 * How long a turn may hold its conversation's results before other turns get them too: longer
 * than a turn runs (a turn that outlasts it may share its results with a later one: told twice,
 * never lost), short enough that a process dying mid-turn holds them back only this long.
 */
export const leaseSeconds = 15 * 60;

/**
 * Conversations with unread results a process keeps for each owner (a gateway key). Conversation
 * ids come from callers; past this many, the owner's conversation that got a result longest ago
 * loses its unread ones, and no other owner's.
 */
export const conversationsPerOwner = 10_000;

export interface MemoryResultInboxOptions {
  /** `conversationsPerOwner` unless given. */
  conversationsPerOwner?: number;
  /** Told of results dropped to keep the bound. */
  logger?: Logger;
}

interface Unread {
  results: PluginJobResult[];
  expires: number;
  lease?: { id: string; until: number };
}

/** The inbox of a single gateway process: lost on restart, like its in-process jobs. */
export class MemoryResultInbox implements ResultInbox {
  /** Each owner's conversations, in the order they last got a result (a Map keeps insertion order). */
  private readonly owners = new Map<string, Map<string, Unread>>();
  private readonly bound: number;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly options: MemoryResultInboxOptions = {},
  ) {
    this.bound = Math.max(1, options.conversationsPerOwner ?? conversationsPerOwner);
  }

  async add(scope: string, result: PluginJobResult): Promise<void> {
    const owner = ownerOfScope(scope);
    const conversations = this.owners.get(owner) ?? new Map<string, Unread>();
    this.owners.set(owner, conversations);
    const kept = this.unread(scope);
    conversations.delete(scope);
    // Each result gives the conversation's results the whole wait again, as Redis's EXPIRE does.
    conversations.set(scope, { ...kept, results: [...(kept?.results ?? []), result], expires: this.now() + unreadResultSeconds * 1000 });
    if (conversations.size > this.bound) this.evictOldest(owner, conversations);
  }

  async lease(scope: string): Promise<LeasedResults> {
    const entry = this.unread(scope);
    const now = this.now();
    if (entry === undefined || entry.results.length === 0 || (entry.lease !== undefined && entry.lease.until > now)) return noResults;
    entry.lease = { id: randomUUID(), until: now + leaseSeconds * 1000 };
    return { lease: entry.lease.id, results: entry.results };
  }

  async settle(scope: string, lease: string, delivered: readonly string[]): Promise<void> {
    const entry = this.unread(scope);
    if (entry === undefined || lease === '') return;
    // A lapsed lease's results may have gone to a later turn too: delivered ones leave all the same.
    if (delivered.length > 0) entry.results = entry.results.filter((result) => !delivered.includes(result.job));
    if (entry.lease?.id === lease) delete entry.lease;
    if (entry.results.length === 0) this.forget(scope);
  }

  async take(scope: string): Promise<PluginJobResult[]> {
    const results = this.unread(scope)?.results ?? [];
    this.forget(scope);
    return results;
  }

  async close(): Promise<void> {}

  private unread(scope: string): Unread | undefined {
    const entry = this.owners.get(ownerOfScope(scope))?.get(scope);
    return entry !== undefined && entry.expires > this.now() ? entry : undefined;
  }

  private forget(scope: string): void {
    const owner = ownerOfScope(scope);
    const conversations = this.owners.get(owner);
    conversations?.delete(scope);
    if (conversations?.size === 0) this.owners.delete(owner);
  }

  private evictOldest(owner: string, conversations: Map<string, Unread>): void {
    const [scope, oldest] = conversations.entries().next().value as [string, Unread];
    conversations.delete(scope);
    if (oldest.expires <= this.now()) return;
    this.options.logger?.warn('unread plugin results dropped', {
      owner,
      conversation: scope.slice(owner.length + 1),
      results: oldest.results.length,
      reason: `the owner has more than ${this.bound} conversations with unread results`,
    });
  }
}

/**
 * A conversation as its owner's: with gateway keys, two keys using the same conversation id
 * never see each other's results or events. The owner is a gateway key's id, `-` for anonymous
 * callers, or a OneBot bot's (`onebotOwnerOf`).
 */
export function conversationScope(keyId: string | undefined, conversationId: string): string {
  return `${keyId ?? '-'}:${conversationId}`;
}

/** The owner part of a `conversationScope`: owners (`key_…`, `-`, `(onebot)…`) hold no colon, conversation ids may. */
function ownerOfScope(scope: string): string {
  const colon = scope.indexOf(':');
  return colon < 0 ? scope : scope.slice(0, colon);
}

/** Who a conversation belongs to: a gateway key, or the gateway's own OneBot bots. */
export interface ConversationOwner {
  id: string;
}

/**
 * The owner of a OneBot bot's chat conversations. A chat's conversation id (`onebot.` and a
 * hash of the account and chat) can be worked out by anyone who knows them, and an
 * implementation names the account (`self`) itself, so the id must not be what keeps outsiders
 * and other bots out: the owner is. Each configured bot has its own, `(onebot)` and a hash of its
 * identity (`botIdentity`: transport and url, the same after a restart and on every replica).
 * Key ids are `key_…` and an anonymous caller is `-`, so no HTTP, gRPC or WebSocket caller is
 * such an owner. It travels as the job's `keyId`, and every backend (in-process, Redis, the
 * `--workers` primary) scopes by `conversationScope`, so a chat's results, events and jobs stay
 * its bot's own on every replica.
 */
export function onebotOwnerOf(bot: string): ConversationOwner {
  return { id: `${onebotOwner.id}${createHash('sha256').update(bot).digest('hex').slice(0, 16)}` };
}

/** The owner of a bot runner given no bot (`pluginChatRunner` before `forBot`); the gateway's bots each run as `onebotOwnerOf` theirs. */
export const onebotOwner: ConversationOwner = { id: '(onebot)' };
