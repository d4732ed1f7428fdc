import { MissingDatabaseError, openStore, type Store } from '../store/open-store.js';
import type { CommandConfig } from './gateway-config.js';

/**
 * The store a command works on. A command that only reads (`keys list`, `keys revoke`, `usage`)
 * opens an SQLite file that is there and no other: a mistyped path, or a command run from another
 * folder than the gateway's, would otherwise make an empty database and report "no keys". It
 * says which file it looked for and where that location came from. Commands that write
 * (`serve`, `keys create`) create the file and its folders as before.
 */
export async function openCommandStore(loaded: CommandConfig, use: 'read' | 'write'): Promise<Store> {
  const { database } = loaded.config;
  if (database === undefined) throw new Error('no database configured');
  try {
    return await openStore(database, undefined, { existingOnly: use === 'read' });
  } catch (error) {
    if (!(error instanceof MissingDatabaseError)) throw error;
    throw new Error(`no database at ${error.path} (${loaded.databaseOrigin}); "interlingua serve" or "interlingua keys create" makes one there`, { cause: error });
  }
}
