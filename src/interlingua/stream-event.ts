import type { FinishReason } from './finish-reason.js';
import type { Usage } from './usage.js';
import type { InterlinguaError } from './error.js';
import type { VendorData } from './vendor.js';
import type { TextCitation, TokenLogprob } from './content.js';

/**
 * A streamed answer as a sequence of id-keyed lifecycles. Every block opens with `*-start`,
 * grows with `*-delta` and closes with `*-end`; blocks may interleave (parallel tool calls).
 * `finish` comes once, last, unless the stream ends in `error`.
 */
export type StreamEvent =
  /** `vendor` carries response-level fields only the same dialect reads back (OpenAI `system_fingerprint`). */
  | { type: 'response-start'; id: string; model: string; created?: number; usage?: Usage; vendor?: VendorData }
  /**
   * `vendor` carries what a dialect must know of the block before its first delta, in the shape the
   * whole answer's text part holds it (OpenAI's refusal marker, `partType: 'refusal'`), so a folded
   * stream gives the part the unstreamed parse gives.
   */
  | { type: 'text-start'; id: string; vendor?: VendorData }
  /**
   * `logprobs`: those of the tokens this delta holds, where the vendor told them. `vendor` carries
   * what the vendor said of the chunk that held them, for the same dialect to write back on it
   * (Azure's per-chunk `content_filter_results`); most deltas have none.
   */
  | { type: 'text-delta'; id: string; delta: string; logprobs?: TokenLogprob[]; vendor?: VendorData }
  /**
   * `citations` index the block's whole text; a vendor that tells its sources only at the end of the answer gives them here.
   * `vendor` carries the block's fields only the same dialect reads back (Anthropic's wire `citations`).
   */
  | { type: 'text-end'; id: string; citations?: TextCitation[]; vendor?: VendorData }
  | { type: 'reasoning-start'; id: string; signatureOrigin?: string }
  | { type: 'reasoning-delta'; id: string; delta: string }
  /** A signature (Anthropic `signature_delta`, Gemini `thoughtSignature`) for the open reasoning block. */
  | { type: 'reasoning-signature'; id: string; signature: string }
  /** A redacted reasoning block arrives whole. */
  | { type: 'reasoning-redacted'; id: string; data: string }
  | { type: 'reasoning-end'; id: string }
  | { type: 'tool-call-start'; id: string; name: string; vendor?: VendorData }
  /** `vendor`: as on `text-delta`, what the vendor said of the chunk that held this piece of the arguments. */
  | { type: 'tool-call-delta'; id: string; delta: string; vendor?: VendorData }
  | { type: 'tool-call-end'; id: string }
  /** Usage known so far; later values replace earlier ones field by field. */
  | { type: 'usage'; usage: Usage }
  /**
   * Output the interlingua has no part for (a generated image), told at the place in the answer it
   * came, for a caller dialect that writes it there (core/unported-output.ts); `finish` lists it all
   * again, for the others.
   */
  | { type: 'vendor-output'; vendor: VendorData }
  /** `vendor` carries what the answer held beyond its blocks (output the interlingua has no part for, core/unported-output.ts). */
  | { type: 'finish'; finishReason: FinishReason; usage: Usage; stopSequence?: string; vendor?: VendorData }
  | { type: 'error'; error: InterlinguaError };

export type StreamEventType = StreamEvent['type'];
