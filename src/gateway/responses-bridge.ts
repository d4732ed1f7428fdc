/**
 * OpenAI's reasoning models from gpt-5.2 on refuse function tools with reasoning over Chat
 * Completions: "Function tools with reasoning_effort are not supported for gpt-5.6-sol in
 * /v1/chat/completions. To use function tools, use /v1/responses or set reasoning_effort to
 * 'none'." (https://github.com/github/app/issues/2133). Turning reasoning off would lose what the
 * caller asked for, and GPT-6 Astra and Sol cannot turn it off at all; so a provider that speaks
 * plain Chat Completions takes such a request at its Responses endpoint (`<baseUrl>/responses`,
 * or Azure's `/openai/v1/responses`: the same host and key), which takes both, and the answer is
 * read as a Responses one. On Azure it is the only way: "Chat + tools + none → Azure 400 …
 * The only working Azure path is POST /v1/responses" (gpt-6-astra on Foundry:
 * https://github.com/maximhq/bifrost/issues/7275). Azure's models are deployments' names, so
 * there the fact comes from a `catalog:` entry.
 * Some models are served by the Responses API only (o3-pro, gpt-5-codex: Chat Completions answers 404
 * "This model is only supported in v1/responses and not in v1/chat/completions.",
 * https://github.com/simonw/llm/issues/1169); every request for one goes there (`chatCompletions: false`).
 */
import type { Dialect } from '../interlingua/dialect.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import type { ModelFacts } from '../catalog/model-facts.js';
import { isReasoningOff, isReasoningOn } from '../core/reasoning-budget.js';
import { dialects } from '../dialects/registry.js';
import type { HttpProviderConfig } from './upstream-dialects.js';
import type { UpstreamDialectName } from '../config/schema.js';

/** Each Chat Completions dialect's Responses counterpart on the same provider. */
const responsesOf = { 'openai-chat': 'openai-responses', 'azure-openai': 'azure-openai-responses' } as const;

/** The Responses dialect the request goes in, with the warning saying so, or undefined: Chat Completions takes it. */
export function responsesBridge(
  provider: HttpProviderConfig,
  dialect: Dialect,
  facts: ModelFacts | undefined,
  request: ChatRequest,
): { name: UpstreamDialectName; dialect: Dialect; warning: Warning } | undefined {
  if (provider.dialect !== 'openai-chat' && provider.dialect !== 'azure-openai') return undefined;
  // A preset of a compatible vendor (a dialect of its own) may have no Responses endpoint.
  if (dialect !== dialects[provider.dialect]) return undefined;
  const reason = bridgeReason(facts, request);
  if (reason === undefined) return undefined;
  const name = responsesOf[provider.dialect];
  const model = facts?.id ?? 'The model';
  const message =
    reason === 'responses-only'
      ? `${model} is served by the Responses API only; the request went to ${provider.name}'s Responses endpoint.`
      : `${model} refuses function tools with reasoning over Chat Completions; the request went to ${provider.name}'s Responses endpoint, which takes both.`;
  return { name, dialect: dialects[name], warning: { type: 'compatibility', feature: 'endpoint', message } };
}

/** Why Chat Completions would refuse the request for this model, or undefined when it takes it. */
function bridgeReason(facts: ModelFacts | undefined, request: ChatRequest): 'responses-only' | 'tools-while-reasoning' | undefined {
  if (facts?.chatCompletions === false) return 'responses-only';
  const refusal = facts?.chatRefusesToolsWhileReasoning;
  if (refusal === undefined || (request.tools?.length ?? 0) === 0) return undefined;
  const reasoning = request.reasoning;
  const reasons = refusal === 'unless-off' ? reasoning === undefined || !isReasoningOff(reasoning) : reasoning !== undefined && isReasoningOn(reasoning) && !isReasoningOff(reasoning);
  return reasons ? 'tools-while-reasoning' : undefined;
}
