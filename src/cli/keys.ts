import { openStore } from '../store/open-store.js';
import { KeyRecords } from '../keys/key-records.js';
import { parseKeySpec } from '../keys/key-spec.js';
import type { GatewayKey } from '../keys/gateway-key.js';
import { loadStoreConfig } from './gateway-config.js';
import { parseCommandArgs, requireOption, UsageError } from './command-args.js';
import { didYouMean } from '../config/closest-word.js';
import { helpTexts, keyActions } from './help-texts.js';

/**
 * `interlingua keys create|list|revoke`: gateway keys in the configured store. Only the
 * configuration's `database` section is read: managing keys needs no provider or admin key.
 */
export async function runKeys(args: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h' || action === 'help') {
    out.write(helpTexts.keys);
    return action === undefined ? 1 : 0;
  }
  if (!(keyActions as readonly string[]).includes(action)) {
    throw new UsageError(`keys: unknown action "${action}"${didYouMean(action, keyActions)}; the actions are ${keyActions.join(', ')}`, 'keys');
  }
  const { values, positionals, help } = parseCommandArgs(
    `keys ${action}`,
    rest,
    {
      config: { type: 'string', short: 'c' },
      name: { type: 'string' },
      models: { type: 'string' },
      rpm: { type: 'string' },
      tpm: { type: 'string' },
      budget: { type: 'string' },
      'budget-period': { type: 'string' },
      expires: { type: 'string' },
      metadata: { type: 'string' },
      json: { type: 'boolean' },
    },
    action === 'revoke',
  );
  if (help) {
    out.write(helpTexts.keys);
    return 0;
  }
  const { config } = loadStoreConfig(values.config);
  if (config.database === undefined) throw new Error('no database configured');
  const store = await openStore(config.database);
  try {
    const records = new KeyRecords(async () => store);
    switch (action) {
      case 'create': {
        const spec = parseKeySpec({
          name: requireOption('keys create', 'name', values.name, 'ci-bot'),
          ...(values.models !== undefined ? { models: values.models.split(',').map((model) => model.trim()).filter((model) => model !== '') } : {}),
          ...(values.rpm !== undefined ? { rpm: number(values.rpm, '--rpm') } : {}),
          ...(values.tpm !== undefined ? { tpm: number(values.tpm, '--tpm') } : {}),
          ...(values.budget !== undefined ? { budget: number(values.budget, '--budget') } : {}),
          ...(values['budget-period'] !== undefined ? { budgetPeriod: values['budget-period'] } : {}),
          ...(values.expires !== undefined ? { expires: values.expires } : {}),
          ...(values.metadata !== undefined ? { metadata: json(values.metadata, '--metadata') } : {}),
        });
        const { key, record } = await records.create(spec);
        out.write(`${describe(record)}\n${key}\n`);
        return 0;
      }
      case 'list': {
        const keys = await records.list();
        if (values.json === true) for (const key of keys) out.write(`${JSON.stringify(key)}\n`);
        else if (keys.length === 0) out.write('no keys\n');
        else for (const key of keys) out.write(`${describe(key)}\n`);
        return 0;
      }
      case 'revoke': {
        const target = positionals[0] ?? values.name;
        if (target === undefined) throw new UsageError('keys revoke: name the key to revoke, by its name or id, as in: interlingua keys revoke ci-bot', 'keys revoke');
        const revoked = await records.revoke(target);
        if (revoked === undefined) throw new Error(`keys revoke: no key has the name or id "${target}"`);
        out.write(`revoked ${describe(revoked)}\n`);
        return 0;
      }
      default:
        throw new UsageError(`keys: unknown action "${action}"`, 'keys');
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

function number(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`keys create: ${flag} is a number, not "${text}"`, 'keys create');
  return value;
}

function json(text: string, flag: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`keys create: ${flag} is not valid JSON (write it in single quotes: --metadata '{"team":"search"}')`, 'keys create');
  }
}
