/**
 * The Ollama dialect: Ollama's native chat API, `POST /api/chat`, both as an API the gateway
 * serves (to Ollama clients such as the official `ollama` npm package) and as an upstream it
 * calls. Streams are NDJSON, one JSON object per line, and stream by default.
 * Reference: https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
import type { Dialect } from '../../interlingua/dialect.js';
import { ollamaEmbeddings } from './embeddings.js';
import { emitOllamaError, parseOllamaError } from '../ollama-family/errors.js';
import { emitOllamaRequest } from './request-emit.js';
import { parseOllamaRequest } from './request-parse.js';
import { emitOllamaResponse } from './response-emit.js';
import { parseOllamaResponse } from './response-parse.js';
import { OllamaStreamDecoder } from './stream-decode.js';
import { OllamaStreamEncoder } from './stream-encode.js';
import { chatLoadAnswer } from './load-answer.js';
import { dialectName } from './vendor.js';
import { doneReasonLoss } from '../ollama-family/finish-reason.js';

export const ollamaDialect: Dialect = {
  name: dialectName,
  streamFraming: 'ndjson',
  // Ollama takes images as base64 only; the gateway inlines URLs first.
  capabilities: { imageUrls: false },
  parseRequest: parseOllamaRequest,
  emitRequest: emitOllamaRequest,
  parseResponse: parseOllamaResponse,
  emitResponse: emitOllamaResponse,
  createStreamDecoder: () => new OllamaStreamDecoder(),
  createStreamEncoder: (context) => new OllamaStreamEncoder(context),
  parseError: (status, body, headers) => parseOllamaError(status, body, headers, dialectName),
  emitError: emitOllamaError,
  finishReasonLoss: doneReasonLoss,
  answerWithoutModel: chatLoadAnswer,
  embeddings: ollamaEmbeddings,
};
