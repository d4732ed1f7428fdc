import { budgetPeriods } from '../keys/gateway-key.js';
import type { KeySpecInput } from '../keys/key-spec.js';
import { parseMoment, pastExpiry } from '../keys/time-text.js';
import { didYouMean } from '../config/closest-word.js';
import { parseCommandArgs, requireOption, UsageError, type OptionSpec } from './command-args.js';
import { keyActions } from './help-texts.js';

/** One `keys` action with its options checked, before the store (and its database drivers) is loaded. */
export type KeysCommand =
  | { action: 'create'; config?: string; spec: KeySpecInput }
  | { action: 'list'; config?: string; json: boolean }
  | { action: 'revoke'; config?: string; target: string };

const configOption = { config: { type: 'string', short: 'c' } } as const satisfies OptionSpec;

/** Each action takes only its own options, so `keys list --rpm 5` is a mistake said, not ignored; the help describes each. */
export const keysOptions = {
  create: {
    ...configOption,
    name: { type: 'string' },
    models: { type: 'string' },
    rpm: { type: 'string' },
    tpm: { type: 'string' },
    budget: { type: 'string' },
    'budget-period': { type: 'string' },
    expires: { type: 'string' },
    metadata: { type: 'string' },
  },
  list: { ...configOption, json: { type: 'boolean' } },
  revoke: { ...configOption, name: { type: 'string' } },
} as const satisfies Record<(typeof keyActions)[number], OptionSpec>;

/** `interlingua keys ACTION [options]` read into a `KeysCommand`, or a UsageError that says what is wrong. */
export function parseKeysArgs(args: string[], now = Date.now()): KeysCommand {
  const [action, ...rest] = args;
  if (action === undefined) throw new UsageError(`keys: name an action: ${keyActions.join(', ')}`, 'keys');
  switch (action) {
    case 'create': {
      const { values } = parseCommandArgs('keys create', rest, keysOptions.create);
      const spec: KeySpecInput = { name: requireOption('keys create', 'name', values.name, 'ci-bot') };
      if (spec.name.length > 200) throw new UsageError('keys create: --name is at most 200 characters', 'keys create');
      if (values.models !== undefined) spec.models = modelList(values.models);
      if (values.rpm !== undefined) spec.rpm = wholeNumber(values.rpm, '--rpm', 'requests a minute');
      if (values.tpm !== undefined) spec.tpm = wholeNumber(values.tpm, '--tpm', 'tokens a minute');
      if (values.budget !== undefined) spec.budget = dollars(values.budget);
      if (values['budget-period'] !== undefined) spec.budgetPeriod = budgetPeriod(values['budget-period'], spec.budget !== undefined);
      if (values.expires !== undefined) spec.expires = expiry(values.expires, now);
      if (values.metadata !== undefined) spec.metadata = metadata(values.metadata);
      return { action, ...config(values.config), spec };
    }
    case 'list': {
      const { values } = parseCommandArgs('keys list', rest, keysOptions.list);
      return { action, ...config(values.config), json: values.json === true };
    }
    case 'revoke': {
      const { values, positionals } = parseCommandArgs('keys revoke', rest, keysOptions.revoke, true);
      if (positionals.length > 1) throw new UsageError(`keys revoke: one key at a time, not ${positionals.length}`, 'keys revoke');
      const target = positionals[0] ?? values.name;
      if (target === undefined || target.trim() === '') throw new UsageError('keys revoke: name the key to revoke, by its name or id, as in: interlingua keys revoke ci-bot', 'keys revoke');
      return { action, ...config(values.config), target };
    }
    default:
      throw new UsageError(`keys: unknown action "${action}"${didYouMean(action, keyActions)}; the actions are ${keyActions.join(', ')}`, 'keys');
  }
}

function config(path: string | undefined): { config?: string } {
  return path === undefined ? {} : { config: path };
}

function modelList(text: string): string[] {
  const models = text.split(',').map((model) => model.trim()).filter((model) => model !== '');
  if (models.length === 0) throw new UsageError('keys create: --models names at least one model or pattern, as in --models gpt-4o,claude-*', 'keys create');
  return models;
}

function wholeNumber(text: string, flag: string, unit: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 1) throw new UsageError(`keys create: ${flag} is a whole number of ${unit}, 1 or more, not "${text}"`, 'keys create');
  return value;
}

function dollars(text: string): number {
  const value = Number(text.replace(/^\$/, ''));
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`keys create: --budget is an amount of US dollars above 0, as in --budget 25, not "${text}"`, 'keys create');
  return value;
}

function budgetPeriod(text: string, hasBudget: boolean): (typeof budgetPeriods)[number] {
  const period = budgetPeriods.find((name) => name === text);
  if (period === undefined) throw new UsageError(`keys create: --budget-period is one of ${budgetPeriods.join(', ')}, not "${text}"${didYouMean(text, budgetPeriods)}`, 'keys create');
  if (!hasBudget) throw new UsageError('keys create: --budget-period needs a --budget to apply to, as in --budget 25 --budget-period week', 'keys create');
  return period;
}

/** Checked here for the message; the key's record reads it again (key-spec.ts), with the same rule. */
function expiry(text: string, now: number): string {
  let expiresAt: number;
  try {
    expiresAt = parseMoment(text, now, 1, '--expires');
  } catch (error) {
    throw new UsageError(`keys create: ${(error as Error).message}`, 'keys create');
  }
  if (expiresAt <= now) throw new UsageError(`keys create: ${pastExpiry('--expires', expiresAt)}`, 'keys create');
  return text;
}

function metadata(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`keys create: --metadata is not valid JSON (write it in single quotes: --metadata '{"team":"search"}')`, 'keys create');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`keys create: --metadata is a JSON object, as in --metadata '{"team":"search"}'`, 'keys create');
  return value as Record<string, unknown>;
}
