import { z } from 'zod';

/**
 * A token count as an upstream reports it: a whole number from 0 to 2^53 − 1. Past that a count
 * means nothing, and 1e308 made its cost Infinity, which the metrics' counters refuse by throwing
 * from a timer: the process ended after the caller had its answer. A count that is no such
 * number reads as absent, as other odd fields of an answer do.
 */
export const tokenCountSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullish().catch(undefined);
