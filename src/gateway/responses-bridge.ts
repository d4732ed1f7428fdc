/**
 * OpenAI's reasoning models from gpt-5.2 on refuse function tools with reasoning over Chat
 * Completions: "Function tools with reasoning_effort are not supported for gpt-5.6-sol in
 * /v1/chat/completions. To use function tools, use /v1/responses or set reasoning_effort to
 * 'none'." (https://github.com/github/app/issues/2133). Turning reasoning off would lose what the
 * caller asked for, and GPT-6 Astra and Sol cannot turn it off at all; so a provider that speaks
 * plain Chat Completions takes such a request at its Responses endpoint (`<baseUrl>/responses`:
 * the same host and key), which takes both, and the answer is read as a Responses one.
 */
import type { Dialect } from '../interlingua/dialect.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import type { ModelFacts } from '../catalog/model-facts.js';
import { isReasoningOff, isReasoningOn } from '../core/reasoning-budget.js';
import { dialects } from '../dialects/registry.js';
import type { HttpProviderConfig } from './upstream-dialects.js';

/** The Responses dialect the request goes in, with the warning saying so, or undefined: Chat Completions takes it. */
export function responsesBridge(provider: HttpProviderConfig, dialect: Dialect, facts: ModelFacts | undefined, request: ChatRequest): { dialect: Dialect; warning: Warning } | undefined {
  const refusal = facts?.chatRefusesToolsWhileReasoning;
  // A preset of a compatible vendor (its own dialect) may have no Responses endpoint.
  if (refusal === undefined || provider.dialect !== 'openai-chat' || dialect !== dialects['openai-chat'] || (request.tools?.length ?? 0) === 0) return undefined;
  const reasoning = request.reasoning;
  const reasons = refusal === 'unless-off' ? reasoning === undefined || !isReasoningOff(reasoning) : reasoning !== undefined && isReasoningOn(reasoning) && !isReasoningOff(reasoning);
  if (!reasons) return undefined;
  return {
    dialect: dialects['openai-responses'],
    warning: {
      type: 'compatibility',
      feature: 'endpoint',
      message: `${facts?.id ?? 'The model'} refuses function tools with reasoning over Chat Completions; the request went to ${provider.name}'s Responses endpoint, which takes both.`,
    },
  };
}
