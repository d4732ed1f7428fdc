import type { Usage } from '../interlingua/usage.js';
import type { ModelPrice, PriceRates } from './prices.js';

/**
 * What a request cost in US dollars. Input includes cached tokens (the interlingua's
 * convention), so cached and cache-written tokens are taken out of it and priced at their own
 * rates; reasoning tokens are part of the output. Undefined for a model without a price: its
 * cost is unknown, and is recorded and shown as "no price", never as $0.
 */
export function costOf(usage: Usage, price: ModelPrice | undefined): number | undefined {
  const input = usage.inputTokens ?? 0;
  // No tokens (a cache hit, a token count, a refusal) cost nothing, priced or not.
  if (input === 0 && (usage.outputTokens ?? 0) === 0) return 0;
  if (price === undefined) return undefined;
  const rates: PriceRates = price.longPrompt !== undefined && input > price.longPrompt.aboveTokens ? price.longPrompt : price;
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteTokens ?? 0;
  const writtenForAnHour = Math.min(written, usage.cacheWrite1hTokens ?? 0);
  const plainInput = Math.max(0, input - cached - written);
  const fiveMinuteWrite = rates.cacheWrite ?? rates.input;
  const dollars =
    plainInput * rates.input +
    cached * (rates.cachedInput ?? rates.input) +
    (written - writtenForAnHour) * fiveMinuteWrite +
    writtenForAnHour * (rates.cacheWrite1h ?? fiveMinuteWrite) +
    (usage.outputTokens ?? 0) * rates.output;
  return dollars / 1_000_000;
}
