import { parseMoment } from '../keys/time-text.js';
import type { UsageFilter } from '../usage/usage-query.js';
import { parseCommandArgs, UsageError, type OptionSpec } from './command-args.js';

const defaultLimit = 50;

/** `usage`'s options, checked before the store (and its database drivers) is loaded. */
export interface UsageOptions {
  config?: string;
  filter: UsageFilter;
  /** How many of the newest records the table shows; 0 for all. */
  limit: number;
  json: boolean;
}

/** What `usage` takes; its help (help-texts.ts) describes each. */
export const usageOptions = {
  config: { type: 'string', short: 'c' },
  key: { type: 'string' },
  model: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies OptionSpec;

/** `interlingua usage [options]` read into `UsageOptions`, or a UsageError that says what is wrong. */
export function parseUsageArgs(args: string[], now = Date.now()): UsageOptions {
  const { values } = parseCommandArgs('usage', args, usageOptions);
  const filter: UsageFilter = {};
  if (values.key !== undefined) filter.keyName = values.key;
  if (values.model !== undefined) filter.model = values.model;
  if (values.since !== undefined) filter.since = moment(values.since, now, '--since');
  if (values.until !== undefined) filter.until = moment(values.until, now, '--until');
  // `--since` is inclusive and `--until` exclusive (usage-query.ts): from a moment not before the
  // end, nothing can match, and "no requests recorded" would read as a fact about the store.
  if (filter.since !== undefined && filter.until !== undefined && filter.since >= filter.until) {
    throw new UsageError(`usage: --since (${values.since}, ${isoTime(filter.since)}) must be before --until (${values.until}, ${isoTime(filter.until)})`, 'usage');
  }
  return {
    ...(values.config !== undefined ? { config: values.config } : {}),
    filter,
    limit: values.limit === undefined ? defaultLimit : parseLimit(values.limit),
    json: values.json === true,
  };
}

/** A moment as the table prints it, in UTC, to show what each flag was read as. */
function isoTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function parseLimit(text: string): number {
  const limit = Number(text);
  if (text.trim() === '' || !Number.isInteger(limit) || limit < 0) throw new UsageError(`usage: --limit is a whole number (0 for all), not "${text}"`, 'usage');
  return limit;
}

/** A moment back from now (`24h`) or a date, or a UsageError in the command's words. */
function moment(text: string, now: number, flag: string): number {
  try {
    return parseMoment(text, now, -1, flag);
  } catch (error) {
    throw new UsageError(`usage: ${(error as Error).message}`, 'usage');
  }
}
