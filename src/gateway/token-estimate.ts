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
  return (text) => tokenizer.encode(text);
}

export async function estimateInputTokens(request: ChatRequest): Promise<number> {
  encoder ??= loadEncoder();
  const encode = await encoder;
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
  const textTokens = texts.reduce((total, text) => total + encode(text).length, 0);
  return textTokens + framingTokensPerMessage * (request.messages.length + (request.system.length > 0 ? 1 : 0));
}
