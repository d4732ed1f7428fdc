import type { ChatResponse } from '../interlingua/response.js';
import type { StreamEvent } from '../interlingua/stream-event.js';

/**
 * Undoes, in what an upstream answers, a change the gateway made to what it sent: tool names sent
 * renamed (tool-name-fit.ts), a prefill the upstream repeats (echoed-prefix.ts). Whole answers and
 * stream events alike; one instance per request, as a stream's may keep state between batches.
 */
export interface AnswerRestorer {
  response(response: ChatResponse): ChatResponse;
  events(events: StreamEvent[]): StreamEvent[];
}

/** Both restorers in turn, or the one there is. */
export function bothRestorers(first: AnswerRestorer | undefined, second: AnswerRestorer | undefined): AnswerRestorer | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return { response: (response) => second.response(first.response(response)), events: (events) => second.events(first.events(events)) };
}
