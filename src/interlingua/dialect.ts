import type { ChatRequest } from './request.js';
import type { ChatResponse } from './response.js';
import type { StreamEvent } from './stream-event.js';
import type { InterlinguaError } from './error.js';
import type { Warning } from './warning.js';
import type { EmbeddingCodec } from './embedding.js';
import type { CountTokensCodec } from './count-tokens.js';
import type { PromptCacheLimits } from './cache.js';
import type { FinishReason } from './finish-reason.js';

/**
 * The contract every wire format implements, in both directions: as an API the gateway
 * serves (parse requests, emit responses and streams, render errors) and as an upstream it
 * calls (emit requests, parse responses, decode streams, read errors). All pure: no I/O.
 */
export interface Dialect {
  readonly name: string;
  /** How streams are framed on the wire: text (SSE, NDJSON) or binary (AWS event-stream messages). */
  readonly streamFraming: 'sse' | 'ndjson' | 'aws-event-stream';
  /**
   * False when the dialect's client libraries do not skip SSE comment lines as the standard says,
   * so a streamed answer must carry none (no keep-alive comments). Unset: they skip them.
   */
  readonly clientsSkipSseComments?: boolean;
  /** What the dialect can take, so the gateway can prepare a request (e.g. fetch image URLs). */
  readonly capabilities: DialectCapabilities;

  /** Wire body (already JSON-parsed, untrusted) → interlingua. Throws `InterlinguaError('invalid_request')`. */
  parseRequest(body: unknown, context: ParseRequestContext): ParsedRequest;
  /** Interlingua → wire body for an upstream of this dialect. */
  emitRequest(request: ChatRequest, options: EmitRequestOptions): EmittedRequest;

  /** Upstream's non-streamed wire body → interlingua. Throws `InterlinguaError('upstream_error')`. */
  parseResponse(body: unknown): ChatResponse;
  /** Interlingua → the wire body this dialect's callers expect. */
  emitResponse(response: ChatResponse, context: EmitResponseContext): unknown;
  /**
   * The answer the dialect's own servers give a request without running a model (Ollama's load and
   * unload requests), sent as it is with no upstream call; undefined for a request that needs a model.
   */
  answerWithoutModel?(request: ChatRequest): unknown;
  /**
   * The dialect's answers, whole and streamed, carry an image another vendor's model generated
   * (Responses' `image_generation_call`), so the gateway does not report it as left out (core/unported-output.ts).
   */
  readonly writesGeneratedImages?: boolean;
  /**
   * The dialect's answers, whole and streamed, carry a text part's URL citations (OpenAI's
   * `url_citation` annotations), so the gateway does not report them as left out.
   */
  readonly writesUrlCitations?: boolean;
  /**
   * The dialect's answers, whole and streamed, carry document citations in Claude's form (the
   * `vendor.anthropic.citations` of a text part), so the gateway does not report them as left out.
   */
  readonly writesDocumentCitations?: boolean;
  /**
   * What the dialect's finish word cannot say of `reason` (its nearest word reads as a clean end),
   * for the gateway to report; undefined when the word carries it, and for a dialect without this.
   */
  finishReasonLoss?(reason: FinishReason): string | undefined;
  /**
   * Response headers that carry part of a whole answer where the dialect puts it there (Bedrock
   * InvokeModel's token counts in `x-amzn-bedrock-*-token-count`), written beside emitResponse's body.
   */
  answerHeaders?(response: ChatResponse): Record<string, string>;

  /** A stateful decoder for one upstream stream. */
  createStreamDecoder(): StreamDecoder;
  /** A stateful encoder for one caller stream. */
  createStreamEncoder(context: EmitResponseContext): StreamEncoder;

  /** An upstream's error answer (status + raw body text) → interlingua. */
  parseError(status: number, body: string, headers: Record<string, string>): InterlinguaError;
  /**
   * An error → the status and body this dialect's callers expect, and the response headers that
   * carry part of it where the dialect puts it there (Bedrock's error type in `x-amzn-errortype`).
   */
  emitError(error: InterlinguaError): { status: number; body: unknown; headers?: Record<string, string> };

  /** The dialect's embeddings API, where it has one. */
  readonly embeddings?: EmbeddingCodec;
  /** The dialect's token-counting API, where it has one. */
  readonly countTokens?: CountTokensCodec;
  /**
   * For dialects whose caching needs explicit breakpoints (Anthropic, Claude on the clouds): the
   * vendor's limits for a model, so the gateway can place breakpoints for callers that cannot write
   * them; undefined for a model that takes none there.
   */
  promptCacheLimits?(model: string): PromptCacheLimits | undefined;
}

export interface DialectCapabilities {
  /** Whether an image may be given by http(s) URL; if not, the gateway inlines it first. */
  imageUrls: boolean;
  /**
   * false when the upstream refuses a request holding a document given by URL, though its codec writes one
   * (Claude on Vertex): each such document is replaced by a note saying so (core/document-url-fit.ts).
   */
  documentUrls?: boolean;
  /** The image media types the upstream reads, when not PNG, JPEG, GIF and WebP alike: a GIF it does not read goes as a PNG. */
  imageMediaTypes?: readonly string[];
  /** What each inline image may be for a model that refuses an image past it: such an image is scaled to fit (core/image-size-fit.ts). */
  imageLimits?(model: string): ImageLimits | undefined;
  /** The upstream takes a response schema only with an object at its root: another goes wrapped (core/json-root-wrap.ts). */
  objectSchemaRoot?: boolean;
  /** The tool names the upstream takes, when it takes fewer than callers send; others are renamed for it (core/tool-name-fit.ts). */
  toolNames?: ToolNameRules;
  /** The upstream answers some requests only as a stream: a whole answer is asked for as one and its events folded. */
  completesByStreaming?: boolean;
  /**
   * false when the upstream refuses to stream this request to this model (Meta's models on Bedrock
   * Converse call tools only unstreamed): the whole answer is asked for and relayed as a stream.
   */
  streams?(request: ChatRequest, model: string): boolean;
}

/** The largest inline image an upstream takes. */
export interface ImageLimits {
  /** Pixels on the longer side. */
  maxSide: number;
  /** A smaller longest side for every image of a request that holds more than `count` images. */
  manyImages?: { count: number; maxSide: number };
  /** Characters of one image's base64 text. */
  maxBase64Length: number;
  /** Images one request may hold, where the upstream refuses more: such a request is refused before it is sent. */
  maxCount?: number;
}

/** What a tool name may be: which characters, which first character, how long. */
export interface ToolNameRules {
  /** Matches one character a name may hold. */
  allowed: RegExp;
  /** Matches the character a name may start with, where the target restricts it. */
  first?: RegExp;
  maxLength: number;
}

/** Facts about the request that live outside its body, in the URL path (Gemini) or route. */
export interface ParseRequestContext {
  /** Model named in the URL path, for dialects that put it there. */
  model?: string;
  /** Whether the route itself asks for a stream (Gemini `:streamGenerateContent`). */
  stream?: boolean;
  /** How the caller wants its stream framed when not as SSE (Gemini without `alt=sse`). */
  streamFraming?: 'json-array';
}

export interface ParsedRequest {
  request: ChatRequest;
  warnings: Warning[];
}

/** Effort words OpenAI's APIs carry beyond the interlingua's scale: `none` turns reasoning off, `xhigh` and `max` ask for more than `high`. */
export type EffortBeyondScale = 'none' | 'xhigh' | 'max';

export interface EmitRequestOptions {
  /** The model name the upstream knows. */
  model: string;
  /** Used where the dialect requires `max_tokens` and the caller gave none. */
  defaultMaxOutputTokens: number;
  /**
   * The model takes reasoning by an effort word only (the catalog's `reasoning: effort`): a dialect
   * that can ask by token budget or by effort (Anthropic) asks by effort.
   */
  reasoningByEffort?: boolean;
  /**
   * With `reasoningByEffort`: the setting that turns reasoning off on a model that reasons unless
   * told not to (Anthropic `thinking: {type: "disabled"}`, or Claude Sonnet 5.5's lowest,
   * `between_tools`). Absent, reasoning off is no reasoning field, as such models do not reason without one.
   */
  reasoningOff?: 'disabled' | 'between-tools';
  /**
   * The effort words beyond low–high the model takes (`none`, `xhigh`, `max`), when the catalog
   * knows them: a caller's own such word that the model does not take is written as its meaning
   * on the common scale instead (`xhigh` → `high`), with a warning. Absent: such a word goes as written.
   */
  effortsBeyondScale?: readonly EffortBeyondScale[];
  /**
   * The model takes its effort field only as an on-off switch in these words (the catalog's
   * `reasoning: switch`, Groq's Qwen 3): reasoning on is written `on`, off `off`, whatever level was asked.
   */
  reasoningSwitchWords?: { on: string; off: string };
  /**
   * The conversation was written by the gateway from another dialect, and the model checks that
   * nothing before a replayed thinking block changed (Anthropic's preserved thinking): a block
   * whose prefix does not match exactly is dropped rather than the whole request refused.
   */
  dropStaleThinking?: boolean;
  /**
   * Anthropic beta switches the caller asked for in its own `anthropic-beta` header, when it speaks
   * Claude's Messages API and the upstream serves Claude through another dialect: sent where that
   * upstream reads betas, those it takes.
   */
  callerBetas?: readonly string[];
}

export interface EmittedRequest {
  body: unknown;
  warnings: Warning[];
  /**
   * Request headers the body needs to be understood (an Anthropic beta switch for a field it
   * uses), added to the provider's own; a comma-separated list joins theirs.
   */
  headers?: Record<string, string>;
  /**
   * The prefill the upstream's answer will begin with again (Mistral's `prefix`), to be taken off
   * it: a caller's prefill is never repeated back (core/echoed-prefix.ts).
   */
  echoedPrefix?: string;
}

export interface EmitResponseContext {
  /** The model name the caller asked for, echoed back as the caller expects. */
  requestedModel: string;
  /** The caller's request, for flags such as OpenAI `stream_options.include_usage`. */
  request: ChatRequest;
  /** `performance.now()` when the request arrived, for dialects whose answers report their own timings (Ollama's durations). */
  startedAt?: number;
}

/**
 * One framed unit of a stream: an SSE event (`event` may be absent), one NDJSON line, or one AWS
 * event-stream message (`event` is its `:event-type`, `data` its payload as text).
 */
export interface StreamFrame {
  event?: string;
  data: string;
  /**
   * An AWS event-stream message whose `:message-type` is `exception` (`event` is then its
   * `:exception-type`) or `error` (`event` is its `:error-code`, `data` `{"message": <its :error-message>}`):
   * the upstream's failure in the middle of a stream.
   */
  exception?: true;
}

export interface StreamDecoder {
  /** One frame in, zero or more events out. Throws `InterlinguaError` on a malformed frame. */
  push(frame: StreamFrame): StreamEvent[];
  /**
   * The upstream closed the stream. Returns closing events; if the stream never finished
   * this is an `error` event (`stream_interrupted`), never a clean finish.
   */
  end(): StreamEvent[];
}

export interface StreamEncoder {
  /** One event in, the wire text to write (possibly empty) out. */
  encode(event: StreamEvent): string;
  /**
   * For a dialect whose streams are binary framed (`streamFraming: 'aws-event-stream'`): one event in,
   * the frames to write out, each serialized once into a binary message by the writer. `encode` then
   * writes the same frames as text, one `StreamFrame` JSON per line, for logs and the console.
   */
  encodeFrames?(event: StreamEvent): StreamFrame[];
  /**
   * The whole response object the stream described, once finished, for dialects whose stream
   * ends with one (Responses `response.completed`): what a stored copy must repeat exactly.
   */
  finalResponse?(): unknown;
  /**
   * For a stream the gateway relayed as the upstream wrote it: the upstream's last frame, so that
   * what this encoder writes next (an in-band error after a cut) continues the stream rather than
   * starting it again, where the dialect numbers its events (Responses `sequence_number`).
   */
  continueAfter?(frame: StreamFrame): void;
}
