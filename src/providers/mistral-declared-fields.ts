import type { DeclaredFields } from '../dialects/openai-chat/quirks.js';

/**
 * The fields Mistral's chat completions declare. It refuses any other with 422 `extra_forbidden`
 * ("Extra inputs are not permitted"): `max_completion_tokens` at the top
 * (https://github.com/editor-code-assistant/eca/issues/231), `name` on a user message
 * (https://github.com/Gage-Technologies/mistral-go/pull/2), `reasoning_content` or `metadata` on an
 * assistant message (https://github.com/charmbracelet/crush/issues/1590,
 * https://github.com/BerriAI/litellm/issues/30882). The lists are those of Mistral's own SDK,
 * generated from its OpenAPI (https://github.com/mistralai/client-ts, src/models/components/:
 * `ChatCompletionRequest$Outbound` and the four message types' `$Outbound` shapes).
 */
export const mistralDeclaredFields: DeclaredFields = {
  body: [
    'model',
    'temperature',
    'top_p',
    'max_tokens',
    'stream',
    'stop',
    'random_seed',
    'metadata',
    'messages',
    'response_format',
    'tools',
    'tool_choice',
    'presence_penalty',
    'frequency_penalty',
    'n',
    'prediction',
    'parallel_tool_calls',
    'reasoning_effort',
    'prompt_mode',
    'guardrails',
    'prompt_cache_key',
    'safe_prompt',
  ],
  messages: {
    system: ['role', 'content'],
    user: ['role', 'content'],
    assistant: ['role', 'content', 'tool_calls', 'prefix'],
    tool: ['role', 'content', 'tool_call_id', 'name'],
  },
};
