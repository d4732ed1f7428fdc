import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';

/**
 * More than one candidate (OpenAI `n`, Gemini `candidateCount`) is asked of an upstream only for a
 * caller of its own dialect, whose answer can carry every one back: forwarded as it came
 * (pass-through/), or with Gemini's other candidates kept beside the first (gemini/response-parse.ts).
 * The interlingua holds one answer (interlingua/response.ts: one `content`), so a caller of another
 * dialect gets one candidate whatever the upstream writes; the upstream is asked for one, as
 * Anthropic, Bedrock and Ollama are, which have no way to ask for more, and the caller is told.
 * Asking for more would only bill the caller for answers it never sees.
 * `callerDialect` undefined: a caller inside the gateway (plugins, gRPC), which reads the interlingua.
 */
export function oneCandidateAcrossDialects(request: ChatRequest, callerDialect: string | undefined, upstreamDialect: string): { value: ChatRequest; warnings: Warning[] } {
  const count = request.sampling.candidateCount;
  if (count === undefined || count <= 1 || (callerDialect !== undefined && answerShape(callerDialect) === answerShape(upstreamDialect))) return { value: request, warnings: [] };
  const sampling = { ...request.sampling };
  delete sampling.candidateCount;
  const warning: Warning = {
    type: 'unsupported',
    feature: 'candidate_count',
    message: `An answer translated from ${upstreamDialect} carries one candidate; ${count} were asked for, and one was asked of the upstream.`,
  };
  return { value: { ...request, sampling }, warnings: [warning] };
}

/** Gemini on Vertex answers in the Gemini API's bodies, read and written by the same codec (gemini/vertex-platform.ts). */
function answerShape(dialect: string): string {
  return dialect === 'vertex' ? 'gemini' : dialect;
}
