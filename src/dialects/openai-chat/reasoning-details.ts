/**
 * Another vendor's reasoning signatures for an OpenAI Chat caller. OpenAI's own Chat API has no
 * field for reasoning state; OpenRouter's Chat dialect added `reasoning_details`, an array the
 * caller sends back on the assistant message as received, with `{type: "reasoning.text", text,
 * signature}` for signed reasoning and `{type: "reasoning.encrypted", data}` for redacted
 * reasoning, each with an `index` (https://openrouter.ai/docs/guides/best-practices/reasoning-tokens,
 * "reasoning_details array structure"). The gateway uses that field: the signature goes in an
 * envelope (core/signature-envelope.ts) that also holds the text it covers, since a streamed
 * answer delivers the text in `reasoning_content` pieces and the signature once, at the end.
 */
import type { AssistantPart, ReasoningPart } from '../../interlingua/content.js';
import { carrierValue, unwrapSignature } from '../../core/signature-envelope.js';
import { dialectName } from './vendor.js';

export type WireReasoningDetail =
  | { type: 'reasoning.text'; text: string; signature: string; index: number }
  | { type: 'reasoning.encrypted'; data: string; index: number };

/** The detail for one reasoning part, or undefined when it carries nothing another turn needs. */
export function reasoningDetail(part: ReasoningPart, index: number): WireReasoningDetail | undefined {
  if (part.redactedData !== undefined) {
    const data = carrierValue(dialectName, part.signatureOrigin, 'redacted', part.redactedData);
    return data === undefined ? undefined : { type: 'reasoning.encrypted', data, index };
  }
  if (part.signature === undefined || part.signature === '') return undefined;
  const signature = carrierValue(dialectName, part.signatureOrigin, 'signature', part.signature, part.text);
  return signature === undefined ? undefined : { type: 'reasoning.text', text: part.text, signature, index };
}

/** Every reasoning part's detail, in order; undefined when there is none. */
export function reasoningDetails(parts: readonly AssistantPart[]): WireReasoningDetail[] | undefined {
  const details: WireReasoningDetail[] = [];
  for (const part of parts) {
    if (part.type !== 'reasoning') continue;
    const detail = reasoningDetail(part, details.length);
    if (detail !== undefined) details.push(detail);
  }
  return details.length > 0 ? details : undefined;
}

/**
 * A caller's `reasoning_details`: the envelopes the gateway handed out, as reasoning parts bound
 * for their origin, and the entries that are not envelopes (OpenRouter's own), kept as they came.
 */
export function readReasoningDetails(raw: unknown): { parts: ReasoningPart[]; others: unknown[] } {
  const parts: ReasoningPart[] = [];
  const others: unknown[] = [];
  if (!Array.isArray(raw)) return { parts, others };
  for (const entry of raw) {
    const part = carriedPart(entry);
    if (part !== undefined) parts.push(part);
    else others.push(entry);
  }
  return { parts, others };
}

function carriedPart(entry: unknown): ReasoningPart | undefined {
  if (entry === null || typeof entry !== 'object') return undefined;
  const fields = entry as Record<string, unknown>;
  const value = fields['type'] === 'reasoning.encrypted' ? fields['data'] : fields['signature'];
  const carried = typeof value === 'string' ? unwrapSignature(value) : undefined;
  if (carried === undefined) return undefined;
  const text = carried.text ?? (typeof fields['text'] === 'string' ? fields['text'] : '');
  const part: ReasoningPart = { type: 'reasoning', text, signatureOrigin: carried.origin };
  if (carried.kind === 'redacted') part.redactedData = carried.value;
  else part.signature = carried.value;
  return part;
}

/**
 * The turn's reasoning from both fields. The gateway writes `reasoning_content` as the text of
 * every reasoning part in order, and a detail only for a signed one, so text no detail holds is
 * reasoning nobody signed (a Gemini thought beside the call signature that covers no text), which
 * an upstream that takes reasoning as text (DeepSeek, Ollama) still wants back. It goes in its
 * place among the signed parts; a detail without text goes as late as it can, since it signs what
 * follows it (Gemini's call signature, gemini/call-signature.ts). When a detail's text is not in
 * `reasoning_content` (the caller changed one), the details alone are taken.
 */
export function withUnsignedReasoning(content: string | null | undefined, signed: readonly ReasoningPart[]): ReasoningPart[] {
  if (content == null || content === '' || signed.length === 0) return [...signed];
  const parts: ReasoningPart[] = [];
  let pending: ReasoningPart[] = [];
  let cursor = 0;
  const unsigned = (text: string) => {
    if (text !== '') parts.push({ type: 'reasoning', text });
  };
  for (const part of signed) {
    if (part.text === '') {
      pending.push(part);
      continue;
    }
    const at = content.indexOf(part.text, cursor);
    if (at === -1) return [...signed];
    unsigned(content.slice(cursor, at));
    parts.push(...pending, part);
    pending = [];
    cursor = at + part.text.length;
  }
  unsigned(content.slice(cursor));
  parts.push(...pending);
  return parts;
}
