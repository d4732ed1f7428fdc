/**
 * Ollama answers report four timings in nanoseconds (docs/api.md "Durations": "All durations are
 * returned in nanoseconds"), and clients divide by them: "To calculate how fast the response is
 * generated in tokens per second (token/s), divide `eval_count` / `eval_duration` * `10^9`"
 * (https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-completion). An answer that
 * came from another vendor has no such timings, so the gateway reports what it measured itself:
 *
 * - `total_duration`: from the request's arrival at the gateway to its last answer line;
 * - `prompt_eval_duration`: from the arrival to the first line of output (the upstream read the
 *   prompt, plus the way there and back: what the caller waited before the first token);
 * - `eval_duration`: from the first line of output to the last, the time the answer took to arrive;
 * - `load_duration`: 0, as the gateway loads no model.
 *
 * A whole (non-streamed) answer shows neither its first token nor its speed: all of its time is
 * given to `eval_duration` (prompt evaluation 0), so the rate a client computes is a lower bound.
 * Times are `performance.now()` milliseconds.
 */
export interface MeasuredDurations {
  total_duration: number;
  prompt_eval_duration: number;
  eval_duration: number;
}

/** Milliseconds → whole nanoseconds, never below 0. */
function nanoseconds(milliseconds: number): number {
  return Math.max(0, Math.round(milliseconds * 1e6));
}

/** A streamed answer: `firstOutputAt` is when its first content line was written, if one was. */
export function streamedDurations(startedAt: number, firstOutputAt: number | undefined, endedAt: number): MeasuredDurations {
  const firstOutput = firstOutputAt ?? endedAt;
  return {
    total_duration: nanoseconds(endedAt - startedAt),
    prompt_eval_duration: nanoseconds(firstOutput - startedAt),
    eval_duration: nanoseconds(endedAt - firstOutput),
  };
}

/** A whole answer: its time from arrival to now, given to `eval_duration`; nothing when the arrival is unknown. */
export function wholeAnswerDurations(startedAt: number | undefined): MeasuredDurations | undefined {
  if (startedAt === undefined) return undefined;
  const total = nanoseconds(performance.now() - startedAt);
  return { total_duration: total, prompt_eval_duration: 0, eval_duration: total };
}
