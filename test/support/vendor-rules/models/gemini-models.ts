import type { JudgedRequest, VendorRule } from '../rule.js';
import { field, pathModel } from './model-name.js';
import { field as wireField, generateRequestOf, generationConfigOf } from '../gemini/wire.js';

/**
 * Gemini 2.5 thinking budgets per model: "Gemini 2.5 Pro: 128 to 32768 … You cannot turn thinking off";
 * "2.5 Flash: 0 to 24576"; Flash-Lite "512 to 24576" (0 turns it off); -1 is dynamic everywhere
 * (https://ai.google.dev/gemini-api/docs/thinking#set-budget, as quoted in https://github.com/lobehub/lobehub/pull/8122
 * and https://github.com/snailyp/gemini-balance/pull/160).
 */
const budgetRanges: ReadonlyArray<{ models: RegExp; min: number; max: number; canTurnOff: boolean }> = [
  { models: /^gemini-2\.5-pro/, min: 128, max: 32768, canTurnOff: false },
  { models: /^gemini-2\.5-flash-lite/, min: 512, max: 24576, canTurnOff: true },
  { models: /^gemini-2\.5-flash/, min: 1, max: 24576, canTurnOff: true },
];

const thinkingConfig = (request: JudgedRequest) => field(request, 'generationConfig', 'thinkingConfig');
const model = (request: JudgedRequest) => pathModel(request) ?? '';
/** A `generationConfig` field under its JSON or its proto name (`presence_penalty`), as Google reads it. */
const generationField = (request: JudgedRequest, camel: string): unknown => {
  const body = generateRequestOf(request);
  return body === undefined ? undefined : wireField(generationConfigOf(body), camel);
};

/**
 * The thinking levels a Gemini 3 model takes, where not all four: Gemini 3 Pro LOW and HIGH
 * (github.com/egoist/chatwise-releases/issues/1206), Gemini 3.1 Pro LOW, MEDIUM and HIGH
 * (github.com/vellum-ai/vellum-assistant/pull/32687), Gemini 3.7 and 3.8 Flash no MINIMAL
 * (github.com/can1357/oh-my-pi/issues/10543, github.com/earendil-works/pi/issues/9455), the 3.1 image
 * models MINIMAL and HIGH only (github.com/dhyansraj/mcp-mesh/issues/1346). Other Gemini 3 Flash and
 * Flash-Lite models take all four (github.com/mozilla-ai/any-llm/pull/1345).
 */
const thinkingLevels: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/^gemini-3-pro/, ['LOW', 'HIGH']],
  [/^gemini-3\.\d+-pro/, ['LOW', 'MEDIUM', 'HIGH']],
  [/^gemini-3\.[78]-flash$/, ['LOW', 'MEDIUM', 'HIGH']],
  [/^gemini-3\.\d+-flash(?:-lite)?-image/, ['MINIMAL', 'HIGH']],
];

/**
 * Output token limits: Gemini 1.5, 2.0 Flash and 2.0 Flash-Lite write 8,192; the 2.5 models and Gemini 3 write
 * 65,536 (ai.google.dev/gemini-api/docs/models, each model's "Output token limit").
 */
const outputLimits: ReadonlyArray<[RegExp, number]> = [
  [/^gemini-(?:1\.5|2\.0)-/, 8192],
  [/^gemini-(?:2\.5|3(?:\.\d+)?)-/, 65536],
];

export const geminiModelRules: VendorRule[] = [
  {
    id: 'gemini.model.output-limit',
    // A maxOutputTokens past the model's limit is a 400: "Unable to submit request because it has a maxOutputTokens
    // value of 655360 but the supported range is from 1 (inclusive) to 8193 (exclusive). Update the value and try
    // again." (github.com/stackblitz-labs/bolt.diy/issues/955); the Gemini API answers gemini-2.0-flash's 65536 the same
    // way, "supported range … < 8193" (github.com/evalstate/fast-agent/pull/554).
    source: 'ai.google.dev/gemini-api/docs/models; github.com/stackblitz-labs/bolt.diy/issues/955',
    check: (request) => {
      const asked = field(request, 'generationConfig', 'maxOutputTokens');
      const limit = outputLimits.find(([models]) => models.test(model(request)))?.[1];
      if (limit === undefined || typeof asked !== 'number' || asked <= limit) return undefined;
      return `Unable to submit request because it has a maxOutputTokens value of ${asked} but the supported range is from 1 (inclusive) to ${limit + 1} (exclusive). Update the value and try again.`;
    },
  },
  {
    id: 'gemini.model.top-k-range',
    // Gemini 1.5 and 2.0 take topK from 1 to 40: "Unable to submit request because it has a topK value of 50 but the
    // supported range is from 1 (inclusive) to 41 (exclusive). Update the value and try again." (gemini-1.5-flash on the
    // Gemini API, github.com/genkit-ai/genkit/issues/1397; 100 on gemini-2.0-flash-exp, github.com/Robitx/gp.nvim/issues/241).
    source: 'github.com/genkit-ai/genkit/issues/1397; github.com/Robitx/gp.nvim/issues/241',
    check: (request) => {
      const topK = generationField(request, 'topK');
      if (!/^gemini-(?:1\.5|2\.0)-/.test(model(request)) || typeof topK !== 'number' || topK <= 40) return undefined;
      return `Unable to submit request because it has a topK value of ${topK} but the supported range is from 1 (inclusive) to 41 (exclusive). Update the value and try again.`;
    },
  },
  {
    id: 'gemini.model.no-thinking-config',
    // Gemini 2.0 and 1.5 do not think: "thinking_config is not supported." (https://github.com/immersive-translate/immersive-translate/issues/2976).
    source: 'github.com/immersive-translate/immersive-translate/issues/2976',
    check: (request) => (/^gemini-(?:1\.|2\.0)/.test(model(request)) && thinkingConfig(request) !== undefined ? 'thinking_config is not supported.' : undefined),
  },
  {
    id: 'gemini.model.thinking-level-gemini-3-only',
    // "If you use the thinking_level parameter with a model earlier than Gemini 3, the model returns an error"; the
    // Gemini API answers "Thinking level is not supported for this model." (https://github.com/RooCodeInc/Roo-Code/issues/10700).
    source: 'ai.google.dev/gemini-api/docs/thinking; github.com/RooCodeInc/Roo-Code/issues/10700',
    check: (request) =>
      /^gemini-(?:1\.|2\.)/.test(model(request)) && field(request, 'generationConfig', 'thinkingConfig', 'thinkingLevel') !== undefined
        ? 'Thinking level is not supported for this model.'
        : undefined,
  },
  {
    id: 'gemini.model.gemini-3-pro-thinking',
    // "You cannot disable thinking for Gemini 3 Pro" (ai.google.dev/gemini-api/docs/thinking, quoted in
    // github.com/enricoros/big-AGI/issues/893). Turning it off by a budget of 0 is not recorded for Gemini 3; it is
    // worded as Gemini 2.5 Pro answers it (github.com/ChatLunaLab/chatluna/issues/519).
    source: 'ai.google.dev/gemini-api/docs/thinking; github.com/ChatLunaLab/chatluna/issues/519',
    check: (request) =>
      /^gemini-3(?:\.\d+)?-pro/.test(model(request)) && field(request, 'generationConfig', 'thinkingConfig', 'thinkingBudget') === 0
        ? 'Budget 0 is invalid. This model only works in thinking mode.'
        : undefined,
  },
  {
    id: 'gemini.model.thinking-levels',
    // A level the model does not take, 400 INVALID_ARGUMENT as recorded: "Thinking level MEDIUM is not supported for this
    // model. Please retry with other thinking level." (gemini-3-pro, github.com/egoist/chatwise-releases/issues/1206;
    // MINIMAL on gemini-3.8-flash, github.com/earendil-works/pi/issues/9455).
    source: 'ai.google.dev/gemini-api/docs/thinking#thinking-levels; github.com/egoist/chatwise-releases/issues/1206; github.com/earendil-works/pi/issues/9455',
    check: (request) => {
      const levels = thinkingLevels.find(([models]) => models.test(model(request)))?.[1];
      const level = field(request, 'generationConfig', 'thinkingConfig', 'thinkingLevel');
      if (levels === undefined || typeof level !== 'string' || levels.includes(level.toUpperCase())) return undefined;
      return `Thinking level ${level.toUpperCase()} is not supported for this model. Please retry with other thinking level.`;
    },
  },
  {
    id: 'gemini.model.thinking-budget-range',
    // Off on 2.5 Pro: "Budget 0 is invalid. This model only works in thinking mode." (https://github.com/ChatLunaLab/chatluna/issues/519);
    // out of range: "thinking_budget is out of range; supported values are integers from 1 to 24576."
    // (https://github.com/su-kaka/gcli2api/issues/108, https://github.com/lbjlaq/Antigravity-Manager/issues/1384).
    source: 'ai.google.dev/gemini-api/docs/thinking#set-budget; github.com/ChatLunaLab/chatluna/issues/519',
    check: (request) => {
      const budget = field(request, 'generationConfig', 'thinkingConfig', 'thinkingBudget');
      const range = budgetRanges.find((candidate) => candidate.models.test(model(request)));
      if (range === undefined || typeof budget !== 'number' || budget === -1) return undefined;
      if (budget === 0) return range.canTurnOff ? undefined : 'Budget 0 is invalid. This model only works in thinking mode.';
      return budget < range.min || budget > range.max ? `thinking_budget is out of range; supported values are integers from ${range.min} to ${range.max}.` : undefined;
    },
  },
  {
    id: 'gemini.model.include-thoughts-thinking-off',
    // "2.5 Flash Lite has thinking disabled by default" (github.com/google-gemini/gemini-cli/pull/4652, from
    // ai.google.dev/gemini-api/docs/thinking and cloud.google.com/vertex-ai/generative-ai/docs/thinking#budget); thoughts
    // asked for there without a budget are a 400 INVALID_ARGUMENT: "Unable to submit request because
    // Thinking_config.include_thoughts is only enabled when thinking is enabled." (github.com/google-gemini/gemini-cli/pull/3033,
    // which sends thinkingBudget -1 beside them). A budget of 0 on Vertex has its own rule (vertex.ts).
    source: 'github.com/google-gemini/gemini-cli/pull/3033; github.com/google-gemini/gemini-cli/pull/4652',
    check: (request) => {
      const body = generateRequestOf(request);
      const thinking = body === undefined ? undefined : wireField(generationConfigOf(body), 'thinkingConfig');
      if (!/^gemini-2\.5-flash-lite/.test(model(request)) || thinking === null || typeof thinking !== 'object') return undefined;
      const record = thinking as Record<string, unknown>;
      return wireField(record, 'includeThoughts') === true && wireField(record, 'thinkingBudget') === undefined
        ? 'Unable to submit request because Thinking_config.include_thoughts is only enabled when thinking is enabled.'
        : undefined;
    },
  },
  {
    id: 'gemini.model.penalty',
    // Gemini 2.5 and 3 refuse a non-zero presencePenalty or frequencyPenalty, 400 INVALID_ARGUMENT: "Penalty is not enabled
    // for models/gemini-2.5-flash" (gemini-2.5-pro and -flash, github.com/vercel/ai/issues/8943), in later words "Penalty is
    // not enabled for this model" for "any non-zero value (e.g. 0.2)" on every model tried, where 0.0 passes
    // (github.com/google-gemini/cookbook/issues/1290); Gemini 3 (github.com/BerriAI/litellm/pull/16907, and through Vertex
    // github.com/Ikalus1988/MisakaNet/issues/1473). Gemini 2.0 takes them (github.com/PublicAffairs/openai-gemini/issues/63).
    source: 'github.com/vercel/ai/issues/8943; github.com/google-gemini/cookbook/issues/1290',
    check: (request) => {
      if (!/^gemini-(?:2\.5|3(?:\.\d+)?)-/.test(model(request))) return undefined;
      const penalties = ['presencePenalty', 'frequencyPenalty'].map((name) => generationField(request, name));
      return penalties.some((value) => typeof value === 'number' && value !== 0) ? 'Penalty is not enabled for this model' : undefined;
    },
  },
  {
    id: 'gemini.model.multiple-candidates',
    // Gemini 3 answers candidateCount above 1 with 400 INVALID_ARGUMENT "Multiple candidates is not enabled for this model":
    // gemini-3-pro-preview (github.com/googleapis/python-genai/issues/1723), gemini-3.1-flash-lite, gemini-3-flash-preview
    // and gemini-3.1-pro-preview, "all Gemini 3.x models I've tested"; gemini-2.5-flash takes it
    // (github.com/googleapis/js-genai/issues/1609). Both are the Gemini API's; Vertex does not apply it (vertex.ts).
    source: 'github.com/googleapis/js-genai/issues/1609; github.com/googleapis/python-genai/issues/1723',
    check: (request) => {
      const count = generationField(request, 'candidateCount');
      return /^gemini-3(?:\.\d+)?-/.test(model(request)) && typeof count === 'number' && count > 1 ? 'Multiple candidates is not enabled for this model' : undefined;
    },
  },
  {
    id: 'gemini.model.tools-with-json-output',
    // Before Gemini 3, JSON output beside tools is refused: "Tool use with a response mime type: 'application/json' is
    // unsupported" (HTTP 400 to Gemini CLI on Gemini 2.5, github.com/snailyp/gemini-balance/issues/264); Gemini 3 takes a
    // response schema with tools (github.com/simstudioai/sim/pull/4184 keeps both only for Gemini 3).
    source: 'github.com/snailyp/gemini-balance/issues/264; github.com/simstudioai/sim/pull/4184',
    check: (request) => {
      const tools = field(request, 'tools');
      const mimeType = field(request, 'generationConfig', 'responseMimeType');
      return /^gemini-(?:1\.|2\.)/.test(model(request)) && Array.isArray(tools) && tools.length > 0 && mimeType === 'application/json'
        ? "Tool use with a response mime type: 'application/json' is unsupported"
        : undefined;
    },
  },
];
