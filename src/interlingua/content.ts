/**
 * Content parts: the pieces a message is made of. Every union is discriminated on `type`
 * so that a dialect's `switch` breaks the build when a new part kind appears.
 */
import type { VendorData } from './vendor.js';
import type { CacheBreakpoint } from './cache.js';

export interface TextPart {
  type: 'text';
  text: string;
  /** Sources the answer cites for spans of this text (a grounded or web-searching model's answer). */
  citations?: TextCitation[];
  /** The log probability of each token of this text, in order, where the caller asked and the vendor told. */
  logprobs?: TokenLogprob[];
  /** A prompt-cache breakpoint after this part (see cache.ts). */
  cache?: CacheBreakpoint;
  vendor?: VendorData;
}

/**
 * A token the model produced and how likely it was (OpenAI's `logprobs`). `bytes` is the token's
 * UTF-8 bytes, absent where the vendor did not say (null where it said the token has none);
 * `top` lists the likeliest tokens at that position, as many as the caller asked for.
 */
export interface TokenLogprob {
  token: string;
  logprob: number;
  bytes?: number[] | null;
  top?: TopTokenLogprob[];
}

/** One of the likeliest tokens at a position. */
export interface TopTokenLogprob {
  token: string;
  logprob: number;
  bytes?: number[] | null;
}

/**
 * A web page that supports a span of a text part: Gemini's grounding with Google Search, OpenAI's
 * `url_citation` annotations. `startIndex` (inclusive) and `endIndex` (exclusive) count UTF-16 code
 * units of the part's `text` (JavaScript string indices), whatever unit the vendor used on the wire.
 */
export interface UrlCitation {
  type: 'url';
  url: string;
  title?: string;
  startIndex: number;
  endIndex: number;
}

/** A citation on answer text; a union so that other source kinds can join it. */
export type TextCitation = UrlCitation;

/**
 * Where an image's bytes live: inline (base64), behind a URL the target may have to fetch, or in
 * a file uploaded to one vendor's servers (`file-id`, as for files), which only the dialect named
 * by `origin` can read: every other target leaves it out with a warning.
 */
export type ImageSource =
  | { kind: 'base64'; mediaType: string; data: string }
  | { kind: 'url'; url: string }
  | { kind: 'file-id'; fileId: string; origin: string };

export interface ImagePart {
  type: 'image';
  source: ImageSource;
  /**
   * OpenAI's `detail` hint; other dialects have no equivalent. `original` (the image at its own
   * resolution) is the Responses API's alone (node_modules/openai/resources/responses/responses.d.ts).
   */
  detail?: 'auto' | 'low' | 'high' | 'original';
  /** A prompt-cache breakpoint after this part (see cache.ts). */
  cache?: CacheBreakpoint;
  vendor?: VendorData;
}

/**
 * Where a file's bytes live. `text` is a document given as plain text (Anthropic's `text`
 * document source). `file-id` names a file uploaded to one vendor's servers, meaningful only
 * there: `origin` is the dialect that read it, and only that dialect's emitter sends it on.
 */
export type FileSource =
  | { kind: 'base64'; mediaType: string; data: string }
  | { kind: 'url'; url: string; mediaType?: string }
  | { kind: 'text'; mediaType: string; text: string }
  | { kind: 'file-id'; fileId: string; origin: string; mediaType?: string };

/**
 * A document for the model to read (a PDF, a text file): Anthropic `document`, OpenAI Chat `file`,
 * Responses `input_file`, Gemini `inlineData`/`fileData` with a non-image type. Allowed in user
 * messages and tool results. `filename` is OpenAI's, `title` Anthropic's; each target takes
 * whichever it has.
 */
export interface FilePart {
  type: 'file';
  source: FileSource;
  filename?: string;
  title?: string;
  /**
   * Text about the document that the model reads but does not cite (who wrote it, how far to trust
   * it): Anthropic's document `context`, Bedrock Converse DocumentBlock `context`. A target without
   * such a field is given it as text beside the document.
   */
  context?: string;
  /**
   * Whether answers may cite passages of this document (Anthropic `citations: {enabled}`, Bedrock
   * Converse DocumentBlock `citations: {enabled}`); a target without document citations reports it.
   */
  citations?: boolean;
  vendor?: VendorData;
}

/**
 * A call the model asked for. `arguments` is the JSON text of the arguments: it is what
 * streams carry as deltas, and it survives a model that emits invalid JSON.
 */
export interface ToolCallPart {
  type: 'tool-call';
  id: string;
  name: string;
  arguments: string;
  /** A prompt-cache breakpoint after this part (see cache.ts). */
  cache?: CacheBreakpoint;
  vendor?: VendorData;
}

/** The caller's answer to a tool call. `toolName` is known in most dialects and required by Gemini. */
export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  toolName?: string;
  content: ToolResultContentPart[];
  isError?: boolean;
  /** A prompt-cache breakpoint after this part (see cache.ts). */
  cache?: CacheBreakpoint;
  vendor?: VendorData;
}

/**
 * Model reasoning ("thinking"). A signature is opaque and only the vendor that issued it can
 * verify it, so it is kept together with the dialect that produced it (`signatureOrigin`), or,
 * where the vendor binds it to one account, with that dialect and provider (`azure-openai-responses:<provider>`).
 * A redacted block carries only encrypted `redactedData`.
 */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  signature?: string;
  redactedData?: string;
  signatureOrigin?: string;
  vendor?: VendorData;
}

export type UserPart = TextPart | ImagePart | FilePart;
export type ToolResultContentPart = TextPart | ImagePart | FilePart;
export type AssistantPart = TextPart | ToolCallPart | ReasoningPart;
export type ContentPart = TextPart | ImagePart | FilePart | ToolCallPart | ToolResultPart | ReasoningPart;
