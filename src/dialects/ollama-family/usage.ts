/**
 * Usage in Ollama's shape: `prompt_eval_count` input tokens, `eval_count` output tokens, and four
 * timings in nanoseconds (docs/api.md "Response": "All durations are returned in nanoseconds").
 * The wire values are kept as `raw` under the `ollama` name whichever Ollama API answered (both
 * report the same server's counts), so an Ollama caller of an Ollama upstream gets the real
 * timings back, from chat to generate and back; answers from other vendors have none and report
 * the gateway's own measurements instead (measured-durations.ts), or 0 where it has none.
 */
import type { Usage } from '../../interlingua/usage.js';
import { isJsonObject } from './json-value.js';
import type { MeasuredDurations } from './measured-durations.js';
import { ollamaVendorName } from './vendor-slice.js';
import type { WireMetrics } from './wire-schema.js';
import type { WireMetricsOut } from './wire-types.js';

const metricKeys = ['total_duration', 'load_duration', 'prompt_eval_count', 'prompt_eval_duration', 'eval_count', 'eval_duration'] as const;
const durationKeys = ['total_duration', 'load_duration', 'prompt_eval_duration', 'eval_duration'] as const;

export function parseUsage(wire: WireMetrics): Usage {
  const raw: Record<string, number> = {};
  for (const key of metricKeys) {
    const value = wire[key];
    if (typeof value === 'number') raw[key] = value;
  }
  const usage: Usage = { raw: { dialect: ollamaVendorName, value: raw } };
  if (raw['prompt_eval_count'] !== undefined) usage.inputTokens = raw['prompt_eval_count'];
  if (raw['eval_count'] !== undefined) usage.outputTokens = raw['eval_count'];
  if (usage.inputTokens !== undefined && usage.outputTokens !== undefined) usage.totalTokens = usage.inputTokens + usage.outputTokens;
  return usage;
}

/**
 * Every field a number, as Ollama clients expect; counts from the interlingua, timings from `raw`
 * when Ollama gave them, else from what the gateway `measured`, else 0.
 */
export function emitMetrics(usage: Usage, measured?: MeasuredDurations): WireMetricsOut {
  const raw = usage.raw?.dialect === ollamaVendorName && isJsonObject(usage.raw.value) ? usage.raw.value : {};
  const duration = (key: (typeof durationKeys)[number]) => {
    const value = raw[key];
    if (typeof value === 'number') return value;
    return key === 'load_duration' ? 0 : (measured?.[key] ?? 0);
  };
  return {
    total_duration: duration('total_duration'),
    load_duration: duration('load_duration'),
    prompt_eval_count: usage.inputTokens ?? 0,
    prompt_eval_duration: duration('prompt_eval_duration'),
    eval_count: usage.outputTokens ?? 0,
    eval_duration: duration('eval_duration'),
  };
}
