import { z } from 'zod';
import type { UsageAttempt } from './usage-record.js';

/** A stored list of attempts, checked on the way in from the database or a spill file. */
export const usageAttemptsSchema = z.array(
  z.object({
    deployment: z.string().min(1),
    status: z.number().int(),
    errorCode: z.string().optional(),
    ms: z.number(),
  }),
);

/** The `attempts` column's JSON as attempts; text that is not a list of attempts reads as none. */
export function attemptsFromColumn(text: string | null): UsageAttempt[] | undefined {
  if (text === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = usageAttemptsSchema.safeParse(json);
  if (!parsed.success) return undefined;
  return parsed.data.map((attempt) => ({ deployment: attempt.deployment, status: attempt.status, ...(attempt.errorCode !== undefined ? { errorCode: attempt.errorCode } : {}), ms: attempt.ms }));
}

/**
 * Whose fault an attempt's failure was. The caller's: a 4xx other than 429 (a bad request, a
 * refused permission, an unknown model upstream). The upstream's: 429, any 5xx, a timeout or a
 * lost connection. A 499 is a caller who went away, neither.
 */
export type AttemptOutcome = 'ok' | 'caller-error' | 'upstream-failure' | 'cancelled';

export function attemptOutcome(status: number): AttemptOutcome {
  if (status < 400) return 'ok';
  if (status === 499) return 'cancelled';
  if (status === 429 || status >= 500) return 'upstream-failure';
  return 'caller-error';
}
