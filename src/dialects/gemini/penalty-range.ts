/**
 * Gemini's presence and frequency penalties have a range: "This maximum value for frequencyPenalty
 * is up to, but not including, 2.0. Its minimum value is -2.0." (Vertex AI, GenerationConfig,
 * https://cloud.google.com/vertex-ai/generative-ai/docs/reference/nodejs/latest/vertexai/generationconfig;
 * presencePenalty is documented alike). A caller whose dialect sets no bound (Ollama's
 * `options.presence_penalty`) may send more; the value is fitted into the range, with a warning,
 * rather than sent to be refused. The top is exclusive, so a value at or over 2 goes as 1.99.
 */
import type { Sampling } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import type { JsonObject } from './json-value.js';

const minPenalty = -2;
const maxPenaltySent = 1.99;

const penalties = [
  { key: 'presencePenalty', feature: 'presence_penalty' },
  { key: 'frequencyPenalty', feature: 'frequency_penalty' },
] as const;

/** Overwrites an out-of-range penalty in `config` (the emitted generationConfig) with the nearest value Gemini takes. */
export function fitPenalties(sampling: Sampling, config: JsonObject, warnings: Warning[]): void {
  for (const { key, feature } of penalties) {
    const value = sampling[key];
    if (value === undefined || (value >= minPenalty && value < 2)) continue;
    const fitted = value < minPenalty ? minPenalty : maxPenaltySent;
    config[key] = fitted;
    warnings.push({ type: 'compatibility', feature, message: `Gemini's ${key} ranges from -2.0 up to, not including, 2.0; ${value} was sent as ${fitted}.` });
  }
}
