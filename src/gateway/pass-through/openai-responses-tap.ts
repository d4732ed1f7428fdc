import { usageSchema } from '../../dialects/openai-responses/response-schema.js';
import { parseUsage } from '../../dialects/openai-responses/usage.js';
import type { PassThroughTap } from './dialect-taps.js';
import { notAnObject, usageField } from './tap-parts.js';

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

export const openaiResponsesTap: PassThroughTap = {
  // Every Responses stream ends with its usage (request-emit.ts). A stored conversation is never
  // passed through (chat-pipeline.ts): its answer gets the gateway's id and is kept.
  accepts: () => true,
  matters: (data, event) => event === undefined || responsesEventsThatMatter.has(event) || notAnObject(data) || responsesMatters.test(data),
  usageOfResponse: (json) => usageField(json, 'usage', usageSchema, parseUsage),
  // A response echoes instructions, max_output_tokens, temperature, tools, reasoning… (response-envelope.ts).
  echoesRequest: true,
};
