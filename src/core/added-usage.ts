import type { Usage } from '../interlingua/usage.js';

/** Usage of several model calls as one answer's: counts add up; the vendor's raw object only fits one call. */
export function addUsage(total: Usage, next: Usage): Usage {
  const sum: Usage = {};
  const keys = ['inputTokens', 'outputTokens', 'totalTokens', 'cachedInputTokens', 'cacheWriteTokens', 'cacheWrite1hTokens', 'reasoningTokens'] as const;
  for (const key of keys) {
    const a = total[key];
    const b = next[key];
    if (a !== undefined || b !== undefined) sum[key] = (a ?? 0) + (b ?? 0);
  }
  return sum;
}
