import { isRecord, type VendorRule } from '../rule.js';
import { arrayWithoutItems, emptyEnumMember, enumNotOnString, objectKeywordOnOtherType, objectWithoutProperties, schemaProblem, undeclaredRequired, unsupportedStringFormat } from './schema.js';
import { declarationsOf, field, functionCallingConfigOf, generateRequestOf, hasField, listOf } from './wire.js';

/** Function declarations and `toolConfig.functionCallingConfig`. */

/**
 * https://ai.google.dev/api/caching#FunctionDeclaration: "name: Required. The name of the function.
 * Must be a-z, A-Z, 0-9, or contain underscores, colons, dots, and dashes, with a maximum length of
 * 64." (and "Must start with a letter or an underscore", in the error itself).
 */
const functionName = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;
const maxFunctionDeclarations = 512;

function modeOf(config: Record<string, unknown>): string {
  const mode = field(config, 'mode');
  return typeof mode === 'string' ? mode.toUpperCase() : 'AUTO';
}

/** A rule on each function's `parameters`: the first place `find` names is refused, worded as Google's validation words it. */
function parametersRule(id: string, source: string, find: (schema: unknown, path: string) => string | undefined, problem: string): VendorRule {
  return {
    id,
    source,
    check: (request) => {
      const body = generateRequestOf(request);
      if (body === undefined) return undefined;
      for (const { path, declaration } of declarationsOf(body)) {
        const found = find(field(declaration, 'parameters'), `${path}.parameters`);
        if (found !== undefined) return `* GenerateContentRequest.${found}: ${problem}\n`;
      }
      return undefined;
    },
  };
}

export const toolRules: VendorRule[] = [
  {
    id: 'gemini.function-declaration.name',
    // Wording: https://github.com/router-for-me/Cli-Proxy-API-Management-Center/issues/120.
    source: 'ai.google.dev/api/caching#FunctionDeclaration (name pattern, max 64); wording from github.com/router-for-me/Cli-Proxy-API-Management-Center/issues/120',
    check: (request) => {
      const body = generateRequestOf(request);
      const bad = body === undefined ? undefined : declarationsOf(body).find(({ declaration }) => {
        const name = field(declaration, 'name');
        return typeof name !== 'string' || !functionName.test(name);
      });
      return bad === undefined
        ? undefined
        : `* GenerateContentRequest.${bad.path}.name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.\n`;
    },
  },
  {
    id: 'gemini.function-declaration.count',
    // "The GenerateContentRequest proto is invalid:\n  * tools[0].function_declarations:
    // [FIELD_INVALID] At most 512 function declarations can be specified." (recorded in
    // https://github.com/google-gemini/gemini-cli/issues/19083 and https://github.com/google-gemini/gemini-cli/issues/25440).
    source: 'recorded error in github.com/google-gemini/gemini-cli/issues/19083 and github.com/google-gemini/gemini-cli/issues/25440 ("At most 512 function declarations")',
    check: (request) => {
      const body = generateRequestOf(request);
      return body !== undefined && declarationsOf(body).length > maxFunctionDeclarations
        ? `The GenerateContentRequest proto is invalid:\n  * tools[0].function_declarations: [FIELD_INVALID] At most ${maxFunctionDeclarations} function declarations can be specified.`
        : undefined;
    },
  },
  {
    id: 'gemini.function-declaration.unique-names',
    // "400 INVALID_ARGUMENT: Duplicate function declaration found: search_products" for a function
    // declared twice; the whole request is refused (https://github.com/googleapis/dotnet-genai/issues/189).
    source: 'github.com/googleapis/dotnet-genai/issues/189 ("Duplicate function declaration found")',
    check: (request) => {
      const body = generateRequestOf(request);
      const seen = new Set<unknown>();
      const repeated = body === undefined ? undefined : declarationsOf(body).find(({ declaration }) => {
        const name = field(declaration, 'name');
        if (seen.has(name)) return true;
        seen.add(name);
        return false;
      });
      return repeated === undefined ? undefined : `Duplicate function declaration found: ${String(field(repeated.declaration, 'name'))}`;
    },
  },
  {
    id: 'gemini.function-declaration.parameters-exclusive',
    // https://ai.google.dev/api/caching#FunctionDeclaration, parametersJsonSchema: "This field is
    // mutually exclusive with parameters." (same text in https://hexdocs.pm/geminix/Geminix.V1beta.FunctionDeclaration.html).
    source: 'ai.google.dev/api/caching#FunctionDeclaration (parametersJsonSchema "is mutually exclusive with parameters")',
    check: (request) => {
      const body = generateRequestOf(request);
      const both = body === undefined ? undefined : declarationsOf(body).find(({ declaration }) => hasField(declaration, 'parameters') && hasField(declaration, 'parametersJsonSchema'));
      return both === undefined ? undefined : `* GenerateContentRequest.${both.path}: parameters and parameters_json_schema are mutually exclusive.\n`;
    },
  },
  {
    id: 'gemini.function-declaration.parameters-schema',
    source: 'ai.google.dev/api/caching#Schema (an OpenAPI subset); unknown keywords refused as in github.com/openswarm-ai/openswarm/issues/24',
    check: (request) => {
      const body = generateRequestOf(request);
      if (body === undefined) return undefined;
      for (const { path, declaration } of declarationsOf(body)) {
        const problem = schemaProblem(field(declaration, 'parameters'), `${path}.parameters`);
        if (problem !== undefined) return problem;
      }
      return undefined;
    },
  },
  parametersRule(
    'gemini.function-declaration.array-items',
    'recorded errors in github.com/router-for-me/CLIProxyAPI/issues/5292 and github.com/cline/cline/issues/7926 (see schema.ts, arrayWithoutItems)',
    arrayWithoutItems,
    'missing field.',
  ),
  parametersRule(
    'gemini.function-declaration.required-declared',
    'recorded error in github.com/iBUHub/AIStudioToAPI/issues/154 (see schema.ts, undeclaredRequired)',
    undeclaredRequired,
    'property is not defined',
  ),
  parametersRule(
    'gemini.function-declaration.object-keywords-on-object',
    'ai.google.dev/api/caching#Schema (properties, required "of Type.OBJECT"); recorded error in github.com/anomalyco/opencode/pull/11888 (see schema.ts, objectKeywordOnOtherType)',
    objectKeywordOnOtherType,
    'only allowed for OBJECT type',
  ),
  parametersRule(
    'gemini.function-declaration.enum-on-string',
    'recorded errors in github.com/directus/directus/issues/27100 and github.com/decolua/9router/issues/359 (see schema.ts, enumNotOnString)',
    enumNotOnString,
    'only allowed for STRING type',
  ),
  parametersRule(
    'gemini.function-declaration.enum-not-empty',
    'recorded errors in github.com/sbroenne/mcp-server-excel/issues/607, github.com/Smana/runlore/pull/40 and github.com/FMXExpress/PasClaw/pull/294 (see schema.ts, emptyEnumMember)',
    emptyEnumMember,
    'cannot be empty',
  ),
  parametersRule(
    'gemini.function-declaration.string-format',
    'recorded error in github.com/google-gemini/gemini-cli/issues/3178 (see schema.ts, unsupportedStringFormat)',
    unsupportedStringFormat,
    "only 'enum' and 'date-time' are supported for STRING type",
  ),
  parametersRule(
    'gemini.function-declaration.parameters-object-properties',
    'recorded errors in github.com/HKUDS/AutoAgent/issues/7, github.com/pipecat-ai/pipecat-flows/issues/110 and github.com/browser-use/browser-use/issues/3786 (see schema.ts, objectWithoutProperties)',
    objectWithoutProperties,
    'should be non-empty for OBJECT type',
  ),
  {
    id: 'gemini.tool-config.needs-declarations',
    // https://github.com/UKGovernmentBEIS/inspect_ai/issues/2462 and
    // https://github.com/musistudio/claude-code-router/pull/1207: 400 "Function calling config is set
    // without function_declarations." when toolConfig comes with no function declarations (only
    // built-in tools, or none). Mode NONE asks for no calls; it is left alone.
    source: 'recorded error in github.com/UKGovernmentBEIS/inspect_ai/issues/2462',
    check: (request) => {
      const body = generateRequestOf(request);
      const config = body === undefined ? undefined : functionCallingConfigOf(body);
      if (body === undefined || config === undefined || modeOf(config) === 'NONE') return undefined;
      return declarationsOf(body).length === 0 ? 'Function calling config is set without function_declarations.' : undefined;
    },
  },
  {
    id: 'gemini.tool-config.allowed-names-mode',
    // https://ai.google.dev/api/caching#FunctionCallingConfig: allowedFunctionNames "should only be
    // set when the Mode is ANY or VALIDATED".
    source: 'ai.google.dev/api/caching#FunctionCallingConfig (allowedFunctionNames "only … when the Mode is ANY or VALIDATED")',
    check: (request) => {
      const body = generateRequestOf(request);
      const config = body === undefined ? undefined : functionCallingConfigOf(body);
      if (config === undefined || listOf(field(config, 'allowedFunctionNames')).length === 0) return undefined;
      const mode = modeOf(config);
      return mode === 'ANY' || mode === 'VALIDATED'
        ? undefined
        : `* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: allowed_function_names can only be set when mode is ANY or VALIDATED (mode is ${mode}).\n`;
    },
  },
  {
    id: 'gemini.tool-config.allowed-names-declared',
    // https://ai.google.dev/api/caching#FunctionCallingConfig: "Function names should match
    // [FunctionDeclaration.name]."
    source: 'ai.google.dev/api/caching#FunctionCallingConfig ("Function names should match [FunctionDeclaration.name]")',
    check: (request) => {
      const body = generateRequestOf(request);
      const config = body === undefined ? undefined : functionCallingConfigOf(body);
      if (body === undefined || config === undefined) return undefined;
      const declared = new Set(declarationsOf(body).map(({ declaration }) => field(declaration, 'name')));
      const missing = listOf(field(config, 'allowedFunctionNames')).find((name) => !declared.has(name));
      return missing === undefined
        ? undefined
        : `* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: function name "${String(missing)}" is not declared in tools.function_declarations.\n`;
    },
  },
];
