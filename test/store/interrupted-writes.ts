import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Store } from '../../src/store/open-store.js';
import { endConnectionsUnheard } from './end-connections.js';

/** The statements a plugin below acts on: the writes, not the reads around them. */
const writeKinds = new Set<OperationNode['kind']>(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode']);

/**
 * How the next write on a store is interrupted, once:
 * - `ended before`: every connection to the database is ended (as `endConnectionsUnheard` does)
 *   as the write is compiled, after any read before it, so the write is what meets the end;
 * - `answer lost`: the write commits, then its answer is lost as node-postgres loses it when
 *   the server or a pooler closes the socket before the answer is read ("Connection terminated
 *   unexpectedly"), and every connection is ended too. The server cannot be made to end a
 *   connection between a commit and its answer on demand, so this one is played.
 */
export type Interruption = 'ended before' | 'answer lost';

export interface InterruptedStore {
  /** The store, its writes watched. */
  store: Store;
  /** Interrupts the next write as `how`. */
  interruptNextWrite(how: Interruption): void;
  /** The writes sent since, the interrupted one counted. */
  writesSent(): number;
}

export function interruptedWrites(store: Store, databaseName: string): InterruptedStore {
  let next: Interruption | undefined;
  let losing: PluginTransformResultArgs['queryId'] | undefined;
  let sent = 0;
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      if (!writeKinds.has(args.node.kind)) return args.node;
      sent++;
      if (next === 'ended before') endConnectionsUnheard(databaseName);
      else if (next === 'answer lost') losing = args.queryId;
      next = undefined;
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      if (losing === undefined || args.queryId !== losing) return args.result;
      losing = undefined;
      endConnectionsUnheard(databaseName);
      throw new Error('Connection terminated unexpectedly');
    },
  };
  return {
    store: { ...store, db: store.db.withPlugin(plugin), close: () => store.close() },
    interruptNextWrite: (how) => {
      next = how;
      sent = 0;
    },
    writesSent: () => sent,
  };
}
