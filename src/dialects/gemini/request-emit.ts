/**
 * Interlingua → Gemini `GenerateContentRequest` body. The model and streaming go in the URL,
 * which the provider builds; `defaultMaxOutputTokens` is not needed (Gemini has a default).
 */
import { withFormatDescription } from '../../core/format-description.js';
import type { EmitRequestOptions, EmittedRequest } from '../../interlingua/dialect.js';
import type { ChatRequest, ReasoningSettings } from '../../interlingua/request.js';
import type { ToolChoice } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import { budgetByEffort, isReasoningOff } from '../../core/reasoning-budget.js';
import { foreignVendorWarnings } from '../../core/vendor-fields.js';
import { promptCacheKeyWarnings } from '../../core/prompt-cache-key.js';
import { fitToolControls } from '../../core/tool-choice-fit.js';
import { withUniqueToolNames } from '../../core/unique-tool-names.js';
import { fitToolCount } from '../../core/tool-count-fit.js';
import { emitContents } from './contents-emit.js';
import { withOneContent } from './system-only.js';
import { withJsonBesideTools } from './json-beside-tools.js';
import { jsonSchemaToGeminiSchema, type SchemaPlatformRules } from './json-schema-to-gemini.js';
import { allowedFunctionCallingConfig } from './allowed-tools.js';
import { fitPenalties } from './penalty-range.js';
import { isBareObject } from './schema-node-fit.js';
import { isGemini3OrLater, isGeminiBefore3, thinksOnlyWhenAsked } from './model-generation.js';
import { thinkingLevelFor } from './thinking-level.js';
import { isJsonObject, setField, setPath, type JsonObject } from './json-value.js';
import { dialectName, readRequestVendor, type RequestVendor } from './vendor.js';
import { emitLogprobsAsk } from './logprobs-ask.js';
import { pushAll } from '../../core/push-all.js';

/**
 * Gemini refuses more function declarations than this: "The GenerateContentRequest proto is
 * invalid:\n  * tools[0].function_declarations: [FIELD_INVALID] At most 512 function declarations
 * can be specified." (Gemini CLI with many MCP servers, https://github.com/google-gemini/gemini-cli/issues/19083
 * and https://github.com/google-gemini/gemini-cli/issues/25440). Counted once names are unique, and
 * before tools and tool controls are emitted, so a tool choice is fitted to the tools that go.
 */
const maxFunctionDeclarations = 512;

/**
 * `platform`: what the platform the body goes to refuses beyond the Gemini API (Vertex AI's
 * schema rules, vertex-platform.ts).
 */
export function emitGeminiRequest(given: ChatRequest, options: EmitRequestOptions, platform: SchemaPlatformRules = {}): EmittedRequest {
  const warnings: Warning[] = [];
  const asked = fitToolCount(withUniqueToolNames(given, warnings), maxFunctionDeclarations, warnings);
  const vendor = readRequestVendor(asked.vendor);
  const body: JsonObject = {};
  const tools = emitTools(asked, vendor, platform, warnings);
  const request = withJsonBesideTools(asked, tools.length > 0, options.model, warnings);
  const emitted = emitContents(request.messages, options.model, warnings);
  // A system text that is empty or blank says nothing, and Gemini refuses a part of empty text
  // (contents.ts in the test judges); it is left out, and systemInstruction with it when none is left.
  const instructions = [...request.system, ...emitted.hoistedSystem].filter((part) => part.text.trim() !== '');
  const { contents, system } = withOneContent(emitted.contents, instructions, warnings);
  body['contents'] = contents;
  if (system.length > 0) body['systemInstruction'] = { parts: system.map((part) => ({ text: part.text })) };
  if (tools.length > 0) body['tools'] = tools;
  // functionCallingConfig governs function declarations only: without one Gemini refuses it
  // ("Function calling config is set without function_declarations.",
  // https://github.com/musistudio/claude-code-router/pull/1207), and allowedFunctionNames name
  // declared functions (https://ai.google.dev/api/caching#FunctionCallingConfig).
  const declared = (request.tools ?? []).map((tool) => tool.name);
  const controls = fitToolControls(request, { names: new Set(declared), any: declared.length > 0 });
  pushAll(warnings, controls.warnings);
  if (controls.toolChoice) body['toolConfig'] = { functionCallingConfig: emitToolChoice(controls.toolChoice, declared, isValidatedMode(vendor), warnings) };
  if (controls.parallelToolCalls === false) {
    warnings.push({ type: 'unsupported', feature: 'parallel_tool_calls', message: 'Gemini cannot be told to make one call at a time; parallelToolCalls: false was left out.' });
  }
  if (request.user !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'user', message: 'Gemini takes no end-user id; "user" was left out.' });
  }

  const generationConfig = emitGenerationConfig(request, vendor, options.model, platform, warnings);
  if (Object.keys(generationConfig).length > 0) body['generationConfig'] = generationConfig;

  // A level the emitter wrote from the effort stands for the caller's own (which the catalog may have fitted).
  const levelWritten = isJsonObject(generationConfig['thinkingConfig']) && generationConfig['thinkingConfig']['thinkingLevel'] !== undefined;
  for (const { path, value } of vendor.bodyPaths) if (!isThinkingLevel(path) || (takesLevel(options.model) && !levelWritten)) setPath(body, path, value);
  pushAll(warnings, foreignVendorWarnings(request.vendor, dialectName));
  pushAll(warnings, promptCacheKeyWarnings(request, 'Gemini'));
  return { body, warnings };
}

function emitTools(request: ChatRequest, vendor: RequestVendor, platform: SchemaPlatformRules, warnings: Warning[]): unknown[] {
  const declarations = (request.tools ?? []).map((tool) => {
    const declaration: JsonObject = { name: tool.name };
    if (tool.description !== undefined) declaration['description'] = tool.description;
    if (vendor.parametersJsonSchema.has(tool.name)) {
      declaration['parametersJsonSchema'] = tool.parameters;
    } else if (!isEmptyObjectSchema(tool.parameters)) {
      const converted = jsonSchemaToGeminiSchema(tool.parameters, 'the parameters of a tool', tool.name, platform);
      // No arguments, however the schema says it (`additionalProperties: false`, `$schema`, as MCP SDKs write it):
      // declared without parameters, as Gemini refuses an OBJECT without properties (isEmptyObjectSchema).
      if (!isBareObject(converted.schema)) declaration['parameters'] = converted.schema;
      pushAll(warnings, converted.warnings);
    }
    const extra = vendor.functionDeclarationExtras[tool.name];
    if (extra !== undefined) for (const [key, value] of Object.entries(extra)) setField(declaration, key, value);
    return declaration;
  });
  const tools: unknown[] = declarations.length > 0 ? [{ functionDeclarations: declarations }] : [];
  if (request.tools?.some((tool) => tool.strict === true)) {
    warnings.push({ type: 'compatibility', feature: 'tool.strict', message: 'Gemini has no strict function calling; declarations were sent without it.' });
  }
  return [...tools, ...vendor.tools];
}

/**
 * A function without arguments is declared without `parameters`: Gemini rejects an OBJECT
 * schema with no properties ("properties: should be non-empty for OBJECT type").
 */
function isEmptyObjectSchema(schema: JsonObject): boolean {
  const keys = Object.keys(schema);
  const properties = schema['properties'];
  return (
    schema['type'] === 'object' &&
    keys.every((key) => key === 'type' || key === 'properties') &&
    (properties === undefined || (isJsonObject(properties) && Object.keys(properties).length === 0))
  );
}

/** A Gemini caller's mode VALIDATED, kept as vendor data since other upstreams treat it as AUTO. */
function isValidatedMode(vendor: RequestVendor): boolean {
  return vendor.bodyPaths.some(({ path, value }) => path.join('.') === 'toolConfig.functionCallingConfig.mode' && value === 'VALIDATED');
}

function emitToolChoice(choice: ToolChoice, declared: readonly string[], validated: boolean, warnings: Warning[]): JsonObject {
  switch (choice.type) {
    case 'auto':
    case 'required':
      if (choice.allowed !== undefined) return allowedFunctionCallingConfig(choice.type, choice.allowed, declared, warnings, validated);
      return { mode: choice.type === 'auto' ? 'AUTO' : 'ANY' };
    case 'none':
      return { mode: 'NONE' };
    case 'tool':
      return { mode: 'ANY', allowedFunctionNames: [choice.name] };
    default: {
      const unhandled: never = choice;
      throw new Error(`unhandled tool choice ${JSON.stringify(unhandled)}`);
    }
  }
}

const maxStopSequences = 5;

/**
 * "temperature: … Values can range from [0.0, 2.0]" (https://ai.google.dev/api/generate-content#generationconfig);
 * a caller whose dialect sets no upper bound (Ollama's `options.temperature`) may send more.
 */
const maxTemperature = 2;

/**
 * `seed` is an int32 in GenerationConfig (`field :seed, 8, … type: :int32` in the v1beta generative_service
 * bindings generated from googleapis, github.com/rudebono/elixir-googleapis-protobuf
 * lib/google/ai/generativelanguage/v1beta/generative_service.pb.ex); Vertex AI takes a signed INT32 only
 * (https://github.com/pollinations/pollinations/pull/6867, capping its seeds at 2147483647 for Vertex AI).
 */
function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
}

/** A whole seed's low 32 bits as a signed integer (ECMAScript ToInt32): deterministic, and spread over the range as seeds are. */
function asInt32(value: number): number {
  return Math.trunc(value) | 0;
}

function emitGenerationConfig(request: ChatRequest, vendor: RequestVendor, model: string, platform: SchemaPlatformRules, warnings: Warning[]): JsonObject {
  const config: JsonObject = {};
  const { sampling } = request;
  const keys = ['temperature', 'topP', 'topK', 'maxOutputTokens', 'stopSequences', 'candidateCount', 'seed', 'presencePenalty', 'frequencyPenalty'] as const;
  for (const key of keys) if (sampling[key] !== undefined) config[key] = sampling[key];
  // "stopSequences[]: The set of character sequences (up to 5) that will stop output generation"
  // (https://ai.google.dev/api/generate-content#generationconfig); more are refused.
  if (sampling.stopSequences !== undefined && sampling.stopSequences.length > maxStopSequences) {
    config['stopSequences'] = sampling.stopSequences.slice(0, maxStopSequences);
    warnings.push({
      type: 'unsupported',
      feature: 'stop_sequences',
      message: `Gemini takes at most ${maxStopSequences} stop sequences; ${sampling.stopSequences.length} were given and the first ${maxStopSequences} were sent.`,
    });
  }

  const format = request.responseFormat;
  if (format?.type === 'text') config['responseMimeType'] = 'text/plain';
  if (format?.type === 'json') {
    config['responseMimeType'] = 'application/json';
    const schema = format.schema === undefined ? undefined : withFormatDescription(format.schema, format.description, 'Gemini', warnings);
    if (schema !== undefined && vendor.responseJsonSchema) {
      config['responseJsonSchema'] = schema;
    } else if (schema !== undefined) {
      const converted = jsonSchemaToGeminiSchema(schema, 'the response schema', undefined, platform);
      pushAll(warnings, converted.warnings);
      // An object without properties, which Gemini refuses as a schema: JSON output alone says as much.
      if (!isBareObject(converted.schema)) config['responseSchema'] = converted.schema;
      else warnings.push({ type: 'compatibility', feature: 'response_format.schema', message: 'Gemini refuses a response schema that is an object without properties; JSON output was asked for without it.' });
    }
  }

  const thinking = emitThinkingConfig(request.reasoning, vendor, model, warnings);
  if (sampling.temperature !== undefined && sampling.temperature > maxTemperature) {
    config['temperature'] = maxTemperature;
    warnings.push({ type: 'compatibility', feature: 'temperature', message: `Gemini's temperature goes up to ${maxTemperature}; ${sampling.temperature} was sent as ${maxTemperature}.` });
  }
  fitPenalties(sampling, config, warnings);
  if (sampling.seed !== undefined && !isInt32(sampling.seed)) {
    const seed = asInt32(sampling.seed);
    config['seed'] = seed;
    warnings.push({ type: 'compatibility', feature: 'seed', message: `Gemini's seed is a 32-bit integer; ${sampling.seed} was sent as ${seed}, its low 32 bits, so the same seed still gives the same value.` });
  }
  if (Object.keys(thinking).length > 0) config['thinkingConfig'] = thinking;
  emitLogprobsAsk(request, vendor.logprobsAsked, config, warnings);
  return config;
}

/**
 * Gemini 3 takes `thinkingLevel`, earlier models refuse it ("Thinking level is not supported for
 * this model.", https://github.com/RooCodeInc/Roo-Code/issues/10700): a Gemini 3 caller's level
 * routed to Gemini 2.5 goes as the budget for its effort. A model of another name keeps the
 * level its caller gave.
 */
function takesLevel(model: string): boolean {
  return !isGeminiBefore3(model);
}

function isThinkingLevel(path: readonly string[]): boolean {
  return path.join('.') === 'generationConfig.thinkingConfig.thinkingLevel';
}

/**
 * An effort to a model named Gemini 3 or later as its `thinkingLevel` (thinking-level.ts), never
 * beside a budget: "You can only set only one of thinking budget and thinking level." (400
 * INVALID_ARGUMENT, https://github.com/sterlp/eclipse-peon-ai/issues/115). Otherwise a budget as
 * it is; off as budget 0; an effort as the shared budget for it (unless the caller gave a Gemini 3
 * `thinkingLevel`, which comes back from vendor data); reasoning switched on without either (Ollama
 * `think: true`, Anthropic's `adaptive`) as -1, "the model decides" (https://ai.google.dev/gemini-api/docs/thinking#set-budget).
 * Gemini 2.5 budgets are per model (Pro 128–32768, Flash 0–24576, Flash-Lite 512–24576); the
 * shared effort budgets fit all three. A budget goes to Gemini 3 as it is, which Google still takes.
 */
function emitThinkingConfig(reasoning: ReasoningSettings | undefined, vendor: RequestVendor, model: string, warnings: Warning[]): JsonObject {
  const levelTaken = takesLevel(model);
  const thinking: JsonObject = {};
  if (reasoning === undefined) return thinking;
  const callerLevel = levelTaken ? vendor.bodyPaths.find(({ path }) => isThinkingLevel(path)) : undefined;
  const hasLevel = callerLevel !== undefined;
  if (reasoning.effort !== undefined && !isReasoningOff(reasoning) && isGemini3OrLater(model)) {
    thinking['thinkingLevel'] = thinkingLevelFor(reasoning.effort, callerLevel?.value);
  } else if (reasoning.budgetTokens !== undefined && reasoning.budgetTokens !== 0) {
    thinking['thinkingBudget'] = reasoning.budgetTokens;
  } else if (isReasoningOff(reasoning)) {
    thinking['thinkingBudget'] = 0;
  } else if (reasoning.effort !== undefined && !hasLevel) {
    const budget = budgetByEffort[reasoning.effort];
    thinking['thinkingBudget'] = budget;
    warnings.push({
      type: 'compatibility',
      feature: 'reasoning.effort',
      message: `Reasoning effort "${reasoning.effort}" was sent as a thinking budget of ${budget} tokens.`,
    });
  } else if (reasoning.enabled === true && !hasLevel) {
    thinking['thinkingBudget'] = -1;
  }
  if (reasoning.includeThoughts === undefined) return thinking;
  // Thoughts asked for with nothing else (an OpenAI Responses `reasoning.summary` alone) to a model that thinks
  // only when asked (thinksOnlyWhenAsked) switch thinking on at the dynamic budget, -1: such a model refuses them
  // otherwise, "Unable to submit request because Thinking_config.include_thoughts is only enabled when thinking
  // is enabled." (https://github.com/google-gemini/gemini-cli/pull/3033, which sends -1 for the same reason). A
  // caller asking for summaries of the reasoning asks for reasoning; dropping includeThoughts instead would send
  // a request that neither reasons nor shows any. Models that think by default get the request as it is.
  if (reasoning.includeThoughts && thinking['thinkingBudget'] === undefined && thinksOnlyWhenAsked(model)) {
    thinking['thinkingBudget'] = -1;
    warnings.push({
      type: 'compatibility',
      feature: 'reasoning.include_thoughts',
      message: `${model} thinks only when a thinking budget is set; thoughts were asked for, so thinking was switched on with the dynamic budget (-1).`,
    });
  }
  // Thoughts asked for with thinking off are refused on Vertex: "Unable to submit request because
  // Thinking_config.include_thoughts is only enabled when thinking is enabled."
  // (https://github.com/lofcz/LLMTornado/pull/66, https://github.com/dust-tt/dust/pull/26335); with no
  // thinking there are no thoughts to include, so it is left out.
  if (thinking['thinkingBudget'] === 0) {
    if (reasoning.includeThoughts) {
      warnings.push({ type: 'compatibility', feature: 'reasoning.include_thoughts', message: 'Thinking is off, so there are no thoughts to include; includeThoughts was left out.' });
    }
    return thinking;
  }
  thinking['includeThoughts'] = reasoning.includeThoughts;
  return thinking;
}
