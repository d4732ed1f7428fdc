import { usageSchema } from '../../dialects/openai-chat/response-schema.js';
import { parseUsage } from '../../dialects/openai-chat/usage.js';
import { directUsage } from '../../dialects/openai-chat/usage-direct.js';
import { parseJsonText } from '../../wire/json-text.js';
import type { PassThroughTap } from './dialect-taps.js';
import { notAnObject, usageField } from './tap-parts.js';

/**
 * OpenAI Chat Completions chunks: usage arrives as `"usage": {…}` (`null` on the other chunks),
 * the end as `"finish_reason": "<reason>"` (`null` until then) and `data: [DONE]`, an error as a
 * `{"error": …}` frame (https://platform.openai.com/docs/api-reference/chat-streaming/streaming,
 * node_modules/openai/core/streaming.js; fixtures test/fixtures/recorded/openai-chat/*.sse).
 * A key followed by `:` cannot occur inside a JSON string (its closing quote would have to be
 * escaped), so the pattern finds these keys only where they are keys, with any JSON whitespace
 * (Python servers write `": "`), and skips the `null` of the chunks that carry nothing.
 */
const openaiChatMatters = /"(?:usage|finish_reason|error)"\s*:\s*[^\sn]/;
const carriesUsage = /"usage"\s*:\s*\{/;

/**
 * The chunk `stream_options.include_usage` adds: "an additional chunk will be streamed before the
 * data: [DONE] message. The usage field on this chunk shows the token usage statistics for the
 * entire request, and the choices field will always be an empty array"
 * (https://platform.openai.com/docs/api-reference/chat/create#chat-create-stream_options;
 * test/fixtures/recorded/openai-chat/fantasy-gpt4o-simple_streaming.response.sse). Choices `null`
 * or left out count as none, as the decoder reads them (stream-decode.ts). Only a frame whose
 * `usage` is an object is parsed here: one per stream from OpenAI.
 */
function isUsageOnlyChunk(data: string): boolean {
  if (!carriesUsage.test(data)) return false;
  const parsed = parseJsonText(data);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return false;
  const { choices, usage } = parsed.value as Record<string, unknown>;
  return usage !== null && typeof usage === 'object' && (choices == null || (Array.isArray(choices) && choices.length === 0));
}

export const openaiChatTap: PassThroughTap = {
  accepts: () => true,
  /*
   * The upstream is always asked for usage in a stream (request-emit.ts, `stream_options`), so that
   * usage records and token limits work; a caller that did not ask gets the stream without the
   * usage chunk, as from OpenAI without `include_usage`. Two differences stay, each a rewrite of
   * content chunks that would defeat forwarding them as they came:
   * - the other chunks keep the `"usage":null` OpenAI writes on them once usage is asked for. The
   *   SDKs declare the field on every chunk, `usage?: CompletionUsage | null`
   *   (node_modules/openai/resources/chat/completions/completions.d.ts, ChatCompletionChunk), so a
   *   client reads `null` as it reads the field left out.
   * - a compatible server that puts usage on its finish chunk rather than in a chunk of its own
   *   (Zhipu: test/fixtures/recorded/zhipu-glm/pa-stream-thinking.response.sse; DeepSeek as the
   *   decoder notes) gives the caller that usage unasked. It is the field the same SDK type
   *   declares and the chunk the server itself writes; only its value is more than was asked for.
   */
  withholds: (request) => (request.stream && request.streamUsage !== true ? isUsageOnlyChunk : undefined),
  matters: (data) => notAnObject(data) || openaiChatMatters.test(data),
  // The decoder finishes at the usage chunk; `data: [DONE]` follows, and ends the stream, as the SDK
  // reads it (node_modules/openai/core/streaming.js: `if (sse.data.startsWith('[DONE]'))`).
  endsAfterFinish: (data) => data.startsWith('[DONE]'),
  usageOfResponse: (json) => usageField(json, 'usage', usageSchema, parseUsage, directUsage),
};
