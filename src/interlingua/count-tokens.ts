import type { ChatRequest } from './request.js';
import type { EmitRequestOptions, ParsedRequest, ParseRequestContext } from './dialect.js';

/** What a count request is written with: the model, and how it asks for reasoning, as for generating (EmitRequestOptions). */
export type CountRequestOptions = Pick<EmitRequestOptions, 'model' | 'reasoningByEffort' | 'reasoningOff' | 'effortsBeyondScale' | 'reasoningSwitchWords'>;

/**
 * Token counting for the dialects that have a counting API (Anthropic
 * `/v1/messages/count_tokens`, Gemini `:countTokens`): read a caller's count request, answer it,
 * and ask an upstream of the dialect to count.
 */
export interface CountTokensCodec {
  parseRequest(body: unknown, context: ParseRequestContext): ParsedRequest;
  emitResponse(count: TokenCount): unknown;
  emitRequest(request: ChatRequest, options: CountRequestOptions): unknown;
  /** The upstream's answer → the number of input tokens. */
  parseResponse(body: unknown): number;
}

export interface TokenCount {
  inputTokens: number;
  /** Counted by a local tokenizer because the upstream has no counting API. */
  estimated: boolean;
}
