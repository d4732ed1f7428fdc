/**
 * Interlingua tools → Converse `toolConfig`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolConfiguration.html):
 * `tools: [{toolSpec: {name, description, inputSchema: {json}}}]` and `toolChoice`, a union of
 * `auto: {}`, `any: {}` and `tool: {name}` (API_runtime_ToolChoice) — there is no "none". Each
 * input schema has an object at its root, which Converse wants; Claude, which Converse hands the
 * schemas to, wants no composition there either (core/tool-schema-object-root.ts).
 */
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import type { ToolNameRules } from '../../interlingua/dialect.js';
import { fitToolControls } from '../../core/tool-choice-fit.js';
import { addWarningPerFeature } from '../../core/warning-once.js';
import { cachePointBlock } from './cache-points.js';
import { fitToolChoiceToModel, forcingChoicesOf } from './tool-choice-models.js';
import { withAllowedToolsDeclared } from '../../core/allowed-tools.js';
import { isClaude } from './thinking.js';
import { objectRootToolSchema } from '../../core/tool-schema-object-root.js';

/**
 * Tool names Bedrock takes: "Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+"
 * (test/fixtures/recorded/bedrock/error-400-validation-tool-name-pattern.json), 1 to 64 long
 * ("Length Constraints: Minimum length of 1. Maximum length of 64. Pattern: [a-zA-Z0-9_-]+",
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolSpecification.html).
 * Other names are renamed on the way out and back (core/tool-name-fit.ts).
 */
export const bedrockToolNames: ToolNameRules = { allowed: /^[a-zA-Z0-9_-]$/, maxLength: 64 };

/**
 * The tool configuration, or none. Bedrock refuses `toolUse` and `toolResult` blocks in a request
 * without `toolConfig` ("The toolConfig field must be defined when using toolUse and toolResult
 * content blocks", quoted in vxcontrol/pentagi#196 and patriceckhart/zot#18), so with such a
 * history the tools go even when the caller's choice is `none`, with a warning.
 */
export function emitToolConfig(asked: ChatRequest, model: string, historyHasToolBlocks: boolean, warnings: Warning[]): Record<string, unknown> | undefined {
  // Converse has no list of allowed tools, only `tool` ("The Model must request the specified
  // tool") and `any` (API_runtime_ToolChoice above): a list is a forced tool, where the model takes
  // one (tool-choice-models.ts), or the tools declared (core/allowed-tools.ts).
  const allowedWarnings: Warning[] = [];
  const request = withAllowedToolsDeclared(asked, 'Bedrock Converse', forcingChoicesOf(model)?.tool ?? true, allowedWarnings);
  for (const warning of allowedWarnings) addWarningPerFeature(warnings, warning);
  const tools = request.tools ?? [];
  if (tools.some((tool) => tool.strict === true)) {
    addWarningPerFeature(warnings, { type: 'unsupported', feature: 'tools.strict', message: 'Bedrock Converse has no strict function calling; "strict" was left out.' });
  }
  const controls = fitToolControls(request, { names: new Set(tools.map((tool) => tool.name)), any: tools.length > 0 });
  for (const warning of controls.warnings) addWarningPerFeature(warnings, warning);
  if (controls.parallelToolCalls === false) {
    addWarningPerFeature(warnings, { type: 'unsupported', feature: 'parallel_tool_calls', message: 'Bedrock Converse has no switch for parallel tool calls; it was left out.' });
  }
  if (tools.length === 0) return undefined;
  const choice = fitToolChoiceToModel(controls.toolChoice, tools.map((tool) => tool.name), model, warnings);
  if (choice?.type === 'none') {
    if (!historyHasToolBlocks) return undefined;
    addWarningPerFeature(warnings, {
      type: 'compatibility',
      feature: 'tool_choice.none',
      message: 'Bedrock has no "none" tool choice and needs the tools while the history holds tool calls; they were sent, so the model may still call one.',
    });
  }
  const config: Record<string, unknown> = {
    // A tool's cache breakpoint is a `cachePoint` entry after it (Tool: "toolSpec | cachePoint",
    // https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Tool.html).
    // An empty description is left out: ToolSpecification's description has "Minimum length of 1"
    // (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolSpecification.html),
    // and Cline sends one empty (https://github.com/aws-samples/bedrock-access-gateway/issues/213).
    tools: tools.flatMap((tool) => {
      const json = objectRootToolSchema(tool.parameters, tool.name, isClaude(model) ? 'merged' : 'kept', 'Bedrock Converse', (warning) => addWarningPerFeature(warnings, warning));
      const spec = { toolSpec: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), inputSchema: { json } } };
      return tool.cache === undefined ? [spec] : [spec, cachePointBlock(tool.cache)];
    }),
  };
  switch (choice?.type) {
    case undefined:
    case 'none':
      break;
    case 'auto':
      config['toolChoice'] = { auto: {} };
      break;
    case 'required':
      config['toolChoice'] = { any: {} };
      break;
    case 'tool':
      config['toolChoice'] = { tool: { name: choice.name } };
      break;
    default: {
      const unhandled: never = choice;
      throw new Error(`unhandled tool choice ${JSON.stringify(unhandled)}`);
    }
  }
  return config;
}
