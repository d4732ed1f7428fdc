import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';

/** How the upstream's answer reaches the caller: `forwarded` as it came (pass-through/), or `parsed` by the dialect's codec. */
export type AnswerPath = 'forwarded' | 'parsed';

/**
 * More than one candidate (OpenAI `n`, Gemini `candidateCount`) is asked of an upstream only where
 * the answer carries every one back to the caller:
 * - forwarded as it came (pass-through/), to a caller of the upstream's own dialect;
 * - parsed whole by a codec that keeps the other candidates beside the first, for a caller of the
 *   same answer shape: Gemini's (gemini/response-parse.ts, `otherCandidates`) and OpenAI Chat's
 *   (openai-chat/response-parse.ts, `otherChoices`).
 * The interlingua holds one answer (interlingua/response.ts: one `content`), and a parsed stream is
 * decoded for candidate 0 alone (each stream-decode.ts), so any other caller gets one candidate
 * whatever the upstream writes. Then the upstream is asked for one, as Anthropic, Bedrock and
 * Ollama are, which have no way to ask for more, and the caller is told: asking for more would only
 * bill the caller for answers it never sees. A same-dialect caller to a provider with quirks (Groq,
 * xAI, DeepSeek: providers/presets.ts) is answered through the codec, not forwarded.
 * `callerDialect` undefined: a caller inside the gateway (plugins, gRPC), which reads the interlingua.
 */
export function oneCandidateAcrossDialects(request: ChatRequest, callerDialect: string | undefined, upstreamDialect: string, path: AnswerPath): { value: ChatRequest; warnings: Warning[] } {
  const count = request.sampling.candidateCount;
  if (count === undefined || count <= 1 || candidatesReachCaller(request, callerDialect, upstreamDialect, path)) return { value: request, warnings: [] };
  const sampling = { ...request.sampling };
  delete sampling.candidateCount;
  const warning: Warning = {
    type: 'unsupported',
    feature: 'candidate_count',
    message: `${sameShape(callerDialect, upstreamDialect) ? `An answer from ${upstreamDialect} read ${request.stream ? 'as a stream ' : ''}by the gateway` : `An answer translated from ${upstreamDialect}`} carries one candidate; ${count} were asked for, and one was asked of the upstream.`,
  };
  return { value: { ...request, sampling }, warnings: [warning] };
}

/**
 * Whether a request written for a forwarded answer asks for candidates that the same answer,
 * parsed instead, would lose: such a request is written again when the gateway declines to forward
 * it (http-transport.ts).
 */
export function candidatesOnlyForwarded(request: ChatRequest, callerDialect: string | undefined, upstreamDialect: string): boolean {
  if ((request.sampling.candidateCount ?? 1) <= 1) return false;
  return candidatesReachCaller(request, callerDialect, upstreamDialect, 'forwarded') && !candidatesReachCaller(request, callerDialect, upstreamDialect, 'parsed');
}

function candidatesReachCaller(request: ChatRequest, callerDialect: string | undefined, upstreamDialect: string, path: AnswerPath): boolean {
  if (!sameShape(callerDialect, upstreamDialect)) return false;
  if (path === 'forwarded') return true;
  return !request.stream && codecsKeepingCandidates.has(answerShape(upstreamDialect));
}

/** The codecs whose whole answer keeps every candidate (see above). */
const codecsKeepingCandidates: ReadonlySet<string> = new Set(['gemini', 'openai-chat']);

function sameShape(callerDialect: string | undefined, upstreamDialect: string): boolean {
  return callerDialect !== undefined && answerShape(callerDialect) === answerShape(upstreamDialect);
}

/**
 * Gemini on Vertex answers in the Gemini API's bodies, read and written by the same codec
 * (gemini/vertex-platform.ts); Azure OpenAI in OpenAI Chat's (openai-chat/azure-platform.ts).
 */
function answerShape(dialect: string): string {
  if (dialect === 'vertex') return 'gemini';
  return dialect === 'azure-openai' ? 'openai-chat' : dialect;
}
