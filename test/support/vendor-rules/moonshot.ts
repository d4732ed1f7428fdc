import { isRecord, type VendorJudge, type VendorRule } from './rule.js';
import { messageRules } from './openai-chat/messages.js';
import { parameterRules } from './openai-chat/parameters.js';
import { toolRules } from './openai-chat/tools.js';

/**
 * Moonshot's Kimi (`POST https://api.moonshot.cn/v1/chat/completions`, also api.moonshot.ai). Its
 * path is OpenAI's, so this judge is chosen by name (TestUpstream's `vendor: 'moonshot'`).
 */

/** The Kimi models that think unless told not to: K2.5, K2.6 and the K2 thinking models. */
const thinkingModel = /^kimi-k2(\.\d+|-thinking)/;

const moonshotRules: VendorRule[] = [
  {
    id: 'moonshot.thinking.tool-call-reasoning',
    // "thinking is enabled but reasoning_content is missing in assistant tool call message at index 2"
    // (github.com/continuedev/continue/issues/11600, kimi-k2.5); an empty one counts as missing on K2.5 and
    // K2.6, a single space does not (measured against api.moonshot.ai in github.com/theopenco/llmgateway/pull/2093).
    source: 'github.com/continuedev/continue/issues/11600; github.com/theopenco/llmgateway/pull/2093',
    check: ({ body }) => {
      if (!isRecord(body) || !Array.isArray(body.messages) || typeof body.model !== 'string' || !thinkingModel.test(body.model)) return undefined;
      if (isRecord(body.thinking) && body.thinking.type === 'disabled') return undefined;
      const index = body.messages.findIndex(
        (message) => isRecord(message) && message.role === 'assistant' && Array.isArray(message.tool_calls) && message.tool_calls.length > 0 && (typeof message.reasoning_content !== 'string' || message.reasoning_content === ''),
      );
      return index === -1 ? undefined : `thinking is enabled but reasoning_content is missing in assistant tool call message at index ${index}`;
    },
  },
];

export const moonshotJudge: VendorJudge = {
  name: 'moonshot',
  // Chosen by name: every request sent to a Moonshot test upstream is Moonshot's.
  judges: () => true,
  rules: [...moonshotRules, ...parameterRules, ...messageRules, ...toolRules],
  // As recorded in github.com/earendil-works/pi/issues/4251: {"error":{"message":…,"type":"invalid_request_error"}}.
  errorBody: (_status, message) => ({ error: { message, type: 'invalid_request_error' } }),
};
