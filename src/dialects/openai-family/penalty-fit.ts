/**
 * `presence_penalty` and `frequency_penalty` are a "Number between -2.0 and 2.0"
 * (https://platform.openai.com/docs/api-reference/chat/create#chat-create-presence_penalty and
 * #chat-create-frequency_penalty; the same words for legacy Completions,
 * https://platform.openai.com/docs/api-reference/completions/create), and OpenAI refuses a value outside. Ollama takes any number
 * (its `options.presence_penalty`, `frequency_penalty`), so a value from there beyond the range is
 * sent as the nearest bound, with a warning, as a temperature beyond the upstream's is.
 */
import type { Warning } from '../../interlingua/warning.js';

const lowest = -2;
const highest = 2;

export function fitPenalty(feature: 'presence_penalty' | 'frequency_penalty', value: number, warnings: Warning[]): number {
  if (value >= lowest && value <= highest) return value;
  const fitted = value < lowest ? lowest : highest;
  warnings.push({ type: 'compatibility', feature, message: `This upstream's ${feature} goes from ${lowest} to ${highest}; ${value} was sent as ${fitted}.` });
  return fitted;
}
