/**
 * A reasoning signature carried through another dialect's field for it. A signature (Anthropic
 * `signature`, Gemini `thoughtSignature`, OpenAI `encrypted_content`) is verified only by the
 * vendor that issued it, but a caller speaking another dialect still has to hand it back on the
 * next turn so the gateway can return it to that vendor. The caller's dialect has a field for
 * opaque reasoning state of its own, so the foreign signature travels there, wrapped in an
 * envelope that names where it came from:
 *
 *   base64( "interlingua-signature/1\n" + JSON { origin, platform?, kind, value, text? } )
 *
 * - Standard, padded base64 throughout, because Gemini's `thoughtSignature` is a proto `bytes`
 *   field (Google's generated clients type it as bytes: `Uint8List thoughtSignature`, pub.dev
 *   google_cloud_ai_generativelanguage_v1beta `Part`; Kotlin's `ByteArrayAsBase64Serializer`), so a
 *   value that is not base64 is refused ("Invalid value at 'thought_signature' (TYPE_BYTES),
 *   Base64 decoding failed", as quoted in https://gitea.clientright.ru/negodiy/openclaw), and SDKs
 *   that hold it as bytes decode and re-encode it, which leaves canonical base64 unchanged.
 * - The 24-byte marker is a whole number of base64 groups, so every envelope begins with the
 *   same 32 characters and is recognised without decoding anything else; native signatures
 *   (protobuf or Fernet bytes) never begin with this text.
 * - `origin` is the dialect that issued the signature; `platform` leaves room for a cloud
 *   platform that binds a vendor's signature to itself (Vertex AI, Bedrock); `kind` says whether
 *   the value is a signature or a redacted (encrypted) reasoning block's data; `text` is the
 *   reasoning text the signature covers, for a carrier that cannot keep the two together (a
 *   Gemini caller receives streamed thought text in parts of its own, and may drop thought parts).
 * - The `/1` is the format's version: an envelope of an unknown version is not unwrapped (it
 *   stays an opaque value of the carrier's own dialect, which its vendor refuses as any wrong
 *   signature), rather than guessed at.
 */
import { z } from 'zod';

export type CarriedKind = 'signature' | 'redacted';

export interface CarriedSignature {
  /** The dialect that issued the value (`anthropic`, `gemini`, `openai-responses`). */
  origin: string;
  /** A cloud platform the value is bound to, when it is. */
  platform?: string;
  kind: CarriedKind;
  /** The value exactly as its vendor gave it. */
  value: string;
  /** The reasoning text the signature covers, when the carrier keeps it apart. */
  text?: string;
}

const marker = 'interlingua-signature/1\n';
const markerBase64 = Buffer.from(marker, 'utf8').toString('base64');

const envelopeSchema = z.object({
  origin: z.string().min(1),
  platform: z.string().min(1).optional(),
  kind: z.enum(['signature', 'redacted']),
  value: z.string(),
  text: z.string().optional(),
});

/** The envelope for a value, as one standard base64 string. */
export function wrapSignature(carried: CarriedSignature): string {
  const body: CarriedSignature = { origin: carried.origin, kind: carried.kind, value: carried.value };
  if (carried.platform !== undefined) body.platform = carried.platform;
  if (carried.text !== undefined) body.text = carried.text;
  return Buffer.from(marker + JSON.stringify(body), 'utf8').toString('base64');
}

/** Whether a carrier's value is an envelope (URL-safe base64 too: a client may have re-encoded it). */
export function isSignatureEnvelope(value: string): boolean {
  if (value.startsWith(markerBase64)) return true;
  if (value.length < markerBase64.length) return false;
  return Buffer.from(value.slice(0, markerBase64.length), 'base64').toString('utf8') === marker;
}

/** The value inside an envelope, or undefined when the carrier holds a native value (or a broken envelope). */
export function unwrapSignature(value: string): CarriedSignature | undefined {
  if (!isSignatureEnvelope(value)) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text.slice(marker.length));
  } catch {
    return undefined;
  }
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const carried: CarriedSignature = { origin: parsed.data.origin, kind: parsed.data.kind, value: parsed.data.value };
  if (parsed.data.platform !== undefined) carried.platform = parsed.data.platform;
  if (parsed.data.text !== undefined) carried.text = parsed.data.text;
  return carried;
}

/**
 * What a dialect puts in its own carrier for a value issued by `origin`: the value itself when
 * the dialect issued it, the envelope otherwise. An unknown origin is not wrapped either: no
 * vendor could verify it, so nothing would come of carrying it.
 */
export function carrierValue(dialect: string, origin: string | undefined, kind: CarriedKind, value: string, text?: string): string | undefined {
  if (origin === undefined) return undefined;
  if (origin === dialect) return value;
  return wrapSignature({ origin, kind, value, ...(text !== undefined ? { text } : {}) });
}

/**
 * What a dialect reads from its own carrier: an envelope names its origin; anything else is
 * the dialect's own vendor's value, of the kind the carrier holds (`nativeKind`).
 */
export function readCarrier(dialect: string, value: string, nativeKind: CarriedKind = 'signature'): CarriedSignature {
  return unwrapSignature(value) ?? { origin: dialect, kind: nativeKind, value };
}
