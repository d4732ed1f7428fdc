/**
 * OpenAI's reasoning models, on OpenAI's API and as Azure deployments, refuse `logit_bias`: Azure's
 * reasoning-models page lists it among "The following are currently unsupported with reasoning models"
 * (github.com/MicrosoftDocs/azure-ai-docs, articles/foundry/openai/how-to/reasoning.md, "Not Supported"),
 * and OpenAI's o1, o1-mini and o3-mini refuse it ("logit_bias … No":
 * https://community.openai.com/t/developer-role-not-accepted-for-o1-o1-mini-o3-mini/1110750/7). The
 * bias travels in Chat Completions' vendor data, as its caller wrote it (dialects/openai-chat/request-parse.ts);
 * for such a model it is left out, with a warning, and the answer is sampled without it.
 */
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import type { ModelFacts } from './model-facts.js';

/** The vendor data that carries `logit_bias`: Chat Completions' (the Responses API has no such field). */
const chatDialect = 'openai-chat';

export function fitLogitBias(request: ChatRequest, facts: ModelFacts, warnings: Warning[]): ChatRequest {
  const own = request.vendor?.[chatDialect];
  // `logit_bias: null` asks for nothing (the field's default), and is sent as it came.
  if (facts.logitBias !== false || own === undefined || own['logit_bias'] === undefined || own['logit_bias'] === null) return request;
  const { logit_bias: _bias, ...rest } = own;
  warnings.push({ type: 'unsupported', feature: 'logit_bias', message: `${facts.id} refuses logit_bias; it was left out.` });
  return { ...request, vendor: { ...request.vendor, [chatDialect]: rest } };
}
