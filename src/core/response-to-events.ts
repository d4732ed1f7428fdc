import type { ChatResponse } from '../interlingua/response.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import type { VendorData } from '../interlingua/vendor.js';
import { listedUnportedOutput, unportedOutputKey, type UnportedOutput } from './unported-output.js';

/**
 * A whole response as the stream that would have produced it: one block per part.
 * Lets a cached or non-streamed answer be replayed to a streaming caller. Output the interlingua
 * has no part for (a generated image, core/unported-output.ts) is told where it came, on a
 * `vendor-output` event before the part it preceded, and listed again on `finish`, as a live
 * stream tells it (dialects/gemini/stream-decode.ts): a caller dialect that writes it in its
 * place (a Responses `image_generation_call`) then streams the items in the whole answer's order.
 * The answer's other vendor data rides on `finish` too, where a live stream's decoder puts what the
 * answer told beside its parts (Bedrock's `metrics` and `trace`, bedrock/stream-decode.ts), so a
 * caller of the upstream's own dialect gets them back from a whole answer as from a stream.
 */
export function responseToEvents(response: ChatResponse): StreamEvent[] {
  const events: StreamEvent[] = [];
  const start: StreamEvent = { type: 'response-start', id: response.id, model: response.model };
  if (response.created !== undefined) start.created = response.created;
  events.push(start);
  const { placed, unplaced } = unportedOutputOf(response.vendor);
  let told = 0;
  const tellUpTo = (at: number) => {
    for (let next = placed[told]; next !== undefined && (next.entry.at ?? 0) <= at; next = placed[++told]) {
      events.push({ type: 'vendor-output', vendor: { [next.dialect]: { [unportedOutputKey]: [next.entry] } } });
    }
  };
  response.content.forEach((part, index) => {
    tellUpTo(index);
    const id = String(index);
    switch (part.type) {
      case 'text': {
        const end: Extract<StreamEvent, { type: 'text-end' }> = { type: 'text-end', id };
        if (part.citations !== undefined) end.citations = part.citations;
        if (part.vendor !== undefined) end.vendor = part.vendor;
        const delta: Extract<StreamEvent, { type: 'text-delta' }> = { type: 'text-delta', id, delta: part.text };
        if (part.logprobs !== undefined) delta.logprobs = part.logprobs;
        // On the start as well: a dialect that writes the block differently by what it is (an OpenAI
        // refusal, marked in its vendor data) must know before the first delta, as from a live stream.
        const textStart: Extract<StreamEvent, { type: 'text-start' }> = { type: 'text-start', id };
        if (part.vendor !== undefined) textStart.vendor = part.vendor;
        events.push(textStart, delta, end);
        return;
      }
      case 'reasoning': {
        const reasoningStart: StreamEvent = { type: 'reasoning-start', id };
        if (part.signatureOrigin !== undefined) reasoningStart.signatureOrigin = part.signatureOrigin;
        events.push(reasoningStart);
        if (part.redactedData !== undefined) events.push({ type: 'reasoning-redacted', id, data: part.redactedData });
        if (part.text.length > 0) events.push({ type: 'reasoning-delta', id, delta: part.text });
        if (part.signature !== undefined) events.push({ type: 'reasoning-signature', id, signature: part.signature });
        events.push({ type: 'reasoning-end', id });
        return;
      }
      case 'tool-call': {
        const callStart: StreamEvent = { type: 'tool-call-start', id: part.id, name: part.name };
        if (part.vendor !== undefined) callStart.vendor = part.vendor;
        events.push(callStart, { type: 'tool-call-delta', id: part.id, delta: part.arguments }, { type: 'tool-call-end', id: part.id });
        return;
      }
      default: {
        const unhandled: never = part;
        throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
      }
    }
  });
  tellUpTo(Number.POSITIVE_INFINITY);
  const finish: StreamEvent = { type: 'finish', finishReason: response.finishReason, usage: response.usage };
  if (response.stopSequence !== undefined) finish.stopSequence = response.stopSequence;
  // The placed entries first, in the order told: an encoder skips as many as it has written.
  const vendor = finishVendor(response.vendor, listedByDialect([...placed, ...unplaced]));
  if (vendor !== undefined) finish.vendor = vendor;
  events.push(finish);
  return events;
}

interface Listed {
  dialect: string;
  entry: UnportedOutput;
}

/** The unported output the response lists, each with its dialect: those told where they came by place (stable), then the rest. */
function unportedOutputOf(vendor: VendorData | undefined): { placed: Listed[]; unplaced: Listed[] } {
  const listed = Object.entries(vendor ?? {}).flatMap(([dialect, fields]) => listedUnportedOutput(fields).map((entry) => ({ dialect, entry })));
  return {
    placed: listed.filter(({ entry }) => entry.at !== undefined).sort((a, b) => (a.entry.at ?? 0) - (b.entry.at ?? 0)),
    unplaced: listed.filter(({ entry }) => entry.at === undefined),
  };
}

function listedByDialect(listed: readonly Listed[]): VendorData {
  const vendor: VendorData = {};
  for (const { dialect, entry } of listed) {
    const fields = (vendor[dialect] ??= { [unportedOutputKey]: [] });
    (fields[unportedOutputKey] as UnportedOutput[]).push(entry);
  }
  return vendor;
}

/** The response's vendor data for `finish`, each dialect's listing replaced by `listed`'s (in the order told); undefined when empty. */
function finishVendor(vendor: VendorData | undefined, listed: VendorData): VendorData | undefined {
  const carried: VendorData = {};
  for (const [dialect, fields] of Object.entries(vendor ?? {})) {
    const { [unportedOutputKey]: _unordered, ...rest } = fields;
    const own = { ...rest, ...listed[dialect] };
    if (Object.keys(own).length > 0) carried[dialect] = own;
  }
  return Object.keys(carried).length > 0 ? carried : undefined;
}
