import type { VendorData } from './vendor.js';
import type { Warning } from './warning.js';

/**
 * An embeddings request: one vector per input, in order. Inputs are text; OpenAI's pre-tokenized
 * inputs (arrays of token ids) travel as `tokens` and only a same-dialect upstream can take them.
 */
export interface EmbeddingRequest {
  model: string;
  inputs: EmbeddingInput[];
  /** Requested vector length (OpenAI `dimensions`, Gemini `outputDimensionality`, Ollama `dimensions`). */
  dimensions?: number;
  /** How the caller wants vectors written back: numbers, or base64 of little-endian float32 (OpenAI). */
  encodingFormat?: 'float' | 'base64';
  /** What the vectors are for (Gemini `taskType`, e.g. RETRIEVAL_QUERY); other dialects have no such field. */
  taskType?: string;
  user?: string;
  vendor?: VendorData;
}

export type EmbeddingInput = { type: 'text'; text: string } | { type: 'tokens'; tokens: number[] };

export interface EmbeddingResponse {
  model: string;
  /** One vector per input, in input order. */
  embeddings: number[][];
  usage: { inputTokens?: number; totalTokens?: number };
  vendor?: VendorData;
}

/** How a caller's embeddings route frames its request (Gemini has a single and a batch method). */
export interface EmbeddingParseContext {
  /** Model named in the URL path (Gemini). */
  model?: string;
  /** Gemini `:embedContent` (one input, answered `{embedding}`) rather than `:batchEmbedContents`. */
  single?: boolean;
}

export interface EmbeddingEmitResponseContext {
  requestedModel: string;
  request: EmbeddingRequest;
  /** Gemini: answer `:embedContent` with `{embedding}` rather than `{embeddings}`. */
  single?: boolean;
}

/**
 * The embeddings half of a dialect that has one (OpenAI, Gemini, Ollama; Anthropic has none).
 * Errors use the dialect's chat `parseError` / `emitError`: the shapes are the same.
 */
export interface EmbeddingCodec {
  parseRequest(body: unknown, context: EmbeddingParseContext): { request: EmbeddingRequest; warnings: Warning[] };
  emitRequest(request: EmbeddingRequest, options: { model: string }): { body: unknown; warnings: Warning[] };
  parseResponse(body: unknown): EmbeddingResponse;
  emitResponse(response: EmbeddingResponse, context: EmbeddingEmitResponseContext): unknown;
}

