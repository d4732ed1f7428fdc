import { anthropicJudge } from './anthropic.js';
import { azureOpenaiJudge } from './azure-openai.js';
import { bedrockJudge } from './bedrock.js';
import { geminiJudge } from './gemini.js';
import { ollamaJudge } from './ollama.js';
import { openaiChatJudge } from './openai-chat.js';
import { openaiCompletionsJudge, selfHostedCompletionsJudge } from './openai-completions.js';
import { openaiResponsesJudge } from './openai-responses.js';
import { vertexJudge } from './vertex.js';
import { vertexCountTokensJudge } from './vertex-count-tokens.js';
import { zhipuGlmJudge } from './zhipu-glm.js';
import { mistralJudge } from './mistral.js';
import { deepseekJudge } from './deepseek.js';
import { dashscopeJudge } from './dashscope.js';
import { moonshotJudge } from './moonshot.js';
import { groqJudge } from './groq.js';
import { xaiJudge } from './xai.js';
import { modelRules } from './models/index.js';
import { applyJudge, type JudgedRequest, type VendorJudge, type VendorRefusal } from './rule.js';

export type { JudgedRequest, VendorJudge, VendorRefusal, VendorRule } from './rule.js';

/**
 * Every vendor judge; a request is judged by the first whose path it matches. The legacy Completions
 * judge stands before Chat Completions because `/chat/completions` also ends with `/completions`; the
 * cloud judges (Azure OpenAI under `/openai/`, Vertex AI under `/v1/projects/`, its token counters
 * first, since `count-tokens:rawPredict` also reads as a rawPredict) stand before the
 * vendors whose bodies they take, whose paths theirs also end with, and Zhipu GLM (`/paas/v4/`) and
 * DashScope (`/compatible-mode/v1/`) before the OpenAI judges whose rules they share.
 */
export const vendorJudges: readonly VendorJudge[] = [
  azureOpenaiJudge,
  vertexCountTokensJudge,
  vertexJudge,
  zhipuGlmJudge,
  dashscopeJudge,
  anthropicJudge,
  openaiCompletionsJudge,
  openaiChatJudge,
  openaiResponsesJudge,
  geminiJudge,
  ollamaJudge,
  bedrockJudge,
];

/**
 * Vendors whose paths are another's (Mistral's, DeepSeek's, Moonshot's and xAI's chat completions
 * are OpenAI's, Groq's Azure's `/openai/v1/…`, a vLLM or llama.cpp server's `/v1/completions`
 * OpenAI's): chosen by name.
 */
const judgesByName: Readonly<Record<string, VendorJudge>> = {
  mistral: mistralJudge,
  deepseek: deepseekJudge,
  moonshot: moonshotJudge,
  groq: groqJudge,
  xai: xaiJudge,
  'self-hosted-completions': selfHostedCompletionsJudge,
};

/**
 * What the vendor behind `request`'s path would answer instead of serving it, or undefined when it
 * would serve it; `vendor` names the judge where the path cannot tell (judgesByName).
 */
export function judgeRequest(request: JudgedRequest, vendor?: string): VendorRefusal | undefined {
  const named = vendor === undefined ? undefined : judgesByName[vendor];
  if (vendor !== undefined && named === undefined) throw new Error(`no judge named ${vendor}`);
  const judge = named ?? vendorJudges.find((candidate) => candidate.judges(request));
  if (judge === undefined) return undefined;
  return applyJudge(judge, request) ?? applyJudge({ ...judge, rules: modelRules[judge.name] ?? [] }, request);
}
