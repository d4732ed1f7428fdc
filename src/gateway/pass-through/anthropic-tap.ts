import { usageSchema } from '../../dialects/anthropic/wire-schema.js';
import { parseUsage } from '../../dialects/anthropic/usage.js';
import type { PassThroughTap } from './dialect-taps.js';
import { directUsage } from '../../dialects/anthropic/wire-direct.js';
import { notAnObject, usageField } from './tap-parts.js';

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

export const anthropicTap: PassThroughTap = {
  /*
   * Anthropic sends usage in every stream, so the gateway asks for nothing the caller did not.
   * What its request emitter changes (request-emit.ts) leaves the answer an Anthropic message
   * that the parsing path would write again with the same blocks, stop reason and usage: a raised
   * `max_tokens` or thinking turned off for a tool turn or a forced tool choice, sampling capped,
   * parameters the model refuses left out (catalog/fit-request.ts), cache breakpoints added with
   * `promptCache: auto` (their tokens are reported either way). A request whose tool names had to
   * be renamed is not forwarded (HttpTransport.forward): its answer is parsed to name them back.
   */
  accepts: () => true,
  matters: (data, event) => event === 'error' || notAnObject(data) || anthropicMatters.test(data),
  usageOfResponse: (json) => usageField(json, 'usage', usageSchema, parseUsage, directUsage),
};
