/**
 * A prefill the upstream repeats. A conversation that ends with an assistant message asks the
 * model to go on from it, and Anthropic's answer holds only what follows; Mistral's `prefix` flag
 * "enables prepending content to the assistant's response content" — its answer begins with the
 * prefill ("The Capital of France is **Paris**." for the prefix "The Capital of France is",
 * docs.mistral.ai, Chat Completions, "Prefix"; mistralai/platform-docs-public
 * public/studio-api/conversations/chat-completion.md). The repeated start is taken off the answer,
 * whole or streamed, so every caller gets what a prefill means; an answer that does not begin
 * with it is left as it came. Token logprobs go with the text: those of the repeated start come off
 * with it where it ends between two tokens; where it ends inside a token, no list of whole tokens
 * spells what is left, and the text goes without any. A delta's vendor data (what the vendor said of
 * its chunk, Azure's per-chunk filter results) stays with what is left of it, or with an empty delta
 * where all of it was the prefix, so its chunk still reaches the caller.
 */
import type { ChatResponse } from '../interlingua/response.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import type { TextPart, TokenLogprob } from '../interlingua/content.js';
import type { AnswerRestorer } from './answer-restorer.js';

export function withoutEchoedPrefix(prefix: string): AnswerRestorer {
  /** What of the prefix is still to come off the stream's first text; undefined once done. */
  let pending: string | undefined = prefix === '' ? undefined : prefix;
  /** The tokens of the deltas held back as a start of the prefix; undefined once one came without them. */
  let heldLogprobs: TokenLogprob[] | undefined = [];
  return {
    response: (response: ChatResponse) => {
      const index = response.content.findIndex((part) => part.type === 'text');
      const part = response.content[index];
      if (part?.type !== 'text' || !part.text.startsWith(prefix)) return response;
      const content = [...response.content];
      content[index] = withTokensAfter({ ...part, text: part.text.slice(prefix.length) }, part.logprobs, prefix);
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
          if (rest !== '') out.push(withTokensAfter({ ...event, delta: rest }, event.logprobs, event.delta.slice(0, event.delta.length - rest.length)));
          else if (event.vendor !== undefined) out.push({ type: 'text-delta', id: event.id, delta: '', vendor: event.vendor });
        } else if (pending.startsWith(event.delta)) {
          pending = pending.slice(event.delta.length);
          heldLogprobs = event.logprobs === undefined || heldLogprobs === undefined ? undefined : [...heldLogprobs, ...event.logprobs];
          if (event.vendor !== undefined) out.push({ type: 'text-delta', id: event.id, delta: '', vendor: event.vendor });
        } else {
          // The answer does not begin with the prefix after all: what was held back goes out with it, tokens and all.
          const held = prefix.slice(0, prefix.length - pending.length);
          pending = undefined;
          const { logprobs, ...rest } = event;
          const released: typeof event = { ...rest, delta: held + event.delta };
          if (logprobs !== undefined && heldLogprobs !== undefined) released.logprobs = [...heldLogprobs, ...logprobs];
          out.push(released);
        }
      }
      return out;
    },
  };
}

/** `carrier` (already holding the text after `cut`) with the tokens of `logprobs` that follow `cut`, or with none where `cut` ends inside a token. */
function withTokensAfter<T extends TextPart | Extract<StreamEvent, { type: 'text-delta' }>>(carrier: T, logprobs: TokenLogprob[] | undefined, cut: string): T {
  const { logprobs: _whole, ...rest } = carrier;
  const after = logprobs === undefined ? undefined : tokensAfter(logprobs, cut);
  return (after === undefined ? rest : { ...rest, logprobs: after }) as T;
}

/** The tokens after the first ones that spell `cut` exactly; undefined where none are left or `cut` ends inside a token. */
function tokensAfter(logprobs: readonly TokenLogprob[], cut: string): TokenLogprob[] | undefined {
  let spelled = '';
  for (let index = 0; index <= logprobs.length; index++) {
    if (spelled === cut) return index === logprobs.length ? undefined : logprobs.slice(index);
    if (spelled.length >= cut.length || index === logprobs.length) return undefined;
    spelled += logprobs[index]?.token ?? '';
  }
  return undefined;
}
