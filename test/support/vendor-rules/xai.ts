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

const xaiRules: VendorRule[] = [
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
