import type { ChatRequest } from '../../interlingua/request.js';
import { countTokensOfEach } from './tokenizer-client.js';

/**
 * A local token count for upstreams with no counting API: the request's text (system, turns,
 * tool calls and results, tool definitions) through OpenAI's o200k_base tokenizer, plus a few
 * tokens per message for the chat format's framing. An estimate, and answered as one.
 * Tokenizing runs on a thread of its own (tokenizer-client.ts), started on first use.
 */
const framingTokensPerMessage = 4;

/**
 * The tokens of these texts, added up. With `sampleChars`, a longer whole is counted from that
 * many characters taken in slices spread over it, and scaled to its length: a bounded cost for an
 * estimate, however long the text.
 */
export async function countTextTokens(texts: readonly string[], sampleChars?: number): Promise<number> {
  const length = texts.reduce((sum, text) => sum + text.length, 0);
  if (sampleChars === undefined || length <= sampleChars) return sum(await countTokensOfEach([...texts]));
  const whole = texts.join('');
  const step = Math.floor(length / sampleSlices);
  const slice = Math.floor(sampleChars / sampleSlices);
  const slices: string[] = [];
  for (let start = 0; start + slice <= length; start += step) slices.push(whole.slice(start, start + slice));
  return Math.round((sum(await countTokensOfEach(slices)) * length) / (slice * slices.length));
}

/** Slices a sampled count (countTextTokens) reads, so that a text that changes along its length is seen throughout. */
const sampleSlices = 8;

function sum(counts: readonly number[]): number {
  return counts.reduce((total, count) => total + count, 0);
}

/** The request's estimated input tokens; `sampleChars` as for countTextTokens. */
export async function estimateInputTokens(request: ChatRequest, sampleChars?: number): Promise<number> {
  return (await countTextTokens(inputTexts(request), sampleChars)) + framingTokens(request);
}

/**
 * Whether the request's input reaches `tokens`, counting only as far as it must: the text is
 * tokenized in pieces until the count is reached, so a long conversation costs what its first
 * `tokens` cost, not what all of it would.
 */
export async function inputReaches(request: ChatRequest, tokens: number): Promise<boolean> {
  let counted = framingTokens(request);
  const pieces = inputPieces(inputTexts(request));
  for (let next = pieces.next(); counted < tokens && next.done !== true; ) {
    // About as much text as the tokens still missing could take, in one exchange with the tokenizer's thread.
    const batch: string[] = [];
    for (let chars = 0; chars < (tokens - counted) * charsPerToken && next.done !== true; next = pieces.next()) {
      batch.push(next.value);
      chars += next.value.length;
    }
    counted += sum(await countTokensOfEach(batch));
  }
  return counted >= tokens;
}

/** English runs about 4 characters a token: a batch of inputReaches that falls short takes one more exchange. */
const charsPerToken = 4;

/** The texts cut into pieces of about `pieceChars`, each cut before a space (pieceEnd). */
function* inputPieces(texts: readonly string[]): Generator<string, undefined> {
  for (const text of texts) {
    for (let start = 0; start < text.length; ) {
      const end = pieceEnd(text, start);
      yield text.slice(start, end);
      start = end;
    }
  }
  return undefined;
}

/** Characters in a piece of inputReaches, about. */
const pieceChars = 1024;

/**
 * Where a piece of `text` from `start` ends: before a space, where the tokenizer starts a new
 * token anyway (o200k_base's pattern joins a space to the word after it), so that counting in
 * pieces counts what the whole would; in text without spaces a cut may add a token.
 */
function pieceEnd(text: string, start: number): number {
  const end = start + pieceChars;
  if (end >= text.length) return text.length;
  const space = text.lastIndexOf(' ', end);
  return space > start ? space : end;
}

function framingTokens(request: ChatRequest): number {
  return framingTokensPerMessage * (request.messages.length + (request.system.length > 0 ? 1 : 0));
}

/** The request's text: system, turns, tool calls and results, text files, tool definitions. */
function inputTexts(request: ChatRequest): string[] {
  const texts: string[] = request.system.map((part) => part.text);
  for (const message of request.messages) {
    for (const part of message.content) {
      switch (part.type) {
        case 'text':
        case 'reasoning':
          texts.push(part.text);
          break;
        case 'tool-call':
          texts.push(part.name, part.arguments);
          break;
        case 'tool-result':
          for (const inner of part.content) if (inner.type === 'text') texts.push(inner.text);
          break;
        case 'file':
          if (part.source.kind === 'text') texts.push(part.source.text);
          break;
        case 'image':
          break;
      }
    }
  }
  for (const tool of request.tools ?? []) texts.push(JSON.stringify(tool));
  return texts;
}
