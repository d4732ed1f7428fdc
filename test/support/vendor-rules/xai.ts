import { isRecord, type VendorJudge, type VendorRule } from './rule.js';
import { messageRules } from './openai-chat/messages.js';
import { parameterRules } from './openai-chat/parameters.js';
import { toolRules } from './openai-chat/tools.js';

/**
 * xAI (`POST https://api.x.ai/v1/chat/completions`). Its path is OpenAI's, so this judge is chosen by
 * name (TestUpstream's `vendor: 'xai'`). Its Grok 3 mini and Grok 4 models refuse the penalties,
 * even at 0: "Argument not supported on this model: presencePenalty", HTTP 400, body
 * `{"code":"Client specified an invalid argument","error":"Argument not supported on this model: presencePenalty"}`
 * (github.com/yym68686/uni-api/issues/105, grok-3-mini-beta; github.com/lobehub/lobehub/issues/8381, grok-4;
 * github.com/miaoxworld/NativeTavern/issues/83, grok-4.x with both set to 0).
 */

const refusesPenalties = /^grok-(?:3-mini|4)/;
const penalties: Array<[field: string, name: string]> = [
  ['presence_penalty', 'presencePenalty'],
  ['frequency_penalty', 'frequencyPenalty'],
];

/**
 * Grok models that refuse `reasoning_effort`, measured against api.x.ai on 2026-05-10
 * (github.com/NousResearch/hermes-agent/pull/23435: grok-3, grok-4, grok-4-0709, the 4 and 4.1 fast models
 * reasoning or not, grok-4.20-0309 reasoning or not, grok-code-fast-1; grok-3-mini, grok-4.3 and
 * grok-4.20-multi-agent take it), in the words of {"code":"Client specified an invalid argument","error":"Model
 * grok-4-latest does not support parameter reasoningEffort."} (github.com/BerriAI/litellm/pull/16265).
 */
const refusesReasoningEffort = /^grok-(?:3|4|4-0709|4-latest|4-(?:1-)?fast-(?:non-)?reasoning|4\.20-\d{4}-(?:non-)?reasoning|code-fast-1)$/;

/**
 * The effort words each current Grok model takes (docs.x.ai/developers/model-capabilities/text/reasoning, as quoted):
 * grok-3-mini low and high (github.com/UKGovernmentBEIS/inspect_ai/pull/2734); grok-4.3 none, low, medium, high
 * (github.com/theopenco/llmgateway/pull/3046); grok-4.5 low, medium, high (github.com/anomalyco/models.dev/pull/3110);
 * grok-4.6 and grok-4.7 those and xhigh (github.com/mnfst/modelparams.dev/pull/330), as grok-4.20-multi-agent
 * (docs.rs/synaps 0.10.2, XaiReasoningCapability). Another word is refused as grok-4.5 refused "max":
 * "invalid-argument: Invalid reasoning effort." (github.com/YishenTu/claudian/pull/1003).
 */
const effortWords: Array<[model: RegExp, words: readonly string[]]> = [
  [/^grok-3-mini/, ['low', 'high']],
  [/^grok-4\.3(?:-latest)?$/, ['none', 'low', 'medium', 'high']],
  [/^grok-4\.5(?:-latest)?$/, ['low', 'medium', 'high']],
  [/^grok-(?:4\.6|4\.7|4\.20-multi-agent(?:-\d{4})?)$/, ['low', 'medium', 'high', 'xhigh']],
];

/**
 * Reasoning models refuse `stop`: "Argument not supported on this model: stop" (grok-4-0709:
 * github.com/BerriAI/litellm/issues/12635; grok-3-mini: github.com/huggingface/smolagents/issues/1765), in the later
 * wording "Model grok-4.5 does not support parameter stop." (github.com/BerriAI/litellm-docs/pull/817); grok-4.6 too
 * (github.com/mnfst/modelparams.dev/pull/330). grok-3 and the non-reasoning variants take it
 * (github.com/langchain-ai/langchain/pull/38335).
 */
const refusesStop = /^grok-(?:3-mini|code-fast|4)(?!.*-non-reasoning$)/;

/** The body's messages that are objects. */
function messagesOf(body: unknown): Array<Record<string, unknown>> {
  return isRecord(body) && Array.isArray(body.messages) ? body.messages.filter(isRecord) : [];
}

/** Content given but with nothing in it: `""`, or text parts that are all empty. */
function isEmptyContent(content: unknown): boolean {
  if (content === '') return true;
  return Array.isArray(content) && content.length > 0 && content.every((part) => isRecord(part) && part['type'] === 'text' && part['text'] === '');
}

const xaiRules: VendorRule[] = [
  {
    id: 'xai.messages.content-element',
    // A real 400 (github.com/langchain-ai/langchain/issues/34140, grok-4-1-fast-reasoning), for an assistant message of
    // tool calls with null content: {"code":"Client specified an invalid argument","error":"Invalid request content: Each
    // message must have at least one content element."}; `""` there is the reported fix. The same words for
    // `"content": []` (github.com/AstrBotDevs/AstrBot/issues/6447, grok-4-1-fast).
    source: 'github.com/langchain-ai/langchain/issues/34140 (recorded 400 body); github.com/AstrBotDevs/AstrBot/issues/6447',
    check: ({ body }) => {
      const bare = messagesOf(body).some((message) => message['content'] === undefined || message['content'] === null || (Array.isArray(message['content']) && message['content'].length === 0));
      return bare ? 'Invalid request content: Each message must have at least one content element.' : undefined;
    },
  },
  {
    id: 'xai.messages.non-empty',
    // A real 400: {"code":"Client specified an invalid argument","error":"An empty message was provided. Every message needs
    // at least one non-empty content element."} (github.com/langbot-app/LangBot/issues/1205, grok-2). grok-3 answered an empty
    // system prompt in other words, "An empty user message was provided. Every user message needs at least one non-empty
    // content element." (github.com/CherryHQ/cherry-studio/issues/4941, its FAQ as cited in #4866). A tool-call turn with
    // `""` passes (langchain#34140).
    source: 'github.com/langbot-app/LangBot/issues/1205 (recorded 400 body); github.com/CherryHQ/cherry-studio/issues/4866',
    check: ({ body }) => {
      const empty = messagesOf(body).some((message) => !(Array.isArray(message['tool_calls']) && message['tool_calls'].length > 0) && isEmptyContent(message['content']));
      return empty ? 'An empty message was provided. Every message needs at least one non-empty content element.' : undefined;
    },
  },
  {
    id: 'xai.reasoning-effort.values',
    source: 'github.com/YishenTu/claudian/pull/1003; github.com/anomalyco/models.dev/pull/3110',
    check: ({ body }) => {
      if (!isRecord(body) || typeof body.model !== 'string' || body['reasoning_effort'] == null) return undefined;
      const words = effortWords.find(([model]) => model.test(body.model as string))?.[1];
      return words === undefined || words.includes(String(body['reasoning_effort'])) ? undefined : 'Invalid reasoning effort.';
    },
  },
  {
    id: 'xai.stop.reasoning-models',
    source: 'github.com/BerriAI/litellm/issues/12635; github.com/BerriAI/litellm-docs/pull/817',
    check: ({ body }) => {
      if (!isRecord(body) || typeof body.model !== 'string' || body['stop'] == null || !refusesStop.test(body.model)) return undefined;
      return `Model ${body.model} does not support parameter stop.`;
    },
  },
  {
    id: 'xai.reasoning-effort.by-model',
    source: 'github.com/NousResearch/hermes-agent/pull/23435; github.com/BerriAI/litellm/pull/16265',
    check: ({ body }) => {
      if (!isRecord(body) || typeof body.model !== 'string' || body['reasoning_effort'] === undefined || !refusesReasoningEffort.test(body.model)) return undefined;
      return `Model ${body.model} does not support parameter reasoningEffort.`;
    },
  },
  {
    id: 'xai.penalties.reasoning-models',
    source: 'github.com/yym68686/uni-api/issues/105; github.com/miaoxworld/NativeTavern/issues/83',
    check: ({ body }) => {
      if (!isRecord(body) || typeof body.model !== 'string' || !refusesPenalties.test(body.model)) return undefined;
      const sent = penalties.find(([field]) => body[field] !== undefined && body[field] !== null);
      return sent === undefined ? undefined : `Argument not supported on this model: ${sent[1]}`;
    },
  },
];

export const xaiJudge: VendorJudge = {
  name: 'xai',
  // Chosen by name: every request sent to an xAI test upstream is xAI's.
  judges: () => true,
  rules: [...xaiRules, ...parameterRules, ...messageRules, ...toolRules],
  errorBody: (_status, message) => ({ code: 'Client specified an invalid argument', error: message }),
};
