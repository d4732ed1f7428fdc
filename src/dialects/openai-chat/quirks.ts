/**
 * Switches for OpenAI-compatible upstreams that differ from OpenAI itself. A provider (DeepSeek,
 * Zhipu, vLLM, …) is configuration plus these hooks over this one dialect, not a copy of it.
 * The defaults are what api.openai.com accepts.
 */
export interface OpenaiChatQuirks {
  /**
   * Send reasoning parts of the assistant history back as `reasoning_content`. OpenAI rejects
   * unknown message fields, so by default they are dropped (with a warning); DeepSeek (thinking
   * with tools) and Zhipu ("preserved thinking") expect them echoed back.
   */
  reasoningContentInHistory: boolean;
  /**
   * Which field carries the output limit. OpenAI deprecated `max_tokens` and reasoning models
   * reject it (fixtures/openai-chat/error-400-unsupported-parameter.json); some compatible
   * servers only know `max_tokens`.
   */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
}

export const defaultQuirks: OpenaiChatQuirks = {
  reasoningContentInHistory: false,
  maxTokensField: 'max_completion_tokens',
};
