/**
 * Gemini `GenerateContentRequest` → interlingua. The model and streaming live in the URL
 * (`models/{model}:streamGenerateContent`), so they come from the route context.
 */
import type { ParseRequestContext, ParsedRequest } from '../../interlingua/dialect.js';
import type { ChatRequest, ReasoningSettings, ResponseFormat, Sampling } from '../../interlingua/request.js';
import type { TextPart } from '../../interlingua/content.js';
import type { ToolChoice, ToolDefinition } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { approximatePrefix, spellingOnlyPrefix } from '../../core/vendor-fields.js';
import { parseContents } from './contents-parse.js';
import { geminiSchemaToJsonSchema } from './json-schema-from-gemini.js';
import { isJsonObject, setField, type JsonObject } from './json-value.js';
import { dialectName, requestBookkeeping } from './vendor.js';
import { takeLogprobsAsk } from './logprobs-ask.js';
import {
  describeIssue,
  generateContentRequestSchema,
  issuePath,
  type WireContent,
  type WireGenerationConfig,
  type WireTool,
  type WireToolConfig,
} from './wire-schema.js';
import { checkSamplingValues } from '../../core/sampling-values.js';
import { extraFields } from '../../wire/extra-fields.js';

const requestKeys = new Set(['contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig', 'model']);
const generationKeys = new Set([
  'temperature', 'topP', 'topK', 'maxOutputTokens', 'stopSequences', 'candidateCount', 'seed', 'presencePenalty',
  'frequencyPenalty', 'responseMimeType', 'responseSchema', 'responseJsonSchema', 'thinkingConfig',
]);
const thinkingLevels: Record<string, ReasoningSettings['effort']> = { MINIMAL: 'minimal', LOW: 'low', MEDIUM: 'medium', HIGH: 'high' };

export function parseGeminiRequest(body: unknown, context: ParseRequestContext): ParsedRequest {
  const parsed = generateContentRequestSchema.safeParse(body);
  if (!parsed.success) {
    const path = issuePath(parsed.error);
    throw new InterlinguaError('invalid_request', `Invalid Gemini request: ${describeIssue(parsed.error)}.`, path === '' ? {} : { param: path });
  }
  const wire = parsed.data;
  const model = context.model ?? wire.model?.replace(/^models\//, '');
  if (model === undefined || model === '') {
    throw new InterlinguaError('invalid_request', 'No model: Gemini names it in the URL path (models/{model}:generateContent).');
  }
  const warnings: Warning[] = [];
  const vendor: JsonObject = {};
  for (const [key, value] of Object.entries(extraFields(wire, requestKeys) ?? {})) setField(vendor, key, value);

  const request: ChatRequest = {
    model,
    system: parseSystem(wire.systemInstruction ?? undefined, warnings),
    messages: parseContents(wire.contents, warnings),
    sampling: {},
    stream: context.stream ?? false,
    // Gemini reports usage on every streamed chunk; there is no switch for it.
    streamUsage: true,
  };
  parseTools(wire.tools ?? [], request, vendor, warnings);
  if (wire.toolConfig) parseToolConfig(wire.toolConfig, request, vendor, warnings);
  if (wire.generationConfig) parseGenerationConfig(wire.generationConfig, request, vendor);
  takeLogprobsAsk(vendor, request);
  if (Object.keys(vendor).length > 0) request.vendor = { [dialectName]: vendor };
  return { request, warnings };
}

function parseSystem(content: WireContent | undefined, warnings: Warning[]): TextPart[] {
  const system: TextPart[] = [];
  for (const [index, part] of (content?.parts ?? []).entries()) {
    if (typeof part.text === 'string') system.push({ type: 'text', text: part.text });
    else warnings.push({ type: 'unsupported', feature: 'systemInstruction.parts', message: `systemInstruction.parts[${index}] is not text and was left out.` });
  }
  return system;
}

function parseTools(tools: readonly WireTool[], request: ChatRequest, vendor: JsonObject, warnings: Warning[]): void {
  const definitions: ToolDefinition[] = [];
  const otherTools: JsonObject[] = [];
  const jsonSchemaNames: string[] = [];
  const declarationExtras: JsonObject = {};
  for (const tool of tools) {
    for (const declaration of tool.functionDeclarations ?? []) {
      const definition: ToolDefinition = { name: declaration.name, parameters: { type: 'object', properties: {} } };
      if (typeof declaration.description === 'string') definition.description = declaration.description;
      if (declaration.parametersJsonSchema) {
        definition.parameters = geminiSchemaToJsonSchema(declaration.parametersJsonSchema, 'json-schema');
        jsonSchemaNames.push(declaration.name);
      } else if (declaration.parameters) {
        definition.parameters = geminiSchemaToJsonSchema(declaration.parameters);
      }
      const extra = extraFields(declaration, new Set(['name', 'description', 'parameters', 'parametersJsonSchema']));
      if (extra !== undefined) setField(declarationExtras, declaration.name, extra);
      definitions.push(definition);
    }
    const other = extraFields(tool, new Set(['functionDeclarations']));
    if (other === undefined) continue;
    otherTools.push(other);
    for (const key of Object.keys(other)) {
      warnings.push({ type: 'unsupported', feature: `tools.${key}`, message: `The Gemini tool "${key}" is kept for a Gemini upstream only; other upstreams do not get it.` });
    }
  }
  if (definitions.length > 0) request.tools = definitions;
  if (otherTools.length > 0) setField(vendor, requestBookkeeping.tools, otherTools);
  if (jsonSchemaNames.length > 0) setField(vendor, requestBookkeeping.parametersJsonSchema, jsonSchemaNames);
  if (Object.keys(declarationExtras).length > 0) setField(vendor, requestBookkeeping.functionDeclarationExtras, declarationExtras);
}

/**
 * `functionCallingConfig` (https://ai.google.dev/api/caching#FunctionCallingConfig): AUTO, ANY, NONE, VALIDATED.
 * `allowedFunctionNames` "limits the functions the model will call … With mode set to ANY, model will
 * predict a function call from the set of function names provided"
 * (https://ai.google.dev/api/python/google/generativeai/protos/FunctionCallingConfig); with VALIDATED
 * "the predicted function calls will be limited to any one of allowed_function_names"
 * (https://googleapis.github.io/js-genai/release_docs/enums/types.FunctionCallingConfigMode.html).
 * So ANY with one name is that forced tool, ANY with more is `required` over those names, and
 * AUTO / VALIDATED with names is `auto` over them (the interlingua's `allowed`).
 */
function parseToolConfig(toolConfig: WireToolConfig, request: ChatRequest, vendor: JsonObject, warnings: Warning[]): void {
  for (const [key, value] of Object.entries(extraFields(toolConfig, new Set(['functionCallingConfig'])) ?? {})) setField(vendor, `toolConfig.${key}`, value);
  const config = toolConfig.functionCallingConfig;
  if (!config) return;
  for (const [key, value] of Object.entries(extraFields(config, new Set(['mode', 'allowedFunctionNames'])) ?? {})) {
    setField(vendor, `toolConfig.functionCallingConfig.${key}`, value);
  }
  const names = config.allowedFunctionNames ?? undefined;
  const allowed = names !== undefined && names.length > 0 ? { allowed: [...names] } : {};
  let choice: ToolChoice | undefined;
  switch (config.mode) {
    case 'AUTO':
      choice = { type: 'auto', ...allowed };
      break;
    case 'NONE':
      choice = { type: 'none' };
      break;
    case 'ANY':
      choice = names?.length === 1 && names[0] !== undefined ? { type: 'tool', name: names[0] } : { type: 'required', ...allowed };
      break;
    case 'VALIDATED':
      choice = { type: 'auto', ...allowed };
      setField(vendor, 'toolConfig.functionCallingConfig.mode', config.mode);
      warnings.push({ type: 'compatibility', feature: 'functionCallingConfig.VALIDATED', message: 'Mode VALIDATED is treated as AUTO by other upstreams.' });
      break;
    default:
      if (config.mode !== undefined && config.mode !== null) setField(vendor, 'toolConfig.functionCallingConfig.mode', config.mode);
  }
  if (choice !== undefined) request.toolChoice = choice;
  // Names beside a mode the interlingua does not know (or none) are kept for a Gemini upstream.
  if (names !== undefined && choice === undefined) setField(vendor, 'toolConfig.functionCallingConfig.allowedFunctionNames', names);
}

function parseGenerationConfig(config: WireGenerationConfig, request: ChatRequest, vendor: JsonObject): void {
  for (const [key, value] of Object.entries(extraFields(config, generationKeys) ?? {})) setField(vendor, `generationConfig.${key}`, value);
  const sampling: Sampling = request.sampling;
  const numeric = ['temperature', 'topP', 'topK', 'maxOutputTokens', 'candidateCount', 'seed', 'presencePenalty', 'frequencyPenalty'] as const;
  for (const key of numeric) {
    const value = config[key];
    if (typeof value === 'number') sampling[key] = value;
  }
  if (config.stopSequences) sampling.stopSequences = config.stopSequences;
  checkSamplingValues(sampling, {
    maxOutputTokens: 'generationConfig.maxOutputTokens',
    temperature: 'generationConfig.temperature',
    topP: 'generationConfig.topP',
    topK: 'generationConfig.topK',
    candidateCount: 'generationConfig.candidateCount',
  });

  const format = parseResponseFormat(config, vendor);
  if (format !== undefined) request.responseFormat = format;

  const thinking = config.thinkingConfig;
  if (!thinking) return;
  for (const [key, value] of Object.entries(extraFields(thinking, new Set(['thinkingBudget', 'includeThoughts', 'thinkingLevel'])) ?? {})) {
    setField(vendor, `generationConfig.thinkingConfig.${key}`, value);
  }
  const reasoning: ReasoningSettings = {};
  const budget = thinking.thinkingBudget;
  // 0 turns thinking off, -1 lets the model decide (https://ai.google.dev/gemini-api/docs/thinking#set-budget).
  if (budget === 0) reasoning.enabled = false;
  // Reasoning on without a budget is emitted as -1 again, so it needs no vendor data.
  else if (budget === -1) reasoning.enabled = true;
  else if (typeof budget === 'number') {
    reasoning.enabled = true;
    reasoning.budgetTokens = budget;
  }
  if (typeof thinking.thinkingLevel === 'string') {
    // The REST samples write the level in lower case ("low"), the enum in upper case (LOW).
    const effort = thinkingLevels[thinking.thinkingLevel.toUpperCase()];
    if (effort !== undefined) reasoning.effort = effort;
    // Kept so a Gemini upstream gets the level itself rather than a budget derived from the effort;
    // a level other dialects read as an effort is only a spelling to them, not a loss.
    const key = 'generationConfig.thinkingConfig.thinkingLevel';
    setField(vendor, effort === undefined ? key : `${spellingOnlyPrefix}${key}`, thinking.thinkingLevel);
  }
  if (typeof thinking.includeThoughts === 'boolean') reasoning.includeThoughts = thinking.includeThoughts;
  if (Object.keys(reasoning).length > 0) request.reasoning = reasoning;
}

/**
 * `text/x.enum` answers with one of the response schema's enum values as bare text ("outputs an
 * enum value as defined in the response schema (useful for classification tasks)",
 * https://firebase.google.com/docs/ai-logic/generate-structured-output). Other upstreams have no
 * such mode; the nearest is JSON output whose schema is a string with that enum, which they answer
 * with the value as a JSON string (in quotes), so that is what they get, with a compatibility
 * warning saying so. A Gemini upstream gets text/x.enum back (the spelling-only key).
 */
function enumResponseFormat(config: WireGenerationConfig, vendor: JsonObject): ResponseFormat | undefined {
  const given = isJsonObject(config.responseJsonSchema) ? geminiSchemaToJsonSchema(config.responseJsonSchema, 'json-schema') : config.responseSchema ? geminiSchemaToJsonSchema(config.responseSchema) : undefined;
  const values = given?.['enum'];
  if (given === undefined || (given['type'] !== undefined && given['type'] !== 'string')) return undefined;
  if (!Array.isArray(values) || values.length === 0 || !values.every((value) => typeof value === 'string')) return undefined;
  if (isJsonObject(config.responseJsonSchema)) setField(vendor, requestBookkeeping.responseJsonSchema, true);
  setField(vendor, `${spellingOnlyPrefix}generationConfig.responseMimeType`, 'text/x.enum');
  setField(vendor, `${approximatePrefix}response_format.enum`, {
    message: 'Gemini\'s text/x.enum answer is the bare enum value; this upstream was asked for JSON output whose schema is a string with that enum, so the value comes back as a JSON string, in quotes.',
  });
  return { type: 'json', schema: { type: 'string', ...given } };
}

function parseResponseFormat(config: WireGenerationConfig, vendor: JsonObject): ResponseFormat | undefined {
  const mimeType = config.responseMimeType ?? undefined;
  const jsonSchema = config.responseJsonSchema;
  if (mimeType === 'application/json') {
    const format: ResponseFormat = { type: 'json' };
    if (isJsonObject(jsonSchema)) {
      format.schema = geminiSchemaToJsonSchema(jsonSchema, 'json-schema');
      setField(vendor, requestBookkeeping.responseJsonSchema, true);
    } else if (config.responseSchema) {
      format.schema = geminiSchemaToJsonSchema(config.responseSchema);
    }
    return format;
  }
  if (mimeType === 'text/plain' && !config.responseSchema && jsonSchema === undefined) return { type: 'text' };
  const enumFormat = mimeType === 'text/x.enum' ? enumResponseFormat(config, vendor) : undefined;
  if (enumFormat !== undefined) return enumFormat;
  // Other combinations (text/x.enum with a schema, a schema without a MIME type) travel as they are.
  if (mimeType !== undefined) setField(vendor, 'generationConfig.responseMimeType', mimeType);
  if (config.responseSchema) setField(vendor, 'generationConfig.responseSchema', config.responseSchema);
  if (jsonSchema !== undefined && jsonSchema !== null) setField(vendor, 'generationConfig.responseJsonSchema', jsonSchema);
  return undefined;
}
