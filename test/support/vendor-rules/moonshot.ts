import { rolesRule } from './openai-chat/roles.js';
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

/**
 * The Kimi models with fixed sampling: "Kimi K3/K2.7/K2.6/K2.5 use fixed sampling and explicit temperature, top_p,
 * presence_penalty, or frequency_penalty modifications cause errors" (Moonshot's model-parameter guide, quoted in
 * github.com/vercel/ai/issues/19543).
 */
const fixedSampling = /^kimi-(?:k2\.[5-7]|k3)(?:-|$)/;

/** The Kimi models that think by default and stop with `thinking: {"type": "disabled"}` (github.com/anomalyco/models.dev/pull/2294). */
const switchableThinking = /^kimi-k2\.[56]$/;

/** Kimi K2.7 Code, which always thinks: "invalid thinking: only type=enabled is allowed for this model" (github.com/MoonshotAI/kimi-code/issues/797). */
const alwaysThinking = /^kimi-k2\.7-code(?:-highspeed)?$/;

/** Kimi K3 always thinks and takes reasoning_effort low, high or max (default max; github.com/theopenco/llmgateway/pull/3378). */
const k3 = /^kimi-k3$/;
const k3Efforts = ['low', 'high', 'max'];

function thinkingDisabled(body: Record<string, unknown>): boolean {
  return isRecord(body.thinking) && body.thinking.type === 'disabled';
}

/** The first fixed sampling value the body sets to another, in Moonshot's words. */
function unpinnedSampling(body: Record<string, unknown>): string | undefined {
  // "only 1 is allowed" while thinking (github.com/countbot-ai/CountBot/issues/61, kimi-k2.5), "only 0.6 is allowed" with
  // thinking off (github.com/arcsin1/oh-my-ppt/issues/45; K2.6: github.com/Mai-with-u/MaiBot/issues/1833).
  const temperature = thinkingDisabled(body) ? 0.6 : 1;
  const pinned: Array<[string, number]> = [
    ['temperature', temperature],
    ['top_p', 0.95],
    ['presence_penalty', 0],
    ['frequency_penalty', 0],
  ];
  const broken = pinned.find(([field, value]) => typeof body[field] === 'number' && body[field] !== value);
  return broken === undefined ? undefined : `invalid ${broken[0]}: only ${broken[1]} is allowed for this model`;
}

/** An assistant message with neither content nor tool calls; its reasoning_content does not count. */
function emptyAssistant(message: unknown): boolean {
  if (!isRecord(message) || message.role !== 'assistant') return false;
  if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) return false;
  const { content } = message;
  return content === undefined || content === null || content === '' || (Array.isArray(content) && content.length === 0);
}

/** "The role can only be one of system, user, assistant" (Moonshot's docs, quoted in github.com/openclaw/openclaw/pull/6266), and tool results. */
const roles = ['system', 'user', 'assistant', 'tool'];

const moonshotRules: VendorRule[] = [
  // kimi-k2.5 on api.moonshot.ai answers a `developer` message with HTTP 400 "invalid request: unsupported role
  // ROLE_UNSPECIFIED" (github.com/openclaw/openclaw/pull/14187).
  rolesRule({
    id: 'moonshot.messages.role',
    source: 'github.com/openclaw/openclaw/pull/14187; github.com/openclaw/openclaw/pull/6266',
    roles,
    refusal: () => 'invalid request: unsupported role ROLE_UNSPECIFIED',
  }),
  {
    id: 'moonshot.messages.assistant-not-empty',
    // 400 {"error":{"message":"Invalid request: the message at position 8 with role 'assistant' must not be empty",
    // "type":"invalid_request_error"}} (kimi-k2.5: github.com/AstrBotDevs/AstrBot/issues/7200; "position 4":
    // github.com/labring/FastGPT/issues/3575). The position is the message's index, as in the tool-call rule below.
    source: 'github.com/AstrBotDevs/AstrBot/issues/7200; github.com/labring/FastGPT/issues/3575',
    check: ({ body }) => {
      if (!isRecord(body) || !Array.isArray(body.messages)) return undefined;
      const index = body.messages.findIndex(emptyAssistant);
      return index === -1 ? undefined : `Invalid request: the message at position ${index} with role 'assistant' must not be empty`;
    },
  },
  {
    id: 'moonshot.sampling.fixed',
    // Real 400s, {"error":{"message":…,"type":"invalid_request_error"}}: "invalid temperature: only 1 is allowed for this model"
    // (github.com/countbot-ai/CountBot/issues/61), "invalid temperature: only 0.6 is allowed for this model"
    // (github.com/arcsin1/oh-my-ppt/issues/45), "invalid top_p: only 0.95 is allowed for this model"
    // (github.com/CherryHQ/cherry-studio/issues/12691), "invalid presence_penalty: only 0 is allowed for this model"
    // (github.com/cecli-dev/cecli/issues/484); the frequency_penalty one in the same words.
    source: 'github.com/vercel/ai/issues/19543 (platform.kimi.ai/docs/api/models-overview); github.com/countbot-ai/CountBot/issues/61',
    check: ({ body }) => (isRecord(body) && typeof body.model === 'string' && fixedSampling.test(body.model) ? unpinnedSampling(body) : undefined),
  },
  {
    id: 'moonshot.thinking.always-on',
    // Kimi K2.7 Code: 400 "invalid thinking: only type=enabled is allowed for this model" (kimi-k2.7-code-highspeed:
    // github.com/MoonshotAI/kimi-code/issues/797; kimi-k2.7-code: github.com/can1357/oh-my-pi/issues/3852).
    source: 'github.com/MoonshotAI/kimi-code/issues/797; github.com/can1357/oh-my-pi/issues/3852',
    check: ({ body }) =>
      isRecord(body) && typeof body.model === 'string' && alwaysThinking.test(body.model) && thinkingDisabled(body) ? 'invalid thinking: only type=enabled is allowed for this model' : undefined,
  },
  {
    id: 'moonshot.k3.reasoning-effort',
    // K3's reasoning_effort "supports low, high, and max (default max)" (its quickstart, quoted in
    // github.com/theopenco/llmgateway/pull/3378); `medium` is a 400 (github.com/CherryHQ/cherry-studio/pull/20036) in these
    // words: "Unsupported value: 'reasoning_effort' does not support 'medium' with this model. Supported values are: 'low',
    // 'high', and 'max'." (github.com/liliMozi/openhanako/issues/2092).
    source: 'github.com/theopenco/llmgateway/pull/3378; github.com/CherryHQ/cherry-studio/pull/20036; github.com/liliMozi/openhanako/issues/2092',
    check: ({ body }) => {
      if (!isRecord(body) || typeof body.model !== 'string' || !k3.test(body.model)) return undefined;
      const effort = body['reasoning_effort'];
      if (effort === undefined || (typeof effort === 'string' && k3Efforts.includes(effort))) return undefined;
      return `Unsupported value: 'reasoning_effort' does not support '${String(effort)}' with this model. Supported values are: 'low', 'high', and 'max'.`;
    },
  },
  {
    id: 'moonshot.thinking.forced-tool-choice-always-thinking',
    // K2.7 Code always thinks and refuses both forced forms: "Moonshot rejects `required` with thinking enabled on every Kimi
    // model except K3", and a named choice with "tool_choice 'specified' is incompatible with thinking enabled" on kimi-k2.6
    // and kimi-k2.7-code (github.com/UKGovernmentBEIS/inspect_ai/pull/5152). K3, thinking always, takes `required` but not a
    // named tool: "400 tool_choice specified is incompatible with thinking enabled" (github.com/can1357/oh-my-pi/pull/5994).
    source: 'github.com/UKGovernmentBEIS/inspect_ai/pull/5152; github.com/can1357/oh-my-pi/pull/5994',
    check: ({ body }) => {
      if (!isRecord(body) || typeof body.model !== 'string') return undefined;
      if (alwaysThinking.test(body.model) && body.tool_choice === 'required') return "tool_choice 'required' is incompatible with thinking enabled";
      if ((alwaysThinking.test(body.model) || k3.test(body.model)) && isRecord(body.tool_choice)) return "tool_choice 'specified' is incompatible with thinking enabled";
      return undefined;
    },
  },
  {
    id: 'moonshot.thinking.forced-tool-choice',
    // "tool_choice 'required' is incompatible with thinking enabled" (github.com/AstrBotDevs/AstrBot/issues/7805); for a named
    // tool on K2.6, "tool_choice specified is incompatible with thinking enabled" (github.com/can1357/oh-my-pi/issues/1077),
    // served once `thinking: {"type": "disabled"}` is sent (github.com/UKGovernmentBEIS/inspect_ai/pull/5156).
    source: 'github.com/AstrBotDevs/AstrBot/issues/7805; github.com/can1357/oh-my-pi/issues/1077',
    check: ({ body }) => {
      if (!isRecord(body) || typeof body.model !== 'string' || !switchableThinking.test(body.model) || thinkingDisabled(body)) return undefined;
      if (body.tool_choice === 'required') return "tool_choice 'required' is incompatible with thinking enabled";
      return isRecord(body.tool_choice) ? 'tool_choice specified is incompatible with thinking enabled' : undefined;
    },
  },
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
