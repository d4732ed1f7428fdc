/**
 * The pass-through tap for Ollama `POST /api/chat`
 * (https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion). A stream is
 * NDJSON, one JSON object per line: lines with `"done": false` carry deltas only, the last has
 * `"done": true` with `done_reason` and the counts `prompt_eval_count` and `eval_count`
 * (test/fixtures/recorded/ollama/chat-stream.doc-example.first-and-final.json), and a failure after
 * the 200 is a bare `{"error": "…"}` line (generate-stream-midstream-error.ndjson). A whole answer
 * is one such object, counts included.
 */
import type { Usage } from '../../interlingua/usage.js';
import { parseUsage } from '../../dialects/ollama-family/usage.js';
import type { WireMetrics } from '../../dialects/ollama-family/wire-schema.js';
import type { PassThroughTap } from './dialect-taps.js';
import { notAnObject } from './tap-parts.js';

/**
 * `"done": true` or an `error` that is not `null`. A key followed by `:` cannot occur inside a JSON
 * string (its closing quote would be escaped), so these are keys; one nested in a tool call's
 * arguments only costs a decode.
 */
const endsOrFails = /"(?:done"\s*:\s*t|error"\s*:\s*[^\sn])/;

export const ollamaTap: PassThroughTap = {
  // The Ollama emitter writes back what the caller asked for (src/dialects/ollama/request-emit.ts:
  // `stream` as the caller had it, `think` only from the caller); counts come with every answer.
  accepts: () => true,
  matters: (data) => notAnObject(data) || endsOrFails.test(data),
  usageOfResponse(json): Usage | undefined {
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? parseUsage(json as WireMetrics) : undefined;
  },
};
