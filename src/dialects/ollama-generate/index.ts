/**
 * The Ollama generate dialect: Ollama's prompt-in, text-out API, `POST /api/generate`, both as an
 * API the gateway serves (the `ollama` npm client's `generate()`, and the many UIs built on it)
 * and as an upstream it calls, for what only generate can do (`suffix` fill-in-the-middle,
 * `template`, `raw`). What it shares with `/api/chat` (options, format, think, counts, errors,
 * the NDJSON stream envelope) lives in ../ollama-family/. Streams are NDJSON and stream by default.
 * Reference: https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-completion
 */
import type { Dialect } from '../../interlingua/dialect.js';
import { emitOllamaError, parseOllamaError } from '../ollama-family/errors.js';
import { emitGenerateRequest } from './request-emit.js';
import { parseGenerateRequest } from './request-parse.js';
import { emitGenerateResponse } from './response-emit.js';
import { parseGenerateResponse } from './response-parse.js';
import { GenerateStreamDecoder } from './stream-decode.js';
import { GenerateStreamEncoder } from './stream-encode.js';
import { generateLoadAnswer } from './load-answer.js';
import { dialectName } from './vendor.js';
import { doneReasonLoss } from '../ollama-family/finish-reason.js';

export const ollamaGenerateDialect: Dialect = {
  name: dialectName,
  streamFraming: 'ndjson',
  // Ollama takes images as base64 only; the gateway inlines URLs first.
  capabilities: { imageUrls: false },
  parseRequest: parseGenerateRequest,
  emitRequest: emitGenerateRequest,
  parseResponse: parseGenerateResponse,
  emitResponse: emitGenerateResponse,
  createStreamDecoder: () => new GenerateStreamDecoder(),
  createStreamEncoder: (context) => new GenerateStreamEncoder(context),
  parseError: (status, body, headers) => parseOllamaError(status, body, headers, dialectName),
  emitError: emitOllamaError,
  finishReasonLoss: doneReasonLoss,
  answerWithoutModel: generateLoadAnswer,
};
