/**
 * What a dated Azure OpenAI api-version predates, as quirks of the Chat codec. "Changes between
 * 2024-09-01-preview and 2024-08-01-preview: max_completion_tokens added … parallel_tool_calls
 * added … stream_options & include_usage added"
 * (https://learn.microsoft.com/azure/ai-services/openai/api-version-deprecation), and structured
 * outputs came with 2024-08-01-preview ("response_format value as json_schema is enabled only for
 * api versions 2024-08-01-preview and later", https://github.com/langgenius/dify/issues/8994); the
 * GA version with all of them is 2024-10-21, and the GA before it, 2024-06-01, has none. An older
 * version answers "Unrecognized request argument supplied: max_completion_tokens"
 * (https://github.com/openai/openai-python/issues/1724), so such a provider gets the output limit as
 * `max_tokens`, no `stream_options` (its streams then carry no usage), no `parallel_tool_calls`,
 * and a JSON Schema asked for in the system prompt with JSON mode on. No GA version falls between
 * those dates, so an api-version's date decides. The v1 API (no api-version) has them all.
 *
 * `reasoning_effort` came later, with 2024-12-01-preview: Microsoft's reasoning-models page lists it
 * under "API & feature support" only for o1 (2024-12-17), whose API version is 2024-12-01-preview,
 * and not for o1-preview and o1-mini on 2024-09-01-preview and 2024-10-01-preview
 * (https://learn.microsoft.com/azure/ai-services/openai/how-to/reasoning). An earlier version
 * answers {"error":{"message":"Unknown parameter: 'reasoning_effort'.","type":"invalid_request_error",
 * "param":"reasoning_effort","code":"unknown_parameter"}} (2024-08-01-preview,
 * https://github.com/run-llama/llama_index/issues/17731), so there it is left out, with a warning.
 * The same table marks "Developer Messages" only from that version on, and Azure refuses the role
 * where it does not take it ("Invalid value: 'developer'. Supported values are: 'system', 'assistant',
 * 'user', 'function', and 'tool'.", https://github.com/run-llama/llama_index/issues/17544), so before
 * it a developer message goes as a system message.
 */
import type { OpenaiChatQuirks } from './quirks.js';

export function azureApiVersionQuirks(apiVersion: string | undefined): Partial<OpenaiChatQuirks> {
  const date = apiVersion?.slice(0, 10);
  if (date === undefined || date >= '2024-12-01') return {};
  if (date >= '2024-09-01') return { reasoningEffort: false, developerRole: false };
  return { maxTokensField: 'max_tokens', streamOptions: false, parallelToolCalls: false, reasoningEffort: false, developerRole: false, ...(date < '2024-08-01' ? { jsonSchema: false } : {}) };
}
