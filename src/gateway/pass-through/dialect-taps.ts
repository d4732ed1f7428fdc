/**
 * What the same-dialect pass-through needs to know of a dialect to forward its answers
 * untouched: which stream frames can carry usage, a finish or an error (so only those, and the
 * first ones until content shows, go through the dialect's own decoder), and where a whole
 * answer keeps its usage. A dialect without a tap is never passed through.
 */
import type { Usage } from '../../interlingua/usage.js';
import type { ChatRequest } from '../../interlingua/request.js';
import { openaiChatTap } from './openai-chat-tap.js';
import { anthropicTap } from './anthropic-tap.js';
import { openaiResponsesTap } from './openai-responses-tap.js';
import { geminiTap } from './gemini-tap.js';
import { ollamaTap } from './ollama-tap.js';

export interface PassThroughTap {
  /**
   * Whether the upstream's answer to this request is what the caller expects, byte for byte, or
   * can be made so by holding frames back (`withholds`); otherwise the answer is parsed.
   */
  accepts(request: ChatRequest): boolean;
  /**
   * Whether a frame (its `data:` payload, and its SSE `event:` name when it has one) may carry
   * usage, a finish, the end or an error, and so must be decoded. A false positive only costs a
   * decode; a false negative would lose usage or a finish.
   */
  matters(data: string, event?: string): boolean;
  /**
   * For a dialect whose stream goes on past the frame the decoder finishes at: the frame that ends
   * it (OpenAI Chat's `[DONE]`, after the usage chunk). It is waited for, briefly
   * (after-finish.ts), and forwarded; without this the finish frame itself ends the stream.
   */
  endsAfterFinish?(data: string): boolean;
  /**
   * For a dialect that restates its cumulative usage on many frames (Gemini): whether a frame that
   * does not matter carries such a restatement. Only the latest one is decoded, before the next
   * frame that matters or the end, so each later one supersedes it.
   */
  restatesUsage?(data: string): boolean;
  /**
   * For a stream whose caller is owed less than the upstream was asked for: the test that holds a
   * frame back from the caller, or undefined when the caller gets every frame (the relay then
   * forwards each chunk as it came). It sees each frame the tap decodes, so `matters` must select
   * every frame it may hold back; a frame held back is still read, its usage counted.
   */
  withholds?(request: ChatRequest): ((data: string) => boolean) | undefined;
  /** The usage of a whole (non-streamed) answer, already parsed as JSON. */
  usageOfResponse(json: unknown): Usage | undefined;
  /**
   * Whether the answer repeats the settings it was asked with. The parsing path echoes the
   * caller's own, so a request the gateway changed on its way (each change comes with a warning:
   * a setting fitted, raised or left out) is not passed through.
   */
  echoesRequest?: boolean;
}

const taps: Readonly<Record<string, PassThroughTap>> = {
  'openai-chat': openaiChatTap,
  anthropic: anthropicTap,
  'openai-responses': openaiResponsesTap,
  gemini: geminiTap,
  ollama: ollamaTap,
};

/** The tap for a dialect by its name, when it can be passed through. */
export function passThroughTapFor(dialectName: string): PassThroughTap | undefined {
  return Object.hasOwn(taps, dialectName) ? taps[dialectName] : undefined;
}
