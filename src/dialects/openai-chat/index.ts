/**
 * The OpenAI Chat Completions dialect (`POST /v1/chat/completions`), both as an API the gateway
 * serves and as an upstream it calls. OpenAI-compatible upstreams (DeepSeek, Zhipu, Qwen, vLLM,
 * llama.cpp, Groq, OpenRouter) use the same dialect with their quirks switched on through
 * `createOpenaiChatDialect`.
 * Reference: https://platform.openai.com/docs/api-reference/chat
 */
import type { Dialect } from '../../interlingua/dialect.js';
import { openaiToolNames } from '../openai-family/tool-names.js';
import { openaiEmbeddings } from './embeddings.js';
import { emitError, parseError } from './errors.js';
import { defaultQuirks, type OpenaiChatQuirks } from './quirks.js';
import { emitRequest } from './request-emit.js';
import { parseRequest } from './request-parse.js';
import { emitResponse } from './response-emit.js';
import { parseResponse } from './response-parse.js';
import { OpenaiChatStreamDecoder } from './stream-decode.js';
import { OpenaiChatStreamEncoder } from './stream-encode.js';
import { dialectName } from './vendor.js';
import { finishReasonLoss } from './finish-reason.js';

export type { OpenaiChatQuirks } from './quirks.js';

/**
 * Without quirks the dialect is api.openai.com's; with them, a compatible server's, which returns
 * reasoning text unless its quirks say otherwise (quirks.ts, `reasoningText`).
 */
export function createOpenaiChatDialect(quirks: Partial<OpenaiChatQuirks> = {}): Dialect {
  const resolved: OpenaiChatQuirks = { ...defaultQuirks, reasoningText: Object.keys(quirks).length > 0, ...quirks };
  return {
    name: dialectName,
    streamFraming: 'sse',
    capabilities: { imageUrls: true, toolNames: openaiToolNames, objectSchemaRoot: true, ...(resolved.completeAsStream ? { completesByStreaming: true } : {}) },
    parseRequest,
    emitRequest: (request, options) => emitRequest(request, options, resolved),
    parseResponse,
    emitResponse,
    writesUrlCitations: true,
    finishReasonLoss,
    createStreamDecoder: () => new OpenaiChatStreamDecoder(resolved.finishAtDone === true),
    createStreamEncoder: (context) => new OpenaiChatStreamEncoder(context),
    parseError,
    emitError,
    embeddings: openaiEmbeddings,
  };
}

/** The dialect as api.openai.com speaks it. */
export const openaiChatDialect: Dialect = createOpenaiChatDialect();
