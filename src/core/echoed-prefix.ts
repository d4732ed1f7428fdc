/**
 * A prefill the upstream repeats. A conversation that ends with an assistant message asks the
 * model to go on from it, and Anthropic's answer holds only what follows; Mistral's `prefix` flag
 * "enables prepending content to the assistant's response content" — its answer begins with the
 * prefill ("The Capital of France is **Paris**." for the prefix "The Capital of France is",
 * docs.mistral.ai, Chat Completions, "Prefix"; mistralai/platform-docs-public
 * public/studio-api/conversations/chat-completion.md). The repeated start is taken off the answer,
 * whole or streamed, so every caller gets what a prefill means; an answer that does not begin
 * with it is left as it came.
 */
import type { ChatResponse } from '../interlingua/response.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import type { AnswerRestorer } from './answer-restorer.js';

export function withoutEchoedPrefix(prefix: string): AnswerRestorer {
  /** What of the prefix is still to come off the stream's first text; undefined once done. */
  let pending: string | undefined = prefix === '' ? undefined : prefix;
  return {
    response: (response: ChatResponse) => {
      const index = response.content.findIndex((part) => part.type === 'text');
      const part = response.content[index];
      if (part?.type !== 'text' || !part.text.startsWith(prefix)) return response;
      const content = [...response.content];
      content[index] = { ...part, text: part.text.slice(prefix.length) };
      return { ...response, content };
    },
    events: (events: StreamEvent[]) => {
      if (pending === undefined) return events;
      const out: StreamEvent[] = [];
      for (const event of events) {
        if (pending === undefined || event.type !== 'text-delta') {
          out.push(event);
          continue;
        }
        if (event.delta.startsWith(pending)) {
          const rest = event.delta.slice(pending.length);
          pending = undefined;
          if (rest !== '') out.push({ ...event, delta: rest });
        } else if (pending.startsWith(event.delta)) {
          pending = pending.slice(event.delta.length);
        } else {
          // The answer does not begin with the prefix after all: what was held back goes out with it.
          const held = prefix.slice(0, prefix.length - pending.length);
          pending = undefined;
          out.push({ ...event, delta: held + event.delta });
        }
      }
      return out;
    },
  };
}

