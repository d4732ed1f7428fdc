/**
 * Anthropic Messages request body (https://docs.claude.com/en/api/messages) → interlingua.
 * Top-level fields the interlingua has no place for (`service_tier`, `container`,
 * `mcp_servers`, `output_config`, …) travel in `vendor.anthropic` under their wire names.
 */
import type { ParseRequestContext, ParsedRequest } from '../../interlingua/dialect.js';
import type { TextPart } from '../../interlingua/content.js';
import type { ChatRequest, ReasoningSettings, Sampling } from '../../interlingua/request.js';
import type { ToolChoice, ToolDefinition } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { parseWire, requestSchema } from './wire-schema.js';
import type { WireRequest, WireTool } from './wire-schema.js';
import { parseMessages, parseTextBlock } from './request-parse-content.js';
import { effortOnScale, effortSpellingKey, isPlainObject, serverToolsKey, thinkingSpellingKey, toolFieldsKey } from './vendor-data.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { takeCacheControl } from '../../core/cache-control.js';
import { checkSamplingValues } from '../../core/sampling-values.js';
import { extraFields } from '../../wire/extra-fields.js';
import { approximatePrefix, messageFieldPathsKey } from '../../core/vendor-fields.js';
import { pushAll } from '../../core/push-all.js';
import { effortBeyondScaleMessage } from '../../core/claude-effort.js';

const knownFields: ReadonlySet<string> = new Set([
  'model',
  'max_tokens',
  'messages',
  'system',
  'tools',
  'tool_choice',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'stream',
  'metadata',
  'thinking',
  // On the cloud platforms the API version travels in the body, as the platform's
  // (`vertex-2023-10-16`: test/fixtures/recorded/vertex/fantasy-anthropic-rawPredict-claude37-tool.i0.request.json)
  // or, from Anthropic's cloud SDKs, the dated one of the `anthropic-version` header; either way
  // it says how the caller speaks, not what it asks of the model, so it is read and left behind.
  'anthropic_version',
]);
const toolDefinitionFields: ReadonlySet<string> = new Set(['name', 'description', 'input_schema']);
const thinkingFields: ReadonlySet<string> = new Set(['type', 'budget_tokens']);
const metadataFields: ReadonlySet<string> = new Set(['user_id']);

function required(field: string, why: string): InterlinguaError {
  return new InterlinguaError('invalid_request', `${field}: required. ${why}`, { param: field });
}

function parseSystem(system: WireRequest['system']): TextPart[] {
  if (system === null || system === undefined || system === '') return [];
  if (typeof system === 'string') return [{ type: 'text', text: system }];
  return system.map((block, index) => parseTextBlock(block, `system.${index}`));
}

interface ParsedTools {
  tools: ToolDefinition[];
  /** Server tools (web search, code execution, …), kept for an Anthropic upstream. */
  serverTools: WireTool[];
  /** Per custom tool, its fields beyond name/description/input_schema (`cache_control`, `type`, `strict`). */
  toolFields: Record<string, Record<string, unknown>>;
  /** Wire paths (`tools[1].defer_loading`, `tools[2]`) of what only an Anthropic upstream gets. */
  leftOutPaths: string[];
}

/**
 * Tool fields every other target has a meaning for: `type: "custom"` says what an absent type says,
 * and `strict` is the interlingua's ToolDefinition.strict.
 */
function carriedElsewhere(field: string, value: unknown): boolean {
  return (field === 'type' && value === 'custom') || (field === 'strict' && typeof value === 'boolean');
}

function parseTools(wireTools: WireTool[], warnings: Warning[]): ParsedTools {
  const parsed: ParsedTools = { tools: [], serverTools: [], toolFields: {}, leftOutPaths: [] };
  for (const [index, tool] of wireTools.entries()) {
    if (tool.type !== null && tool.type !== undefined && tool.type !== 'custom') {
      parsed.serverTools.push(tool);
      parsed.leftOutPaths.push(`tools[${index}]`);
      addWarningPerFeature(warnings, {
        type: 'compatibility',
        feature: `tools.${tool.type}`,
        message: `An Anthropic-defined tool (${tool.type}) goes only to Claude upstreams (Anthropic's API, and Bedrock and Vertex AI where they serve it); other upstreams will not get it.`,
        tool: tool.name,
      });
      continue;
    }
    if (tool.input_schema === undefined) throw required(`tools.${index}.input_schema`, 'A custom tool needs a JSON schema.');
    const definition: ToolDefinition = { name: tool.name, parameters: tool.input_schema };
    if (tool.description !== null && tool.description !== undefined) definition.description = tool.description;
    // Strict tool use: "Guarantee schema validation on tool names and inputs"
    // (https://platform.claude.com/docs/en/build-with-claude/structured-outputs), OpenAI's and Gemini's `strict` too.
    if (typeof tool['strict'] === 'boolean') definition.strict = tool['strict'];
    parsed.tools.push(definition);
    const extras = takeCacheControl(definition, extraFields(tool, toolDefinitionFields));
    if (extras === undefined) continue;
    // Kept whole (strict included) so that an Anthropic upstream gets the tool as it was written.
    parsed.toolFields[tool.name] = extras;
    for (const [field, value] of Object.entries(extras)) {
      if (!carriedElsewhere(field, value)) parsed.leftOutPaths.push(`tools[${index}].${field}`);
    }
  }
  return parsed;
}

function parseToolChoice(choice: NonNullable<WireRequest['tool_choice']>): ToolChoice {
  switch (choice.type) {
    case 'auto':
      return { type: 'auto' };
    case 'any':
      return { type: 'required' };
    case 'none':
      return { type: 'none' };
    case 'tool':
      if (choice.name === undefined) throw required('tool_choice.name', 'tool_choice {type:"tool"} names the tool.');
      return { type: 'tool', name: choice.name };
    default: {
      const unhandled: never = choice.type;
      throw new Error(`unhandled tool choice ${String(unhandled)}`);
    }
  }
}

/**
 * `thinking`: `enabled` with a budget, `adaptive` (the model sizes its thinking; the effort, if any,
 * comes from `output_config.effort`) and `disabled` map onto the interlingua; what they cannot say
 * keeps the field as written for an Anthropic upstream (`@thinking`). Fields beyond type and budget (`display`) are
 * listed by wire path for other targets to report; other modes are Anthropic's own. Thinking that
 * is on comes back as thinking blocks, so the caller also asks to see it (`includeThoughts`: a
 * Gemini upstream returns thoughts only when asked).
 */
function parseThinking(thinking: NonNullable<WireRequest['thinking']>, vendor: Record<string, unknown>, leftOutPaths: string[], warnings: Warning[]): ReasoningSettings {
  const extras = extraFields(thinking, thinkingFields);
  const keep = (): void => {
    vendor[thinkingSpellingKey] = thinking;
    for (const field of Object.keys(extras ?? {})) leftOutPaths.push(`thinking.${field}`);
  };
  if (thinking.type === 'disabled' && extras === undefined) return { enabled: false };
  if (thinking.type === 'enabled') {
    if (thinking.budget_tokens === undefined) throw required('thinking.budget_tokens', 'Enabled thinking needs a token budget.');
    if (extras !== undefined) keep();
    return { enabled: true, budgetTokens: thinking.budget_tokens, includeThoughts: true };
  }
  keep();
  if (thinking.type === 'adaptive') return { enabled: true, includeThoughts: true };
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: `thinking.${thinking.type}`,
    message: `Thinking mode "${thinking.type}" is Anthropic's own; other upstreams get reasoning turned on with their default effort.`,
  });
  return thinking.type === 'disabled' ? { enabled: false } : { enabled: true, includeThoughts: true };
}

function parseSampling(wire: WireRequest, maxTokens: number): Sampling {
  const sampling: Sampling = { maxOutputTokens: maxTokens };
  if (wire.temperature != null) sampling.temperature = wire.temperature;
  if (wire.top_p != null) sampling.topP = wire.top_p;
  if (wire.top_k != null) sampling.topK = wire.top_k;
  if (wire.stop_sequences != null) sampling.stopSequences = wire.stop_sequences;
  // Temperature "ranges from 0.0 to 1.0" (https://docs.anthropic.com/en/api/messages).
  checkSamplingValues(sampling, { maxOutputTokens: 'max_tokens' }, 1);
  return sampling;
}

export function parseRequest(body: unknown, context: ParseRequestContext): ParsedRequest {
  const wire = parseWire(requestSchema, body, '', 'invalid_request');
  const model = wire.model ?? context.model;
  if (model === undefined) throw required('model', 'Name the model to use.');
  if (wire.max_tokens === undefined) throw required('max_tokens', 'Anthropic requires the maximum number of tokens to generate.');
  const warnings: Warning[] = [];
  const vendor: Record<string, unknown> = extraFields(wire, knownFields) ?? {};
  const responseFormat = takeOutputFormat(vendor);

  const request: ChatRequest = {
    model,
    system: parseSystem(wire.system),
    messages: parseMessages(wire.messages, warnings),
    sampling: parseSampling(wire, wire.max_tokens),
    stream: wire.stream ?? context.stream ?? false,
    ...(responseFormat !== undefined ? { responseFormat } : {}),
    // Anthropic streams always report usage (message_start and message_delta).
    streamUsage: true,
  };

  const leftOutPaths: string[] = [];
  if (wire.tools != null) {
    const parsed = parseTools(wire.tools, warnings);
    if (parsed.tools.length > 0) request.tools = parsed.tools;
    if (parsed.serverTools.length > 0) vendor[serverToolsKey] = parsed.serverTools;
    if (Object.keys(parsed.toolFields).length > 0) vendor[toolFieldsKey] = parsed.toolFields;
    pushAll(leftOutPaths, parsed.leftOutPaths);
  }
  if (wire.tool_choice != null) {
    request.toolChoice = parseToolChoice(wire.tool_choice);
    if (wire.tool_choice.disable_parallel_tool_use !== undefined) {
      request.parallelToolCalls = !wire.tool_choice.disable_parallel_tool_use;
    }
  }
  if (wire.thinking != null) request.reasoning = parseThinking(wire.thinking, vendor, leftOutPaths, warnings);
  if (request.reasoning?.enabled === true) takeEffort(request.reasoning, vendor);
  if (leftOutPaths.length > 0) vendor[messageFieldPathsKey] = leftOutPaths;
  if (wire.metadata != null) {
    if (wire.metadata.user_id != null) request.user = wire.metadata.user_id;
    const metadataExtras = extraFields(wire.metadata, metadataFields);
    if (metadataExtras !== undefined) vendor['metadata'] = metadataExtras;
  }
  if (Object.keys(vendor).length > 0) request.vendor = { anthropic: vendor };
  return { request, warnings };
}

/**
 * Structured output: `output_config.format` (GA) or the older beta `output_format`, both
 * `{type: "json_schema", schema}` (https://docs.claude.com/en/docs/build-with-claude/structured-outputs).
 * The format moves into the interlingua; other `output_config` fields stay in vendor data (but see takeEffort).
 */
function takeOutputFormat(vendor: Record<string, unknown>): ChatRequest['responseFormat'] {
  const config = vendor['output_config'];
  const fromConfig = isPlainObject(config) ? config['format'] : undefined;
  const format = fromConfig ?? vendor['output_format'];
  if (!isPlainObject(format) || format['type'] !== 'json_schema' || !isPlainObject(format['schema'])) return undefined;
  if (fromConfig !== undefined && isPlainObject(config)) {
    const { format: _format, ...rest } = config;
    if (Object.keys(rest).length > 0) vendor['output_config'] = rest;
    else delete vendor['output_config'];
  } else delete vendor['output_format'];
  // Not marked strict, though Anthropic decodes to the schema: OpenAI's strict mode refuses schemas
  // outside its subset, and no source lists all it refuses (openai-family/strict-schema.ts), so a
  // schema Claude takes could become a 400 there. A caller's own `strict` on a tool is carried.
  return { type: 'json', schema: format['schema'] };
}

/**
 * `output_config.effort` with thinking on: `low`, `medium` and `high` are the interlingua's words;
 * `xhigh` and `max`, above `high` (https://platform.claude.com/docs/en/build-with-claude/effort#effort-levels),
 * go to other targets as `high`, which they report (`~output_config.effort`). The word as written
 * stays for an Anthropic upstream (`@effort`). A word not known here stays in `output_config`.
 */
function takeEffort(reasoning: ReasoningSettings, vendor: Record<string, unknown>): void {
  const config = vendor['output_config'];
  const effort = isPlainObject(config) ? config['effort'] : undefined;
  if (typeof effort !== 'string' || !isPlainObject(config)) return;
  const onScale = effortOnScale(effort);
  if (onScale === undefined) return;
  reasoning.effort = onScale;
  vendor[effortSpellingKey] = effort;
  if (onScale !== effort) {
    vendor[`${approximatePrefix}output_config.effort`] = { message: effortBeyondScaleMessage(effort, onScale) };
  }
  const { effort: _effort, ...rest } = config;
  if (Object.keys(rest).length > 0) vendor['output_config'] = rest;
  else delete vendor['output_config'];
}
