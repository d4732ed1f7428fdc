/**
 * What the same-dialect pass-through needs to know of a dialect to forward its answers
 * untouched: which stream frames can carry usage, a finish or an error (so only those, and the
 * first ones until content shows, go through the dialect's own decoder), and where a whole
 * answer keeps its usage. A dialect without a tap is never passed through.
 */
import type { Usage } from '../../interlingua/usage.js';
import type { ChatRequest } from '../../interlingua/request.js';
import { usageSchema as openaiChatUsageSchema } from '../../dialects/openai-chat/response-schema.js';
import { parseUsage as parseOpenaiChatUsage } from '../../dialects/openai-chat/usage.js';
import { usageSchema as anthropicUsageSchema } from '../../dialects/anthropic/wire-schema.js';
import { parseUsage as parseAnthropicUsage } from '../../dialects/anthropic/usage.js';
import { usageSchema as responsesUsageSchema } from '../../dialects/openai-responses/response-schema.js';
import { parseUsage as parseResponsesUsage } from '../../dialects/openai-responses/usage.js';
import { notAnObject, usageField } from './tap-parts.js';
import { geminiTap } from './gemini-tap.js';
import { ollamaTap } from './ollama-tap.js';

export interface PassThroughTap {
  /**
   * Whether the upstream's answer to this request is what the caller expects, byte for byte. The
   * gateway may ask the upstream for more than the caller did (usage in a stream), and then the
   * answer must be parsed to leave that out.
   */
  accepts(request: ChatRequest): boolean;
  /**
   * Whether a frame (its `data:` payload, and its SSE `event:` name when it has one) may carry
   * usage, a finish, the end or an error, and so must be decoded. A false positive only costs a
   * decode; a false negative would lose usage or a finish.
   */
  matters(data: string, event?: string): boolean;
  /**
   * For a dialect that restates its cumulative usage on many frames (Gemini): whether a frame that
   * does not matter carries such a restatement. Only the latest one is decoded, before the next
   * frame that matters or the end, so each later one supersedes it.
   */
  restatesUsage?(data: string): boolean;
  /** The usage of a whole (non-streamed) answer, already parsed as JSON. */
  usageOfResponse(json: unknown): Usage | undefined;
  /**
   * Whether the answer repeats the settings it was asked with. The parsing path echoes the
   * caller's own, so a request the gateway changed on its way (each change comes with a warning:
   * a setting fitted, raised or left out) is not passed through.
   */
  echoesRequest?: boolean;
}


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

const openaiChatTap: PassThroughTap = {
  // The upstream is always asked for usage in a stream (request-emit.ts, `stream_options`), and its
  // usage chunk goes only to a caller that asked for it too (stream-encode.ts).
  accepts: (request) => !request.stream || request.streamUsage === true,
  matters: (data) => notAnObject(data) || openaiChatMatters.test(data),
  usageOfResponse: (json) => usageField(json, 'usage', openaiChatUsageSchema, parseOpenaiChatUsage),
};

/**
 * Anthropic Messages events name their type in their data (`"type":"message_delta"`) as in their
 * SSE `event:` line. Usage comes in `message_start` (input and cache tokens) and `message_delta`
 * (output tokens, and the `stop_reason`), the end is `message_stop`, an error an `error` event;
 * `content_block_*` events carry only content, and `ping` and event types added later are to be
 * skipped (https://docs.anthropic.com/en/api/messages-streaming;
 * node_modules/@anthropic-ai/sdk/core/streaming.js, which throws on any `event: error` whatever its
 * data; fixtures test/fixtures/recorded/anthropic/*.sse, where the API pads frames with spaces
 * before their closing brace and writes `{"type": "ping"}`).
 * The decoder reads each event by the `type` in its data and an `error` by its event name as
 * well (stream-decode.ts), so both are looked at. As for OpenAI, `"type"` followed by `:` is a
 * key wherever it occurs, with any JSON whitespace; a nested `type` naming one of these is only a
 * decode more.
 */
const anthropicMatters = /"type"\s*:\s*"(?:message_(?:start|delta|stop)|error)"/;

const anthropicTap: PassThroughTap = {
  /*
   * Anthropic sends usage in every stream, so the gateway asks for nothing the caller did not.
   * What its request emitter changes (request-emit.ts) leaves the answer an Anthropic message
   * that the parsing path would write again with the same blocks, stop reason and usage: a raised
   * `max_tokens` or thinking turned off for a tool turn or a forced tool choice, sampling capped,
   * parameters the model refuses left out (catalog/fit-request.ts), cache breakpoints added with
   * `promptCache: auto` (their tokens are reported either way). Tool names are sent as given
   * (Anthropic has no `toolNames` rule; a renamed request is refused by HttpTransport.forward).
   */
  accepts: () => true,
  matters: (data, event) => event === 'error' || notAnObject(data) || anthropicMatters.test(data),
  usageOfResponse: (json) => usageField(json, 'usage', anthropicUsageSchema, parseAnthropicUsage),
};

/**
 * OpenAI Responses events name their type in their data and in their SSE `event:` line, and no
 * `[DONE]` follows: the end and the usage come with the whole response in `response.completed` or
 * `response.incomplete`, a failure as `response.failed` or an `error` event
 * (https://platform.openai.com/docs/api-reference/responses-streaming;
 * node_modules/openai/resources/responses/responses.d.ts, `ResponseStreamEvent`; fixtures
 * test/fixtures/recorded/openai-responses/*.sse). `response.output_item.added`, one per
 * item, is read too: a function call among the items makes a completed response's finish
 * `tool-calls` (finish-reason.ts). The decoder takes a frame's type from its event name when its
 * data names none (stream-decode.ts), so the name is looked at, and a frame without one is decoded.
 */
const responsesMatters = /"type"\s*:\s*"(?:response\.(?:completed|incomplete|failed|output_item\.added)|error)"/;
const responsesEventsThatMatter: ReadonlySet<string> = new Set(['response.completed', 'response.incomplete', 'response.failed', 'response.output_item.added', 'error']);

const openaiResponsesTap: PassThroughTap = {
  // Every Responses stream ends with its usage (request-emit.ts). A stored conversation is never
  // passed through (chat-pipeline.ts): its answer gets the gateway's id and is kept.
  accepts: () => true,
  matters: (data, event) => event === undefined || responsesEventsThatMatter.has(event) || notAnObject(data) || responsesMatters.test(data),
  usageOfResponse: (json) => usageField(json, 'usage', responsesUsageSchema, parseResponsesUsage),
  // A response echoes instructions, max_output_tokens, temperature, tools, reasoning… (response-envelope.ts).
  echoesRequest: true,
};

const taps: Readonly<Record<string, PassThroughTap>> = {
  'openai-chat': openaiChatTap,
  anthropic: anthropicTap,
  'openai-responses': openaiResponsesTap,
  gemini: geminiTap,
  ollama: ollamaTap,
};

/** The tap for a dialect by its name, when it can be passed through. */
export function passThroughTapFor(dialectName: string): PassThroughTap | undefined {
  return Object.hasOwn(taps, dialectName) ? taps[dialectName] : undefined;
}
