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

const xaiRules: VendorRule[] = [
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
