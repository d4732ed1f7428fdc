/**
 * The caller's ask for token log probabilities (`ChatRequest.logprobs`) as each target bounds it.
 * Every vendor that takes the ask refuses a count of alternatives outside its range rather than
 * clamping it (OpenAI Chat and Responses `top_logprobs` "an integer between 0 and 20",
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-top_logprobs; Ollama 400
 * "top_logprobs must be between 0 and 20", server/routes.go; OpenAI Completions "The maximum value
 * for logprobs is 5", https://platform.openai.com/docs/api-reference/completions/create#completions-create-logprobs),
 * so a count beyond it is sent as the nearest it takes, and the caller is told. A target without
 * the ask at all reports it as left out, like any other feature it lacks.
 */
import type { Warning } from '../interlingua/warning.js';

/** `asked` brought within 0…`most` (a whole number), with a warning naming the wire `field` when it changed. */
export function fitTopLogprobs(asked: number, most: number, field: string, target: string, warnings: Warning[]): number {
  const fitted = Math.min(most, Math.max(0, Math.trunc(asked)));
  if (fitted !== asked) {
    warnings.push({ type: 'compatibility', feature: field, message: `${target} takes ${field} from 0 to ${most}; ${asked} was sent as ${fitted}.` });
  }
  return fitted;
}

/** The warning for a target that cannot return token log probabilities. */
export function logprobsLeftOut(target: string): Warning {
  return { type: 'unsupported', feature: 'logprobs', message: `${target} returns no token log probabilities; the ask for them was left out.` };
}
