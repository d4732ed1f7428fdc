/**
 * Meta's models on Converse call tools, but not on ConverseStream: Bedrock's feature table has
 * "Streaming tool use: No" for Meta Llama 3.1
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html,
 * as linked in https://github.com/run-llama/llama_index/issues/19655), and ConverseStream answers
 * "ValidationException: This model doesn't support tool use in streaming mode." whenever the
 * request has a `toolConfig`, for Llama 3.3 70B (https://github.com/n8n-io/n8n/issues/14206) and
 * Llama 4 Maverick and Scout (https://github.com/earendil-works/pi/issues/3739,
 * https://github.com/vercel-labs/fx/issues/900). Such a request is sent to Converse, and its answer
 * relayed to the streaming caller whole, as those two reports ask and as LiteLLM did for models
 * Bedrock did not stream at all (https://github.com/BerriAI/litellm/pull/13346).
 */
import type { ChatRequest } from '../../interlingua/request.js';
import { bedrockModelName } from '../../wire/bedrock-model-id.js';

export function streamsRequest(request: ChatRequest, model: string): boolean {
  return bedrockModelName(model)?.vendor !== 'meta' || !sendsToolConfig(request);
}

/**
 * Whether the request goes with a `toolConfig` (request-emit.ts): it declares tools, and either may
 * call them or has tool calls in its history, which Converse takes only beside the tools.
 */
function sendsToolConfig(request: ChatRequest): boolean {
  if ((request.tools ?? []).length === 0) return false;
  return request.toolChoice?.type !== 'none' || request.messages.some((message) => message.role === 'tool' || (message.role === 'assistant' && message.content.some((part) => part.type === 'tool-call')));
}
