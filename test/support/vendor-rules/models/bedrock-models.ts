import { isRecord, pathOf, type JudgedRequest, type VendorRule } from '../rule.js';
import { bedrockFamilyRules } from './bedrock-model-families.js';
import { adaptiveOnlyModels, alwaysThinkingModels, anthropicModelRules, endsOnAssistant, noPrefillModels, noSamplingModels, prefillRefusal, toolsPrefillRefusal } from './anthropic-models.js';

/** The model a Bedrock path names, its id as written (`us.amazon.nova-pro-v1:0`). */
function pathModelId(request: JudgedRequest): string | undefined {
  const match = /^\/model\/([^/]+)\/(?:converse|converse-stream)$/.exec(pathOf(request));
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** Amazon Nova on Bedrock, with or without a cross-region inference profile's geography (`us.`, `eu.`, …). */
const novaModel = /^(?:[a-z-]+\.)?amazon\.nova-/;

/** The model any Bedrock runtime path names (Converse, InvokeModel, their streams), as written. */
function anyPathModelId(request: JudgedRequest): string | undefined {
  const match = /^\/model\/([^/]+)\/(?:converse|converse-stream|invoke|invoke-with-response-stream)$/.exec(pathOf(request));
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** A Bedrock Claude id as Anthropic names the model: `us.anthropic.claude-opus-4-6-v1` → `claude-opus-4-6`. */
function claudeModel(id: string): string | undefined {
  const match = /(?:^|\.)anthropic\.(claude-[a-z0-9-]+?)(?:-\d{8})?(?:-v\d+(?::\d+)?)?$/.exec(id);
  return match?.[1];
}

/** The model an InvokeModel path names, as Anthropic names it, when it is Claude. */
function invokedClaudeModel(request: JudgedRequest): string | undefined {
  const match = /^\/model\/([^/]+)\/(?:invoke|invoke-with-response-stream)$/.exec(pathOf(request));
  return match?.[1] === undefined ? undefined : claudeModel(decodeURIComponent(match[1]));
}

/** Claude's rules with a Bedrock rule of their own below (on Converse too), and the binding's beta, which Bedrock reads from the body. */
const ownOnBedrock = new Set(['anthropic.model.no-prefill', 'anthropic.model.thinking-adaptive-only', 'anthropic.model.sampling-removed', 'anthropic.model.block-binding-beta']);

/**
 * Claude's rules other than `ownOnBedrock`, for one Bedrock operation: each reads the Messages body
 * `bodyOf` makes of the request with the Claude model its path names, and its refusal comes in the
 * words Bedrock relays a model's refusal with, as the rules below.
 */
function claudeRulesOn(
  operation: 'invoke' | 'converse',
  modelOf: (request: JudgedRequest) => string | undefined,
  bodyOf: (body: Record<string, unknown>, model: string) => Record<string, unknown>,
  alsoLeftOut: readonly string[] = [],
): VendorRule[] {
  return anthropicModelRules
    .filter((rule) => !ownOnBedrock.has(rule.id) && !alsoLeftOut.includes(rule.id))
    .map((rule) => ({
      ...rule,
      id: `bedrock.${operation}.${rule.id}`,
      check: (request: JudgedRequest) => {
        const model = modelOf(request);
        if (model === undefined || !isRecord(request.body)) return undefined;
        const refusal = rule.check({ ...request, body: bodyOf(request.body, model) });
        return refusal === undefined ? undefined : `The model returned the following errors: ${refusal}`;
      },
    }));
}

/**
 * Claude's other per-model rules (output limits, forced tool choice, structured output, sampling
 * pairs, effort with thinking off) on InvokeModel, whose body is Anthropic's own with the model in
 * the path (docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html).
 */
const invokeModelRules = claudeRulesOn('invoke', invokedClaudeModel, (body, model) => ({ ...body, model }));

/**
 * Claude models that take structured output on Anthropic's API but whose Bedrock schema has no
 * `output_config.format`: Opus 4.7 (github.com/vercel/ai/issues/14773, github.com/anomalyco/models.dev/pull/1765
 * after Bedrock's model card), Opus 4.8 and Sonnet 5 (github.com/anthropics/anthropic-sdk-python/issues/1759,
 * `AnthropicBedrock`), Opus 5 (github.com/vercel/ai/pull/17919) and Fable 5 (vercel/ai
 * packages/amazon-bedrock/src/amazon-bedrock-anthropic-model-support.ts, `MODELS_REJECTING_NEWER_SCHEMA_FIELDS`).
 */
const noOutputFormatOnBedrock = /^claude-(?:opus-4-[78]|opus-5|sonnet-5|fable-5)$/;

/** The model a Converse path names, as Anthropic names it, when it is Claude. */
function conversedClaudeModel(request: JudgedRequest): string | undefined {
  const id = pathModelId(request);
  return id === undefined ? undefined : claudeModel(id);
}

/**
 * A Converse body's settings that Claude's per-model rules read, in the Messages API's words:
 * `inferenceConfig` `maxTokens`, `temperature`, `topP`, and `toolConfig.toolChoice` (`auto`, `any`,
 * `tool`: docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolChoice.html) become
 * `max_tokens`, `temperature`, `top_p` and `tool_choice.type`; `thinking` and `output_config` travel
 * as they are in `additionalModelRequestFields`.
 */
function converseAsMessages(body: Record<string, unknown>, model: string): Record<string, unknown> {
  const inference = isRecord(body['inferenceConfig']) ? body['inferenceConfig'] : {};
  const additional = isRecord(body['additionalModelRequestFields']) ? body['additionalModelRequestFields'] : {};
  const config = isRecord(body['toolConfig']) ? body['toolConfig'] : {};
  const choice = isRecord(config['toolChoice']) ? Object.keys(config['toolChoice'])[0] : undefined;
  return {
    model,
    max_tokens: inference['maxTokens'],
    temperature: inference['temperature'],
    top_p: inference['topP'],
    ...(choice === undefined ? {} : { tool_choice: { type: choice } }),
    thinking: additional['thinking'],
    output_config: additional['output_config'],
  };
}

/**
 * Claude's other per-model rules on Converse, read from its settings (`converseAsMessages`); the
 * structured output rule reads fields Converse does not have.
 */
const converseModelRules = claudeRulesOn('converse', conversedClaudeModel, converseAsMessages, ['anthropic.model.structured-output']);

export const bedrockModelRules: VendorRule[] = [
  ...invokeModelRules,
  ...converseModelRules,
  ...bedrockFamilyRules,
  {
    id: 'bedrock.invoke.claude-no-output-format',
    // Bedrock checks InvokeModel's Claude body against its own copy of the Messages schema, which lacks
    // `output_config.format` (and the beta `output_format`) for `noOutputFormatOnBedrock`: "output_config.format: Extra
    // inputs are not permitted" (github.com/vercel/ai/issues/14773, github.com/anthropics/claude-code/issues/63620), in
    // the words Bedrock relays a model's refusal with ("The model returned the following errors: output_config.format:
    // Extra inputs are not permitted", github.com/vercel/ai/issues/19988).
    source: 'github.com/vercel/ai/issues/14773; github.com/anomalyco/models.dev/pull/1765; github.com/anthropics/anthropic-sdk-python/issues/1759; github.com/vercel/ai/pull/17919',
    check: (request) => {
      const model = invokedClaudeModel(request);
      if (model === undefined || !noOutputFormatOnBedrock.test(model) || !isRecord(request.body)) return undefined;
      const config = request.body['output_config'];
      const field = isRecord(config) && config['format'] !== undefined ? 'output_config.format' : request.body['output_format'] !== undefined ? 'output_format' : undefined;
      return field === undefined ? undefined : `The model returned the following errors: ${field}: Extra inputs are not permitted`;
    },
  },
  {
    id: 'bedrock.model.claude-no-prefill',
    // Claude 4.6 and later refuse a conversation that ends on an assistant turn (anthropic-models.ts); on Bedrock the
    // same words come back for `us.anthropic.claude-opus-4-6-v1` (https://github.com/strands-agents/sdk-python/issues/1694),
    // on Converse as on InvokeModel.
    source: 'github.com/strands-agents/sdk-python/issues/1694; platform.claude.com/docs/en/about-claude/models/migration-guide',
    check: (request) => {
      const id = anyPathModelId(request);
      const model = id === undefined ? undefined : claudeModel(id);
      if (model === undefined || !noPrefillModels.test(model) || !isRecord(request.body)) return undefined;
      return endsOnAssistant(request.body['messages']) ? prefillRefusal : undefined;
    },
  },
  {
    id: 'bedrock.model.claude-tools-no-prefill',
    // Claude refuses a prefill beside tool declarations (anthropic-models.ts `toolsPrefillRefusal`), recorded on
    // InvokeModel for `anthropic.claude-3-5-sonnet-20240620-v1:0` (https://github.com/langchain-ai/langchain-aws/issues/124).
    // Converse hands Claude its `toolConfig.tools` as the body's `tools`, so the same holds there; Bedrock relays it in
    // the words it relays a model's refusal with.
    source: 'github.com/langchain-ai/langchain-aws/issues/124; github.com/langchain-ai/langgraph/issues/4940',
    check: (request) => {
      const id = anyPathModelId(request);
      if (id === undefined || claudeModel(id) === undefined || !isRecord(request.body)) return undefined;
      const config = request.body['toolConfig'];
      const tools = isRecord(config) ? config['tools'] : request.body['tools'];
      const declares = Array.isArray(tools) && tools.length > 0;
      return declares && endsOnAssistant(request.body['messages']) ? `The model returned the following errors: ${toolsPrefillRefusal}` : undefined;
    },
  },
  {
    id: 'bedrock.model.claude-thinking-adaptive-only',
    // "Claude Mythos 5, Claude Fable 5, Claude Opus 4.7, and Claude Mythos Preview only support adaptive thinking. Manual
    // extended thinking (thinking.type: \"enabled\" with budget_tokens) and disabled thinking (thinking.type:
    // \"disabled\") are not supported on these models and will return a 400 error." Claude's own body on InvokeModel, or
    // Converse's additionalModelRequestFields, carries `thinking`; Bedrock's wording is not recorded, so the model's
    // (https://github.com/earendil-works/pi/issues/3297) is given as Bedrock relays a model's refusal.
    // The models are those of the Anthropic judge (anthropic-models.ts), by their Bedrock ids
    // (`us.anthropic.claude-opus-4-7`, `anthropic.claude-mythos-5`).
    source: 'docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html',
    check: (request) => {
      const id = anyPathModelId(request);
      const model = id === undefined ? undefined : claudeModel(id);
      if (model === undefined || !isRecord(request.body)) return undefined;
      const fields = request.body['additionalModelRequestFields'];
      const thinking = isRecord(fields) ? fields['thinking'] : request.body['thinking'];
      const type = isRecord(thinking) ? thinking['type'] : undefined;
      if (!(type === 'enabled' && adaptiveOnlyModels.test(model)) && !(type === 'disabled' && alwaysThinkingModels.test(model))) return undefined;
      return `The model returned the following errors: "thinking.type.${String(type)}" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.`;
    },
  },
  {
    id: 'bedrock.model.claude-sampling-removed',
    // Claude Opus 4.7 and the models after it refuse temperature, top_p and top_k (anthropic-models.ts); on Converse they
    // travel as `inferenceConfig.temperature` / `topP` (top_k only in additionalModelRequestFields), on InvokeModel in
    // Claude's own body. Bedrock's wording is not recorded; the model's is given as Bedrock relays a model's refusal.
    source: 'github.com/Comfy-Org/ComfyUI/issues/13923; docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-call.html',
    check: (request) => {
      const id = anyPathModelId(request);
      const model = id === undefined ? undefined : claudeModel(id);
      if (model === undefined || !noSamplingModels.test(model) || !isRecord(request.body)) return undefined;
      const body = request.body;
      const inference = isRecord(body['inferenceConfig']) ? body['inferenceConfig'] : {};
      const additional = isRecord(body['additionalModelRequestFields']) ? body['additionalModelRequestFields'] : {};
      const sent =
        inference['temperature'] !== undefined || body['temperature'] !== undefined
          ? 'temperature'
          : inference['topP'] !== undefined || body['top_p'] !== undefined
            ? 'top_p'
            : additional['top_k'] !== undefined || body['top_k'] !== undefined
              ? 'top_k'
              : undefined;
      return sent === undefined ? undefined : `The model returned the following errors: \`${sent}\` is deprecated for this model.`;
    },
  },
  {
    id: 'bedrock.model.nova-no-tool-cache-point',
    // Bedrock's prompt caching models table gives Nova Micro, Lite and Pro "system, messages" as the fields that
    // take cache checkpoints (Claude: "system, messages, tools"): "Tools caching is not supported for Amazon Nova
    // models". The refusal's wording is not recorded; Bedrock's validation style is followed.
    source: 'docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html#prompt-caching-models (quoted in portkey.ai/docs/integrations/llms/bedrock/prompt-caching)',
    check: (request) => {
      const model = pathModelId(request);
      if (model === undefined || !novaModel.test(model) || !isRecord(request.body)) return undefined;
      const config = request.body['toolConfig'];
      const tools = isRecord(config) && Array.isArray(config['tools']) ? config['tools'] : [];
      const index = tools.findIndex((tool) => isRecord(tool) && tool['cachePoint'] !== undefined);
      return index === -1 ? undefined : `Malformed input request: toolConfig.tools.${index + 1}: cachePoint is not supported for tools with model ${model}, please reformat your input and try again.`;
    },
  },
];
