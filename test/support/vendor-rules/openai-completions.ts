import { isRecord, pathOf, type JudgedRequest, type VendorJudge } from './rule.js';
import { openaiErrorBody, type OpenAIRule } from './openai-family/openai-rule.js';
import { rangeRules } from './openai-family/numeric-range.js';

/**
 * OpenAI's legacy Completions API (`POST …/completions`, not `…/chat/completions`). Error body as
 * recorded in test/fixtures/recorded/openai-chat/dd-legacy-completions-stream-401.response.json:
 * `{"error":{"message":…,"type":"invalid_request_error","param":null,"code":…}}`.
 */

const completionsCreate = 'platform.openai.com/docs/api-reference/completions/create';
const maxStopSequences = 4;

const rules: OpenAIRule[] = [
  {
    id: 'openai-completions.model.required',
    // completions/create: "model string Required"; a real 400 (github.com/danielmiessler/Fabric/issues/239):
    // {"message":"you must provide a model parameter","type":"invalid_request_error","param":null,"code":null}.
    source: `${completionsCreate} (model: required); github.com/danielmiessler/Fabric/issues/239`,
    check: ({ body }) => (isRecord(body) && typeof body.model !== 'string' ? 'you must provide a model parameter' : undefined),
  },
  {
    id: 'openai-completions.prompt.required',
    // completions/create: "prompt string or array Required: The prompt(s) to generate completions for,
    // encoded as a string, array of strings, array of tokens, or array of token arrays."
    source: `${completionsCreate} (prompt: required, string or array)`,
    param: 'prompt',
    code: 'missing_required_parameter',
    check: ({ body }) => (isRecord(body) && typeof body.prompt !== 'string' && !Array.isArray(body.prompt) ? "Missing required parameter: 'prompt'." : undefined),
  },
  {
    id: 'openai-completions.stop.max-count',
    // completions/create stop: "Up to 4 sequences where the API will stop generating further tokens";
    // wording of the Chat Completions 400 (github.com/continuedev/continue/issues/1572).
    source: `${completionsCreate} (stop: up to 4 sequences)`,
    param: 'stop',
    code: 'array_above_max_length',
    check: ({ body }) =>
      isRecord(body) && Array.isArray(body.stop) && body.stop.length > maxStopSequences
        ? `Invalid 'stop': array too long. Expected an array with maximum length ${maxStopSequences}, but got an array with length ${body.stop.length} instead.`
        : undefined,
  },
  ...rangeRules('openai-completions', 'temperature', { min: 0, max: 2 }, `${completionsCreate}: temperature "between 0 and 2"`),
  ...rangeRules('openai-completions', 'frequency_penalty', { min: -2, max: 2 }, `${completionsCreate}: frequency_penalty "Number between -2.0 and 2.0"`),
  ...rangeRules('openai-completions', 'presence_penalty', { min: -2, max: 2 }, `${completionsCreate}: presence_penalty "Number between -2.0 and 2.0"`),
  ...rangeRules('openai-completions', 'logprobs', { min: 0, max: 5, integer: true }, `${completionsCreate}: logprobs "The maximum value for logprobs is 5"`),
  {
    id: 'openai-completions.stream_options.requires-stream',
    // completions/create stream_options: "Options for streaming response. Only set this when you set
    // stream: true."; wording of the Chat Completions 400 (github.com/BerriAI/litellm/issues/5803).
    source: `${completionsCreate} (stream_options: only with stream: true)`,
    param: 'stream_options',
    check: ({ body }) =>
      isRecord(body) && body.stream_options !== undefined && body.stream_options !== null && body.stream !== true
        ? "The 'stream_options' parameter is only allowed when 'stream' is enabled."
        : undefined,
  },
];

/**
 * OpenAI's own completions API; a test upstream at a `/v1/completions` path is judged as OpenAI
 * unless it names `self-hosted-completions` (vendor-rules/index.ts), as Mistral's is named.
 */
export const openaiCompletionsJudge: VendorJudge = {
  name: 'openai-completions',
  judges: (request: JudgedRequest) => {
    const path = pathOf(request);
    return request.method === 'POST' && path.endsWith('/completions') && !path.endsWith('/chat/completions');
  },
  rules,
  errorBody: openaiErrorBody,
};

/**
 * The rules a self-hosted server shares with OpenAI: a prompt, and stream_options only with
 * stream (vLLM: "Stream options can only be defined when `stream=True`"). OpenAI's own limits stay
 * OpenAI's: its "Up to 4" stop sequences above all (vLLM's `stop` is a list of any length, and
 * llama.cpp's `stop` an array of any length), and its sampling ranges and required model.
 */
const selfHostedRuleIds = new Set(['openai-completions.prompt.required', 'openai-completions.stream_options.requires-stream']);

/**
 * A self-hosted completions server (vLLM, llama.cpp serving `/v1/completions`), chosen by name
 * (`vendor: 'self-hosted-completions'`) because its path is OpenAI's, so a chat template's stop
 * tokens beside a caller's four stops are served.
 */
export const selfHostedCompletionsJudge: VendorJudge = {
  ...openaiCompletionsJudge,
  name: 'self-hosted-completions',
  rules: rules.filter((rule) => selfHostedRuleIds.has(rule.id)),
};
