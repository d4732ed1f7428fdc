import { KeyRecords } from '../keys/key-records.js';
import { parseKeySpec } from '../keys/key-spec.js';
import type { GatewayKey } from '../keys/gateway-key.js';
import { loadStoreConfig } from './gateway-config.js';
import { openCommandStore } from './command-store.js';
import { parseKeysArgs, type KeysCommand } from './keys-args.js';

/** `interlingua keys ACTION [options]`: its arguments, then `manageKeys`. */
export async function runKeys(args: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  return manageKeys(parseKeysArgs(args), out);
}

/**
 * `interlingua keys create|list|revoke`: gateway keys in the configured store. Only the
 * configuration's `database` section is read: managing keys needs no provider or admin key.
 * Only `create` makes the database when it is not there; `list` and `revoke` say it is missing.
 */
export async function manageKeys(command: KeysCommand, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const store = await openCommandStore(loadStoreConfig(command.config), command.action === 'create' ? 'write' : 'read');
  try {
    const records = new KeyRecords(async () => store);
    switch (command.action) {
      case 'create': {
        const { key, record } = await records.create(parseKeySpec(command.spec));
        out.write(`${describe(record)}\n${key}\n`);
        return 0;
      }
      case 'list': {
        const keys = await records.list();
        if (command.json) for (const key of keys) out.write(`${JSON.stringify(key)}\n`);
        else if (keys.length === 0) out.write('no keys\n');
        else for (const key of keys) out.write(`${describe(key)}\n`);
        return 0;
      }
      case 'revoke': {
        const revoked = await records.revoke(command.target);
        if (revoked === undefined) throw new Error(`keys revoke: no key has the name or id "${command.target}"; "interlingua keys list" shows them`);
        out.write(`revoked ${describe(revoked)}\n`);
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

/** A moment to the minute, in UTC, saying so. */
function moment(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
