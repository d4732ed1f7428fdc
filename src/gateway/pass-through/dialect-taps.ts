/**
 * What the same-dialect pass-through needs to know of a dialect to forward its answers
 * untouched: which stream frames can carry usage, a finish or an error (so only those, and the
 * first ones until content shows, go through the dialect's own decoder), and where a whole
 * answer keeps its usage. A dialect without a tap is never passed through.
 */
import type { Usage } from '../../interlingua/usage.js';
import type { ChatRequest } from '../../interlingua/request.js';
import { usageSchema } from '../../dialects/openai-chat/response-schema.js';
import { parseUsage } from '../../dialects/openai-chat/usage.js';
import { geminiTap } from './gemini-tap.js';
import { ollamaTap } from './ollama-tap.js';

export interface PassThroughTap {
  /**
   * Whether the upstream's answer to this request is what the caller expects, byte for byte. The
   * gateway may ask the upstream for more than the caller did (usage in a stream), and then the
   * answer must be parsed to leave that out.
   */
  accepts(request: ChatRequest): boolean;
  /**
   * Whether a `data:` payload may carry usage, a finish, the end or an error, and so must be
   * decoded. A false positive only costs a decode; a false negative would lose usage or a finish.
   */
  matters(data: string): boolean;
  /**
   * For a dialect that restates its cumulative usage on many frames (Gemini): whether a frame that
   * does not matter carries such a restatement. Only the latest one is decoded, before the next
   * frame that matters or the end, so each later one supersedes it.
   */
  restatesUsage?(data: string): boolean;
  /** The usage of a whole (non-streamed) answer, already parsed as JSON. */
  usageOfResponse(json: unknown): Usage | undefined;
}

/**
 * OpenAI Chat Completions chunks: usage arrives as `"usage": {…}` (`null` on the other chunks),
 * the end as `"finish_reason": "<reason>"` (`null` until then) and `data: [DONE]`, an error as a
 * `{"error": …}` frame (https://platform.openai.com/docs/api-reference/chat-streaming/streaming,
 * node_modules/openai/core/streaming.js; fixtures test/fixtures/recorded/openai-chat/*.sse).
 * A key followed by `:` cannot occur inside a JSON string (its closing quote would have to be
 * escaped), so the pattern finds these keys only where they are keys, with any JSON whitespace
 * (Python servers write `": "`), and skips the `null` of the chunks that carry nothing.
 */
const openaiChatMatters = /"(?:usage|finish_reason|error)"\s*:\s*[^\sn]/;

const openaiChatTap: PassThroughTap = {
  // The upstream is always asked for usage in a stream (request-emit.ts, `stream_options`), and its
  // usage chunk goes only to a caller that asked for it too (stream-encode.ts).
  accepts: (request) => !request.stream || request.streamUsage === true,
  matters: (data) => data.charCodeAt(0) !== 123 /* not a JSON object: [DONE] or something to judge */ || openaiChatMatters.test(data),
  usageOfResponse(json) {
    if (json === null || typeof json !== 'object' || !('usage' in json)) return undefined;
    const parsed = usageSchema.safeParse(json.usage);
    return parsed.success ? parseUsage(parsed.data) : undefined;
  },
};

const taps: Readonly<Record<string, PassThroughTap>> = {
  'openai-chat': openaiChatTap,
  gemini: geminiTap,
  ollama: ollamaTap,
};

/** The tap for a dialect by its name, when it can be passed through. */
export function passThroughTapFor(dialectName: string): PassThroughTap | undefined {
  return Object.hasOwn(taps, dialectName) ? taps[dialectName] : undefined;
}
