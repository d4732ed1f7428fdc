/**
 * OpenAI's temperature lies "between 0 and 2" in Chat Completions, Responses and legacy Completions
 * alike (https://platform.openai.com/docs/api-reference/chat/create,
 * https://platform.openai.com/docs/api-reference/responses/create,
 * https://platform.openai.com/docs/api-reference/completions/create), and a value above is refused
 * ("decimal above maximum value"); some compatible services stop lower (openai-chat/quirks.ts).
 * Ollama's `options.temperature` has no upper bound, so a value from there above the upstream's
 * highest is sent as that highest, with a warning.
 */
import type { Warning } from '../../interlingua/warning.js';

/** OpenAI's own highest temperature. */
export const openaiTemperatureMax = 2;

export function fitTemperature(temperature: number, highest: number, warnings: Warning[]): number {
  if (temperature <= highest) return temperature;
  warnings.push({ type: 'compatibility', feature: 'temperature', message: `This upstream's temperature goes up to ${highest}; ${temperature} was sent as ${highest}.` });
  return highest;
}
