import { InterlinguaError } from '../interlingua/error.js';
import { generateId } from '../core/ids.js';
import type { Store } from '../store/open-store.js';
import type { GatewayKeysTable } from '../store/tables.js';
import { writeRows } from '../store/row-write.js';
import { withinDeadline, type StoreDeadline } from '../store/store-deadline.js';
import { readAgainOnConnectionLoss, writeAgainOnConnectionLoss } from '../store/connection-loss-retry.js';
import { holdsNul } from '../store/nul-text.js';
import { generateKey } from './key-material.js';
import { pastChangedExpiry } from './time-text.js';
import type { BudgetPeriod, GatewayKey, KeySpec } from './gateway-key.js';

/**
 * Gateway keys in the store: created (the key is returned once), listed, found by hash, revoked.
 * In a gateway the admin API's calls keep its `deadline` (a lookup by hash keeps the
 * authenticator's own, which falls back on what it cached); writes on an SQLite file never hold
 * the event loop on another process's lock (row-write.ts).
 */
export class KeyRecords {
  private readonly changeListeners: KeyChangeListener[] = [];

  constructor(
    private readonly store: () => Promise<Store>,
    private readonly deadline?: StoreDeadline,
  ) {}

  /** Told of each key revoked or changed through these records, once the store holds the change. */
  onChange(listener: KeyChangeListener): void {
    this.changeListeners.push(listener);
  }

  private changed(hash: string, key: GatewayKey): void {
    for (const listener of this.changeListeners) listener(hash, key);
  }

  create(spec: KeySpec, now = Date.now()): Promise<{ key: string; record: GatewayKey }> {
    return withinDeadline(this.deadline, (signal) => this.insert(spec, now, signal));
  }

  private async insert(spec: KeySpec, now: number, signal: AbortSignal | undefined): Promise<{ key: string; record: GatewayKey }> {
    // Refused, not altered: the name is how the key is found and revoked later (nul-text.ts).
    if (holdsNul(spec.name)) throw new InterlinguaError('invalid_request', 'A key name cannot hold the character U+0000 (NUL).', { param: 'name' });
    const store = await this.store();
    const { db } = store;
    const material = generateKey();
    const row: GatewayKeysTable = {
      id: generateId('key_'),
      name: spec.name,
      hash: material.hash,
      prefix: material.prefix,
      models: spec.models === undefined ? null : JSON.stringify(spec.models),
      rpm: spec.rpm ?? null,
      tpm: spec.tpm ?? null,
      budget: spec.budget?.usd ?? null,
      budget_period: spec.budget?.period ?? null,
      expires_at: spec.expiresAt ?? null,
      metadata: JSON.stringify(spec.metadata ?? {}),
      created_at: now,
      revoked_at: null,
    };
    const taken = () => new InterlinguaError('invalid_request', `A key named "${spec.name}" exists already.`, { param: 'name' });
    const named = () => readAgainOnConnectionLoss(() => db.selectFrom('gateway_keys').select('id').where('name', '=', spec.name).executeTakeFirst());
    if ((await named()) !== undefined) throw taken();
    // The id and the key (so its hash) are chosen above, once: a try sent again on a connection
    // ended under the gateway (connection-loss-retry.ts) stores the same row, and the caller is
    // given the one key whichever try stored it. The insert skips a row that would break a UNIQUE
    // constraint rather than fail, so that such a second try is a no-op.
    const insert = db.insertInto('gateway_keys').values(row).onConflict((conflict) => conflict.doNothing());
    if ((await writeAgainOnConnectionLoss(() => writeRows(store, insert, signal), signal)) === 0) {
      // Nothing stored: an earlier try whose answer was lost stored this key, or another key holds
      // the name. Two creations of one name at once (two replicas, two admins) both pass the look
      // above, and the second is the same mistake as one made later, not a server error.
      const stored = await readAgainOnConnectionLoss(() => db.selectFrom('gateway_keys').select('hash').where('id', '=', row.id).executeTakeFirst());
      if (stored?.hash !== row.hash) {
        if ((await named()) !== undefined) throw taken();
        throw new Error(`The key ${row.id} was not stored: its id or hash is another key's.`);
      }
    }
    return { key: material.key, record: toKey(row) };
  }

  list(): Promise<GatewayKey[]> {
    return withinDeadline(this.deadline, () =>
      readAgainOnConnectionLoss(async () => {
        const { db } = await this.store();
        const rows = await db.selectFrom('gateway_keys').selectAll().orderBy('created_at').execute();
        return rows.map(toKey);
      }),
    );
  }

  async findByHash(hash: string): Promise<GatewayKey | undefined> {
    const row = await readAgainOnConnectionLoss(async () => {
      const { db } = await this.store();
      return db.selectFrom('gateway_keys').selectAll().where('hash', '=', hash).executeTakeFirst();
    });
    return row === undefined ? undefined : toKey(row);
  }

  /** Whether any key exists, revoked or not: with none, a gateway without `auth.required` stays open. */
  async any(): Promise<boolean> {
    const row = await readAgainOnConnectionLoss(async () => {
      const { db } = await this.store();
      return db.selectFrom('gateway_keys').select('id').limit(1).executeTakeFirst();
    });
    return row !== undefined;
  }

  /**
   * Revokes by id or name; the revoked key, or undefined when none matched. A string that is one
   * key's id and another's name means the key with that id (ids are what the console and the admin
   * API's answers give); with `ambiguous: 'refuse'` (`interlingua keys revoke`, where a person
   * types it) it throws an `AmbiguousKeyError` instead, and nothing is revoked.
   */
  revoke(idOrName: string, now = Date.now(), ambiguous: Ambiguity = 'id'): Promise<GatewayKey | undefined> {
    return withinDeadline(this.deadline, (signal) => this.setRevoked(idOrName, now, ambiguous, signal));
  }

  private async setRevoked(idOrName: string, now: number, ambiguous: Ambiguity, signal: AbortSignal | undefined): Promise<GatewayKey | undefined> {
    const store = await this.store();
    const { db } = store;
    const row = await namedRow(store, idOrName, ambiguous);
    if (row === undefined) return undefined;
    if (row.revoked_at === null) {
      // A set, the same sent twice: sent again on a connection ended under the gateway (connection-loss-retry.ts).
      const revoking = db.updateTable('gateway_keys').set({ revoked_at: now }).where('id', '=', row.id);
      await writeAgainOnConnectionLoss(() => writeRows(store, revoking, signal), signal);
      row.revoked_at = now;
      this.changed(row.hash, toKey(row));
    }
    return toKey(row);
  }

  /**
   * Changes a key's limits, by id or name: a field set to `null` is lifted, an absent one kept.
   * The updated key, or undefined when none matched.
   */
  update(idOrName: string, change: KeyLimitsChange, now = Date.now()): Promise<GatewayKey | undefined> {
    return withinDeadline(this.deadline, (signal) => this.setLimits(idOrName, change, now, signal));
  }

  private async setLimits(idOrName: string, change: KeyLimitsChange, now: number, signal: AbortSignal | undefined): Promise<GatewayKey | undefined> {
    const store = await this.store();
    const { db } = store;
    const row = await namedRow(store, idOrName, 'id');
    if (row === undefined) return undefined;
    // A new expiry lies ahead, as a new key's does (key-spec.ts): one in the past ended the key
    // without a word. The key's own expiry sent back unchanged is kept, passed or not: the
    // console's form sends every field it shows.
    if (typeof change.expiresAt === 'number' && change.expiresAt <= now && change.expiresAt !== (row.expires_at === null ? null : Number(row.expires_at))) {
      throw new InterlinguaError('invalid_request', pastChangedExpiry('expires', change.expiresAt), { param: 'expires' });
    }
    const set: Partial<GatewayKeysTable> = {};
    if (change.models !== undefined) set.models = change.models === null ? null : JSON.stringify(change.models);
    if (change.rpm !== undefined) set.rpm = change.rpm;
    if (change.tpm !== undefined) set.tpm = change.tpm;
    if (change.budget === null) {
      set.budget = null;
      set.budget_period = null;
    } else if (change.budget !== undefined) {
      // What the change leaves out keeps its value: a new amount keeps the period, a new period the amount.
      const usd = change.budget.usd ?? (row.budget === null ? undefined : Number(row.budget));
      if (usd === undefined) throw new InterlinguaError('invalid_request', 'budgetPeriod: the key has no budget; give the budget with its period.', { param: 'budgetPeriod' });
      set.budget = usd;
      set.budget_period = change.budget.period ?? (row.budget === null ? 'month' : (row.budget_period ?? 'total'));
    }
    if (change.expiresAt !== undefined) set.expires_at = change.expiresAt;
    const updated = toKey({ ...row, ...set });
    if (Object.keys(set).length > 0) {
      // Values set, none added to, all worked out before the first try: the same sent twice, so
      // sent again on a connection ended under the gateway (connection-loss-retry.ts).
      const changing = db.updateTable('gateway_keys').set(set).where('id', '=', row.id);
      await writeAgainOnConnectionLoss(() => writeRows(store, changing, signal), signal);
      this.changed(row.hash, updated);
    }
    return updated;
  }
}

/** What a string that is one key's id and another key's name means: the key with that id, or a refusal. */
export type Ambiguity = 'id' | 'refuse';

/** Refused by `revoke(…, 'refuse')`: the string is one key's id and another key's name. */
export class AmbiguousKeyError extends Error {
  constructor(
    readonly idOrName: string,
    readonly byId: GatewayKey,
    readonly byName: GatewayKey,
  ) {
    super(`"${idOrName}" is the id of the key named "${byId.name}" and the name of the key ${byName.id}`);
    this.name = 'AmbiguousKeyError';
  }
}

/**
 * The row a string names: the key whose id it is, else the key whose name it is. Both are looked
 * for at once, so that a key named like another key's id is told apart rather than whichever row
 * the database returned first being changed. Read again on a connection ended under the gateway
 * (connection-loss-retry.ts), as the write that follows is.
 */
async function namedRow(store: Store, idOrName: string, ambiguous: Ambiguity): Promise<GatewayKeysTable | undefined> {
  // No key's id or name holds a NUL, and PostgreSQL would refuse the query (nul-text.ts).
  if (holdsNul(idOrName)) return undefined;
  const rows = await readAgainOnConnectionLoss(() =>
    store.db
      .selectFrom('gateway_keys')
      .selectAll()
      .where((where) => where.or([where('id', '=', idOrName), where('name', '=', idOrName)]))
      .execute(),
  );
  const byId = rows.find((row) => row.id === idOrName);
  const byName = rows.find((row) => row.name === idOrName);
  if (ambiguous === 'refuse' && byId !== undefined && byName !== undefined && byId.id !== byName.id) throw new AmbiguousKeyError(idOrName, toKey(byId), toKey(byName));
  return byId ?? byName;
}

/** A key's record as the store now holds it, with the hash of its key (what lookups are by). */
export type KeyChangeListener = (hash: string, key: GatewayKey) => void;

/** New limits for a key: `null` lifts one. */
export interface KeyLimitsChange {
  models?: string[] | null;
  rpm?: number | null;
  tpm?: number | null;
  /** A part left out keeps the key's current one (a key with no budget gets a monthly one). */
  budget?: { usd?: number; period?: BudgetPeriod } | null;
  expiresAt?: number | null;
}

function toKey(row: GatewayKeysTable): GatewayKey {
  const key: GatewayKey = { id: row.id, name: row.name, prefix: row.prefix, metadata: JSON.parse(row.metadata) as Record<string, unknown>, createdAt: Number(row.created_at) };
  if (row.models !== null) key.models = JSON.parse(row.models) as string[];
  if (row.rpm !== null) key.rpm = row.rpm;
  if (row.tpm !== null) key.tpm = row.tpm;
  if (row.budget !== null) key.budget = { usd: Number(row.budget), period: (row.budget_period ?? 'total') as BudgetPeriod };
  if (row.expires_at !== null) key.expiresAt = Number(row.expires_at);
  if (row.revoked_at !== null) key.revokedAt = Number(row.revoked_at);
  return key;
}
