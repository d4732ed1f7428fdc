import type { ChatRequest } from '../interlingua/request.js';
import type { EmbeddingRequest } from '../interlingua/embedding.js';
import type { Usage } from '../interlingua/usage.js';
import type { OutputSoFar } from '../core/output-text.js';
import { countTextTokens, estimateInputTokens } from './tokenizer/token-estimate.js';

/**
 * How an answer ended, for its usage: `finished` with the upstream's own count (which may lack a
 * figure: some compatible servers report none), or `unfinished` — the caller left or the stream
 * broke before the count that comes last (OpenAI's usage chunk, Anthropic's `message_delta`).
 * The vendor bills what it generated until the gateway hung up all the same, so a key that
 * leaves before the count must not be charged nothing (the disconnect billing gap LiteLLM closed
 * in BerriAI/litellm#33736 and #37558; pollinations/pollinations#5594).
 */
export type AnswerEnd = 'finished' | 'unfinished';

/**
 * Characters counted exactly before a text is counted from a sample (token-estimate.ts): at most a
 * few milliseconds of the event loop for English, about 30 for Chinese, however long the conversation.
 */
const sampleChars = 4096;

/** Whether the upstream's usage leaves tokens uncounted, so that they must be estimated. */
export function usageGap(usage: Usage, end: AnswerEnd): boolean {
  return end === 'unfinished' || usage.inputTokens === undefined || usage.outputTokens === undefined;
}

/**
 * How far an estimate must pass a running count to replace it: tokenizers differ by some percent
 * between vendors, and Gemini restates an exact running count on every chunk, which an estimate
 * from another tokenizer only blurs.
 */
function runningCountMargin(estimate: number): number {
  return Math.max(8, Math.ceil(estimate * 0.25));
}

/**
 * The upstream's usage with what it did not count estimated by the local tokenizer
 * (token-estimate.ts): missing input from the request, output from the text written so far. A
 * figure the upstream gave stays, zero included (a count of 0 is the vendor's word, not a gap:
 * BerriAI/litellm#37992), except an unfinished stream's output count, which may be a placeholder
 * (Anthropic's `message_start` says 1 until `message_delta`) and so gives way to an estimate
 * clearly above it. `estimated` says whether any estimate was added. An embeddings request's input
 * is estimated from its texts (Gemini's embeddings answers report no usage at all).
 */
export async function estimatedUsage(usage: Usage, end: AnswerEnd, request: ChatRequest | EmbeddingRequest | undefined, output: OutputSoFar): Promise<{ usage: Usage; estimated: boolean }> {
  const completed: Usage = { ...usage };
  let estimated = false;
  if (usage.inputTokens === undefined && request !== undefined) {
    const input = 'inputs' in request ? await estimateEmbeddingInputTokens(request, sampleChars) : await estimateInputTokens(request, sampleChars);
    if (input > 0) {
      completed.inputTokens = input;
      estimated = true;
    }
  }
  if (end === 'unfinished' || usage.outputTokens === undefined) {
    const written = Math.round((await countTextTokens(output.texts, sampleChars)) * (output.scale ?? 1));
    if (usage.outputTokens === undefined ? written > 0 : written > usage.outputTokens + runningCountMargin(written)) {
      completed.outputTokens = written;
      estimated = true;
    }
  }
  if (estimated && completed.inputTokens !== undefined && completed.outputTokens !== undefined) completed.totalTokens = completed.inputTokens + completed.outputTokens;
  return { usage: completed, estimated };
}

/**
 * An embeddings request's input tokens: its texts through the same tokenizer as chat's estimate
 * (`sample` as countTextTokens's `sampleChars`), and token-id inputs as the count they are.
 */
export async function estimateEmbeddingInputTokens(request: EmbeddingRequest, sample?: number): Promise<number> {
  const texts: string[] = [];
  let tokens = 0;
  for (const input of request.inputs) {
    if (input.type === 'text') texts.push(input.text);
    else tokens += input.tokens.length;
  }
  return tokens + (texts.length > 0 ? await countTextTokens(texts, sample) : 0);
}
