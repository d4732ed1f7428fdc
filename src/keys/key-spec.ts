import { z } from 'zod';
import { budgetPeriods, type KeySpec } from './gateway-key.js';
import { epochMilliseconds, parseMoment, pastExpiry } from './time-text.js';

/**
 * Control characters (newlines, tabs, the ESC of terminal escape sequences, C1 controls) and
 * Unicode's line and paragraph separators: a name is printed as it is by `keys list`, `usage` and
 * logs, where these would break lines or restyle the terminal.
 */
const controlCharacters = /[\p{Cc}\p{Zl}\p{Zp}]/u;

/** A new key as the admin API takes it (JSON) — the same fields as `interlingua keys create`. */
const keySpecSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(200)
      .refine((name) => !controlCharacters.test(name), 'may not contain control characters (a line break, tab or terminal escape)'),
    models: z.array(z.string().min(1)).min(1).optional(),
    rpm: z.number().int().positive().optional(),
    tpm: z.number().int().positive().optional(),
    budget: z.number().positive().optional(),
    budgetPeriod: z.enum(budgetPeriods).optional(),
    /** An ISO date or time, epoch milliseconds, or a span from now (`30d`). */
    expires: z.union([z.string().min(1), z.number().int().positive()]).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type KeySpecInput = z.input<typeof keySpecSchema>;

/** Validates a key's fields; errors name the field. */
export function parseKeySpec(input: unknown, now = Date.now()): KeySpec {
  const parsed = keySpecSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') || 'key'}: ${issue?.message ?? 'invalid'}`);
  }
  const fields = parsed.data;
  const spec: KeySpec = { name: fields.name };
  if (fields.models !== undefined) spec.models = fields.models;
  if (fields.rpm !== undefined) spec.rpm = fields.rpm;
  if (fields.tpm !== undefined) spec.tpm = fields.tpm;
  if (fields.budget !== undefined) spec.budget = { usd: fields.budget, period: fields.budgetPeriod ?? 'month' };
  else if (fields.budgetPeriod !== undefined) throw new Error('budgetPeriod: a budget period needs a budget');
  if (fields.expires !== undefined) {
    spec.expiresAt = expiryMoment(fields.expires, now);
    // A key that would be refused from its first request is a typo in the date, not a wish.
    if (spec.expiresAt <= now) throw new Error(pastExpiry('expires', spec.expiresAt));
  }
  if (fields.metadata !== undefined) spec.metadata = fields.metadata;
  return spec;
}


/**
 * The moment an `expires` field names, for a new key and a changed one alike: text as `parseMoment`
 * reads it, or a number that is epoch milliseconds (13 digits). Whether it lies ahead is the caller's
 * rule (a changed key may keep an expiry that has passed).
 */
export function expiryMoment(expires: string | number, now: number): number {
  return typeof expires === 'number' ? epochMilliseconds(expires, 'expires') : parseMoment(expires, now, 1, 'expires');
}
