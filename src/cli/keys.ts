import type { Writable } from 'node:stream';
import { AmbiguousKeyError, KeyRecords } from '../keys/key-records.js';
import { parseKeySpec } from '../keys/key-spec.js';
import type { GatewayKey } from '../keys/gateway-key.js';
import { loadStoreConfig } from './gateway-config.js';
import { openCommandStore } from './command-store.js';
import { parseKeysArgs, type KeysCommand } from './keys-args.js';
import { noticeRedis, publishKeyChange } from './key-change-notice.js';
import { PipedOutput } from './piped-output.js';

/** `interlingua keys ACTION [options]`: its arguments, then `manageKeys`. */
export async function runKeys(args: string[], out: Writable = process.stdout, errors: NodeJS.WritableStream = process.stderr): Promise<number> {
  return manageKeys(parseKeysArgs(args), out, errors);
}

/**
 * `interlingua keys create|list|revoke`: gateway keys in the configured store. Only the
 * configuration's `database` section is read (and, by `revoke`, its `redis` section): managing
 * keys needs no provider or admin key. Only `create` makes the database when it is not there;
 * `list` and `revoke` say it is missing. With a `redis` section, `revoke` also tells running
 * gateways on it, as the admin API does, so they refuse the key at once. A reader that stops
 * early (`keys list | head -1`) ends the output quietly, as for `usage`.
 */
export async function manageKeys(command: KeysCommand, out: Writable = process.stdout, errors: NodeJS.WritableStream = process.stderr): Promise<number> {
  const output = new PipedOutput(out);
  const loaded = loadStoreConfig(command.config);
  const store = await openCommandStore(loaded, command.action === 'create' ? 'write' : 'read');
  try {
    const records = new KeyRecords(async () => store);
    switch (command.action) {
      case 'create': {
        const { key, record } = await records.create(parseKeySpec(command.spec));
        await output.write(`${describe(record)}\n${key}\n`);
        return 0;
      }
      case 'list': {
        const keys = await records.list();
        if (keys.length === 0 && !command.json) await output.write('no keys\n');
        for (const key of keys) if (!(await output.write(`${command.json ? JSON.stringify(key) : describe(key)}\n`))) break;
        return 0;
      }
      case 'revoke': {
        const changes: Array<{ hash: string; key: GatewayKey }> = [];
        records.onChange((hash, key) => changes.push({ hash, key }));
        const revoked = await revokeOne(records, command.target);
        if (revoked === undefined) throw new Error(`keys revoke: no key has the name or id "${command.target}"; "interlingua keys list" shows them`);
        await output.write(`revoked ${describe(revoked)}\n`);
        const warn = (message: string) => errors.write(`interlingua: keys revoke: ${message}\n`);
        const redis = changes.length === 0 ? undefined : noticeRedis(loaded, warn);
        // The database holds the revocation already: a gateway that does not hear of it here finds it when its cached lookup runs out.
        if (redis !== undefined) {
          for (const change of changes) {
            await publishKeyChange(redis, change.hash, change.key).catch((error: unknown) =>
              warn(`running gateways could not be told at once (Redis: ${(error as Error).message}); they refuse the key within 5 seconds`),
            );
          }
        }
        return 0;
      }
      default: {
        const unhandled: never = command;
        throw new Error(`keys: unhandled action ${JSON.stringify(unhandled)}`);
      }
    }
  } finally {
    await store.close();
  }
}

/**
 * Revokes the key a person named: a string that is one key's id and another key's name is refused,
 * naming both and how to name each alone (the id-holder by its name, the other by its id).
 */
async function revokeOne(records: KeyRecords, target: string): Promise<GatewayKey | undefined> {
  try {
    return await records.revoke(target, Date.now(), 'refuse');
  } catch (error) {
    if (!(error instanceof AmbiguousKeyError)) throw error;
    const { byId, byName } = error;
    throw new Error(
      `keys revoke: "${target}" is both the id of the key "${byId.name}" and the name of the key ${byName.id}; nothing was revoked. ` +
        `Name the one you mean: interlingua keys revoke "${byId.name}" (by its name), or interlingua keys revoke ${byName.id} (by its id)`,
      { cause: error },
    );
  }
}

/** One line per key: what it is and what it may do; never the key itself (only its prefix). */
function describe(key: GatewayKey): string {
  const parts = [`${key.name} (${key.id}, ${key.prefix}…)`];
  parts.push(key.models === undefined ? 'all models' : `models ${key.models.join(',')}`);
  if (key.rpm !== undefined) parts.push(`${key.rpm} rpm`);
  if (key.tpm !== undefined) parts.push(`${key.tpm} tpm`);
  if (key.budget !== undefined) parts.push(`budget $${key.budget.usd}/${key.budget.period}`);
  parts.push(`created ${moment(key.createdAt)}`);
  if (key.expiresAt !== undefined) parts.push(`${key.expiresAt <= Date.now() ? 'expired' : 'expires'} ${moment(key.expiresAt)}`);
  if (key.revokedAt !== undefined) parts.push(`revoked ${moment(key.revokedAt)}`);
  return parts.join(', ');
}

/** A moment to the minute, in UTC, saying so; one past any Date (stored by an older version) as its number, so the rest still lists. */
function moment(epochMs: number): string {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return `${epochMs} ms after 1970 (past any date)`;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
