/**
 * The interlingua's tools, tool choice, response format and reasoning settings in Responses
 * form. Used for a request to an upstream and to echo the caller's settings in the `response`
 * object, which repeats them (`tools`, `tool_choice`, `text`, `reasoning` are required fields of
 * `Response` in node_modules/openai/resources/responses/responses.d.ts).
 */
import type { ChatRequest, ReasoningSettings, ResponseFormat } from '../../interlingua/request.js';
import type { ToolChoice } from '../../interlingua/tool.js';
import type { Warning } from '../../interlingua/warning.js';
import type { EmitRequestOptions } from '../../interlingua/dialect.js';
import { keptEffortWord } from '../../core/effort-beyond-scale.js';
import { openaiFunctionParameters } from '../openai-family/function-parameters.js';
import { effortForBudget, isReasoningOff } from '../../core/reasoning-budget.js';
import { functionToolFieldsKey, mergeVendorFields, ownVendor, reasoningSpellingKey, recordField, strictOmittedKey } from './vendor.js';
import { customToolNames, verbatimFunctionNames, verbatimTools } from './tool-kinds.js';
import { otherAllowedToolsKey } from '../openai-family/allowed-tools.js';
import { pushAll } from '../../core/push-all.js';

/**
 * Function tools, then the caller's built-in and namespace tools (the namespaces' member
 * functions are declared there, not again as top-level functions). `strict` is written as `false` when the tool
 * never had the flag: an omitted `strict` means "strict where the schema allows" to Responses
 * (https://platform.openai.com/docs/guides/function-calling?api-mode=responses#strict-mode), which
 * silently changes how a tool from another dialect is called. Only a Responses caller's own
 * omission is repeated.
 */
/** Function tool fields the emitter writes from the interlingua; a caller's own field of the same name never replaces them. */
const ownedToolFields: ReadonlySet<string> = new Set(['type', 'name', 'description', 'parameters', 'strict']);

export function emitTools(request: ChatRequest, to: 'upstream' | 'echo'): Array<Record<string, unknown>> {
  const vendor = ownVendor(request.vendor);
  const omitted = vendor?.[strictOmittedKey];
  const strictOmitted = new Set(Array.isArray(omitted) ? omitted : []);
  const members = verbatimFunctionNames(request.vendor);
  const ownFields = recordField(vendor, functionToolFieldsKey);
  const tools: Array<Record<string, unknown>> = (request.tools ?? []).filter((tool) => !members.has(tool.name)).map((tool) => {
    const wire: Record<string, unknown> = { type: 'function', name: tool.name };
    if (tool.description !== undefined) wire['description'] = tool.description;
    // What OpenAI takes goes upstream; the answer echoes the tools as the caller wrote them.
    wire['parameters'] = to === 'upstream' ? openaiFunctionParameters(tool.parameters) : tool.parameters;
    if (tool.strict !== undefined) wire['strict'] = tool.strict;
    else if (!strictOmitted.has(tool.name)) wire['strict'] = false;
    // A Responses caller's own fields on the tool (`defer_loading`, `output_schema`, …), as it wrote them.
    mergeVendorFields(wire, recordField(ownFields, tool.name), ownedToolFields);
    return wire;
  });
  pushAll(tools, verbatimTools(request.vendor));
  return tools;
}

/** The caller's choice, or one it could not express in the interlingua (kept verbatim). */
export function emitToolChoice(request: ChatRequest): unknown {
  const verbatim = ownVendor(request.vendor)?.['tool_choice'];
  if (verbatim !== undefined) return verbatim;
  const choice: ToolChoice | undefined = request.toolChoice;
  if (choice === undefined) return undefined;
  switch (choice.type) {
    case 'auto':
    case 'required':
      return choice.allowed === undefined ? choice.type : emitAllowedTools(request, choice.type, choice.allowed);
    case 'none':
      return choice.type;
    case 'tool':
      // A custom tool is forced as `custom`: OpenAI refuses a function choice naming a non-function tool
      // (test/support/vendor-rules/openai-responses/tools.ts, `tool_choice.names-declared-tool`).
      return { type: customToolNames(request.vendor).has(choice.name) ? 'custom' : 'function', name: choice.name };
    default: {
      const unhandled: never = choice;
      throw new Error(`unhandled tool choice ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * A list of allowed tools is Responses' `allowed_tools` choice (openai-family/allowed-tools.ts): a
 * custom tool is listed as `custom`, like a forced call of one below, and a Responses caller's own
 * entries that are not functions (built-in and MCP tools) are added back.
 */
function emitAllowedTools(request: ChatRequest, mode: 'auto' | 'required', allowed: readonly string[]): Record<string, unknown> {
  const custom = customToolNames(request.vendor);
  const named = allowed.map((name) => ({ type: custom.has(name) ? 'custom' : 'function', name }));
  const others = ownVendor(request.vendor)?.[otherAllowedToolsKey];
  return { type: 'allowed_tools', mode, tools: [...named, ...(Array.isArray(others) ? others : [])] };
}

/** `text`: the format plus the caller's other `text` fields (`verbosity`). */
export function emitText(request: ChatRequest): Record<string, unknown> | undefined {
  const extras = recordField(ownVendor(request.vendor), 'text');
  const format = request.responseFormat === undefined ? undefined : emitTextFormat(request.responseFormat);
  if (format === undefined) return extras === undefined ? undefined : { ...extras };
  return { ...extras, format };
}

function emitTextFormat(format: ResponseFormat): Record<string, unknown> {
  if (format.type === 'text') return { type: 'text' };
  if (format.schema === undefined) return { type: 'json_object' };
  // `name` is required (`ResponseFormatTextJSONSchemaConfig`).
  const wire: Record<string, unknown> = { type: 'json_schema', name: format.name ?? 'response', schema: format.schema };
  if (format.description !== undefined) wire['description'] = format.description;
  if (format.strict !== undefined) wire['strict'] = format.strict;
  return wire;
}

/**
 * `reasoning`: the effort (a token budget from Anthropic or Gemini becomes the nearest effort,
 * with a warning), `summary: 'auto'` when the caller wants to see reasoning, and the caller's
 * own words where it wrote this dialect, or the effort word a Chat Completions caller wrote
 * (`carriedEffort`, openai-family/shared-request-fields.ts); an effort word the model does not take is left out.
 * Reasoning turned off elsewhere is `none` where the catalog says the model takes it to stop,
 * else left out with a warning: `effort: "none"` is taken only by gpt-5.1 and later.
 */
export function emitReasoning(
  request: ChatRequest,
  warnings: Warning[] | undefined,
  model?: Pick<EmitRequestOptions, 'model' | 'effortsBeyondScale' | 'reasoningOff'>,
  carriedEffort?: string,
): Record<string, unknown> | undefined {
  const vendor = ownVendor(request.vendor);
  const reasoning: Record<string, unknown> = { ...recordField(vendor, 'reasoning') };
  const settings: ReasoningSettings | undefined = request.reasoning;
  const words = recordField(vendor, reasoningSpellingKey);
  const asked = carriedEffort === undefined ? words : { ...words, effort: carriedEffort };
  // A spelling of reasoning the model fit left out (`none` to gpt-4.1) goes with it.
  const spelling = settings === undefined ? undefined : takenSpelling(asked, settings, model, warnings);
  const offUnsaid = settings !== undefined && isReasoningOff(settings) && spelling?.['effort'] === undefined;
  // A model the catalog knows to reason unless told not to (xAI's Grok 4.3) is told so.
  if (offUnsaid && model?.reasoningOff === 'disabled') reasoning['effort'] = 'none';
  else if (offUnsaid) {
    warnings?.push({
      type: 'unsupported',
      feature: 'reasoning.disabled',
      message: 'The Responses API cannot switch reasoning off on every model; no reasoning.effort was sent, so a reasoning model uses its default effort.',
    });
  }
  if (settings !== undefined && !isReasoningOff(settings)) {
    const effort = settings.effort ?? effortForBudgetWithWarning(settings.budgetTokens, warnings);
    if (effort !== undefined) reasoning['effort'] = effort;
    if (settings.includeThoughts === true) reasoning['summary'] = 'auto';
  }
  Object.assign(reasoning, spelling);
  return Object.keys(reasoning).length === 0 ? undefined : reasoning;
}

/** The caller's own words, without an effort word beyond the common scale that the model does not take. */
function takenSpelling(
  spelling: Record<string, unknown> | undefined,
  settings: ReasoningSettings,
  model: Pick<EmitRequestOptions, 'model' | 'effortsBeyondScale'> | undefined,
  warnings: Warning[] | undefined,
): Record<string, unknown> | undefined {
  if (spelling?.['effort'] === undefined || model === undefined) return spelling;
  const effort = keptEffortWord(spelling['effort'], settings, model.effortsBeyondScale, model.model, warnings ?? []);
  if (effort !== undefined) return spelling;
  const { effort: _dropped, ...rest } = spelling;
  return rest;
}

function effortForBudgetWithWarning(budget: number | undefined, warnings: Warning[] | undefined): string | undefined {
  if (budget === undefined) return undefined;
  const effort = effortForBudget(budget);
  warnings?.push({
    type: 'compatibility',
    feature: 'reasoning.budget_tokens',
    message: `A reasoning budget of ${budget} tokens was sent as reasoning effort "${effort}"; OpenAI takes no token budget.`,
  });
  return effort;
}
