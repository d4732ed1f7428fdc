import type { ChatRequest } from '../interlingua/request.js';

/**
 * A local token count for upstreams with no counting API: the request's text (system, turns,
 * tool calls and results, tool definitions) through OpenAI's o200k_base tokenizer, plus a few
 * tokens per message for the chat format's framing. An estimate, and answered as one.
 * The tokenizer's ranks (several MB) load on first use, not at start.
 */
const framingTokensPerMessage = 4;

type Encode = (text: string) => number[];
let encoder: Promise<Encode> | undefined;

async function loadEncoder(): Promise<Encode> {
  const [{ Tiktoken }, ranks] = await Promise.all([import('js-tiktoken/lite'), import('js-tiktoken/ranks/o200k_base')]);
  const tokenizer = new Tiktoken(ranks.default);
  // A caller's text may hold a special token's spelling (`<|endoftext|>`): it is counted as the
  // text it is, where js-tiktoken's default would throw (`disallowedSpecial` "all").
  return (text) => tokenizer.encode(text, [], []);
}

/**
 * The tokens of these texts, added up. Tokenizing runs on the event loop and costs about 0.7 µs a
 * character of English and 7 of Chinese, so with `sampleChars` a longer whole is counted from
 * that many characters taken in slices spread over it, and scaled to its length.
 */
export async function countTextTokens(texts: readonly string[], sampleChars?: number): Promise<number> {
  encoder ??= loadEncoder();
  const encode = await encoder;
  const length = texts.reduce((sum, text) => sum + text.length, 0);
  if (sampleChars === undefined || length <= sampleChars) return texts.reduce((sum, text) => sum + encode(text).length, 0);
  const whole = texts.join('');
  const step = Math.floor(length / sampleSlices);
  const slice = Math.floor(sampleChars / sampleSlices);
  let sampled = 0;
  for (let start = 0; start + slice <= length; start += step) sampled += encode(whole.slice(start, start + slice)).length;
  return Math.round((sampled * length) / (slice * sampleSlices));
}

/** Slices a sampled count (countTextTokens) reads, so that a text that changes along its length is seen throughout. */
const sampleSlices = 8;

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
  encoder ??= loadEncoder();
  const encode = await encoder;
  let counted = framingTokens(request);
  for (const text of inputTexts(request)) {
    for (let start = 0; start < text.length && counted < tokens; ) {
      const end = pieceEnd(text, start);
      counted += encode(text.slice(start, end)).length;
      start = end;
    }
    if (counted >= tokens) return true;
  }
  return counted >= tokens;
}

/** Characters tokenized at a time by inputReaches, about. */
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
