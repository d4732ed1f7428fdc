/**
 * Thought signatures on Gemini's own parts and other vendors' signatures in a Gemini caller's
 * `thoughtSignature`.
 *
 * Gemini puts a function call's signature on the `functionCall` part itself ("Gemini 3 returns
 * thought signatures for all model responses … with a function call", and with parallel calls
 * only on the first: https://ai.google.dev/gemini-api/docs/thought-signatures). Every other
 * dialect keeps reasoning state before the tool call it belongs to (an Anthropic thinking block
 * before `tool_use`, a Responses reasoning item before `function_call`), so in the interlingua
 * the signature is a signed reasoning part with no text right before the call, which other
 * dialects can carry to their callers, and which is folded back onto the call for Gemini.
 *
 * Another vendor's signature shown to a Gemini caller goes on a thought part of its own, in an
 * envelope (core/signature-envelope.ts) that also holds the reasoning text it covers: a stream
 * sends the thought text in separate parts, and a client may drop thought parts from history.
 * When a function call follows (text may come between), the same envelope also goes on that
 * call's part, where Gemini puts a call's signature ("Single function call: The functionCall
 * part will contain the thought_signature"; "You must return this signature in the exact part
 * where it was received"): Gemini CLI keeps only the parts that are not `thought`
 * (packages/core/src/core/geminiChat.ts, processStreamResponse), so without it the signature of
 * Claude's thinking never came back and its tool loop ran without thinking
 * (anthropic/thinking-turns.ts). Read back, the two copies are one block (contents-parse.ts).
 * An answer without a call keeps the envelope on the thought part only: Gemini signs such an
 * answer on its last part, but the text is streamed before the gateway knows no call follows,
 * and a reasoning block read back after the text would be out of order for Responses, which
 * refuses a reasoning item not followed by its output; Gemini validates signatures only for the
 * function calls of the current turn, so nothing checks the text answer's.
 */
import type { AssistantPart, ReasoningPart } from '../../interlingua/content.js';
import { carrierValue, readCarrier } from '../../core/signature-envelope.js';
import type { JsonObject } from './json-value.js';
import { dialectName, readPartVendor } from './vendor.js';

/** The reasoning part that stands for a function call's signature. */
export function callSignaturePart(signature: string): ReasoningPart {
  return { type: 'reasoning', text: '', signature, signatureOrigin: dialectName };
}

/** Whether a reasoning part is a Gemini signature for the function call that follows it. */
export function signsNextCall(part: ReasoningPart, next: AssistantPart | undefined): boolean {
  return (
    next?.type === 'tool-call' &&
    part.signatureOrigin === dialectName &&
    part.text === '' &&
    part.signature !== undefined &&
    part.redactedData === undefined &&
    readPartVendor(part.vendor).thought !== true
  );
}

/** Another vendor's signed (or redacted) reasoning as a thought part for a Gemini caller; undefined when it has nothing to carry. */
export function carriedThoughtPart(part: ReasoningPart): JsonObject | undefined {
  const signature = foreignSignature(part.signatureOrigin, part.redactedData === undefined ? part.signature : undefined, part.redactedData, part.text);
  if (signature === undefined) return part.text === '' ? undefined : { text: part.text, thought: true };
  return { text: part.text, thought: true, thoughtSignature: signature };
}

/** The envelope for another vendor's signature or redacted data, with the text it covers. */
export function foreignSignature(origin: string | undefined, signature: string | undefined, redactedData: string | undefined, text: string): string | undefined {
  if (origin === undefined || origin === dialectName) return undefined;
  if (redactedData !== undefined) return carrierValue(dialectName, origin, 'redacted', redactedData, text);
  if (signature === undefined || signature === '') return undefined;
  return carrierValue(dialectName, origin, 'signature', signature, text);
}

/**
 * A `thoughtSignature` from a Gemini caller that holds another vendor's signature, as the
 * reasoning part it was made from; undefined for Gemini's own signature.
 */
export function carriedReasoning(thoughtSignature: string, partText: string): ReasoningPart | undefined {
  const carried = readCarrier(dialectName, thoughtSignature);
  if (carried.origin === dialectName) return undefined;
  const part: ReasoningPart = { type: 'reasoning', text: carried.text ?? partText, signatureOrigin: carried.origin };
  if (carried.kind === 'redacted') part.redactedData = carried.value;
  else part.signature = carried.value;
  return part;
}
