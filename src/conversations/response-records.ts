import type { Store } from '../store/open-store.js';
import { writeRows } from '../store/row-write.js';
import { withinDeadline, type StoreDeadline } from '../store/store-deadline.js';
import type { StoredResponse, StoredTurn } from './stored-turn.js';
import type { ResponseOwner } from './response-owner.js';
import { holdsNul, withoutNul } from '../store/nul-text.js';
import { readAgainOnConnectionLoss, writeAgainOnConnectionLoss } from '../store/connection-loss-retry.js';

/** Longest chain of `previous_response_id` links followed; a loop or a runaway chain stops here. */
export const maxChainLength = 1000;

/**
 * Stored Responses-API responses: written once, read by id or as the chain that leads to one.
 * Every read and delete names the owner asking; another owner's response is answered exactly as
 * a missing one, so callers cannot learn which ids exist. In a gateway each call is on a caller's
 * path and keeps its `deadline`; writes on an SQLite file never hold the event loop on another
 * process's lock (row-write.ts).
 */
export class ResponseRecords {
  constructor(
    private readonly store: () => Promise<Store>,
    private readonly deadline?: StoreDeadline,
  ) {}

  /** Throws a `StoreAwayError` while the database is known to be away: a turn to be stored is refused before its upstream is asked. */
  checkAvailable(): void {
    this.deadline?.check();
  }

  /**
   * Sent again on a connection ended under the gateway (connection-loss-retry.ts). The row's id is
   * chosen before the first try (`TurnRecorder`), so the insert skips a row already stored under
   * it, and then reads that row: the same turn is this one, stored by a try whose answer was lost;
   * another is refused, as a second turn under one id always was.
   */
  async save(response: StoredResponse): Promise<void> {
    await withinDeadline(this.deadline, async (signal) => {
      const store = await this.store();
      const row = {
        id: response.id,
        created_at: response.createdAt,
        // The model is the caller's own text (a `provider/model` it named may hold a NUL, nul-text.ts).
        model: withoutNul(response.model),
        previous_response_id: response.previousResponseId,
        turn: JSON.stringify(response.turn),
        body: JSON.stringify(response.body),
        owner: response.owner,
      };
      const insert = store.db
        .insertInto('responses')
        .values(row)
        .onConflict((conflict) => conflict.column('id').doNothing());
      if ((await writeAgainOnConnectionLoss(() => writeRows(store, insert, signal), signal)) > 0) return;
      const stored = await readAgainOnConnectionLoss(() => store.db.selectFrom('responses').selectAll().where('id', '=', row.id).executeTakeFirst());
      const same = stored !== undefined && Number(stored.created_at) === row.created_at && stored.owner === row.owner && stored.turn === row.turn && stored.body === row.body;
      if (!same) throw new Error(`A response with the id ${row.id} is stored already.`);
    });
  }

  async get(id: string, owner: ResponseOwner): Promise<StoredResponse | undefined> {
    // A caller's id holding a NUL names no stored response, and PostgreSQL would refuse the query (nul-text.ts).
    if (holdsNul(id)) return undefined;
    const row = await withinDeadline(this.deadline, () =>
      readAgainOnConnectionLoss(async () => {
        const { db } = await this.store();
        return db.selectFrom('responses').selectAll().where('id', '=', id).where('owner', '=', owner).executeTakeFirst();
      }),
    );
    if (row === undefined) return undefined;
    return {
      id: row.id,
      createdAt: Number(row.created_at),
      model: row.model,
      previousResponseId: row.previous_response_id,
      owner: row.owner,
      turn: JSON.parse(row.turn) as StoredTurn,
      body: JSON.parse(row.body) as unknown,
    };
  }

  /**
   * Whether the owner had such a response to delete. On PostgreSQL the delete is sent again on a
   * connection ended under the gateway (connection-loss-retry.ts). Deleting twice removes what
   * deleting once does, but the answer is another matter: a first try that committed before its
   * answer was lost leaves the second nothing to delete, and "not found" would be said of a
   * response this very call deleted. So the response is looked for first: one not there is not
   * found, without a write; one there and gone after a later try was deleted (by this call, or by
   * another at the same moment, whose caller hears the same). SQLite has no connection to lose,
   * and keeps its single statement.
   */
  async delete(id: string, owner: ResponseOwner): Promise<boolean> {
    if (holdsNul(id)) return false;
    return withinDeadline(this.deadline, async (signal) => {
      const store = await this.store();
      const deleting = store.db.deleteFrom('responses').where('id', '=', id).where('owner', '=', owner);
      if (store.kind === 'sqlite') return (await writeRows(store, deleting, signal)) > 0;
      const found = await readAgainOnConnectionLoss(() => store.db.selectFrom('responses').select('id').where('id', '=', id).where('owner', '=', owner).executeTakeFirst());
      if (found === undefined) return false;
      return writeAgainOnConnectionLoss(async (attempt) => (await writeRows(store, deleting, signal)) > 0 || attempt > 1, signal);
    });
  }

  /**
   * The turns that lead to `id`, oldest first; undefined when `id` itself is unknown. A link to
   * a response deleted since ends the chain there, as a conversation that began at that point;
   * so does a link to another owner's response (a chain is only ever built from one owner's).
   */
  async chain(id: string, owner: ResponseOwner): Promise<StoredTurn[] | undefined> {
    const turns: StoredTurn[] = [];
    const seen = new Set<string>();
    let next: string | null = id;
    while (next !== null && !seen.has(next) && turns.length < maxChainLength) {
      seen.add(next);
      const record = await this.get(next, owner);
      if (record === undefined) {
        if (next === id) return undefined;
        break;
      }
      turns.push(record.turn);
      next = record.previousResponseId;
    }
    return turns.reverse();
  }
}
