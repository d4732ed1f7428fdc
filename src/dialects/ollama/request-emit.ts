/**
 * Interlingua request → Ollama `POST /api/chat` body. `stream` is always written, because Ollama
 * streams when it is absent (docs/api.md) while the interlingua's default is a single answer.
 * What Ollama cannot do (a forced or forbidden tool choice, serial tool calls, several candidates,
 * a thinking budget) is reported as a warning.
 * Reference: https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
import type { EmitRequestOptions, EmittedRequest } from '../../interlingua/dialect.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { foreignVendorWarnings } from '../../core/vendor-fields.js';
import { promptCacheKeyWarnings } from '../../core/prompt-cache-key.js';
import { fitToolControls, type FittedToolControls } from '../../core/tool-choice-fit.js';
import { withAllowedToolsDeclared } from '../../core/allowed-tools.js';
import { setPathIfAbsent } from '../ollama-family/json-value.js';
import { emitFormat, emitOptions, emitThink } from '../ollama-family/model-options-emit.js';
import { emitMessages } from './messages-emit.js';
import { fitToolParameters } from './tool-parameters-fit.js';
import { readRequestVendor } from '../ollama-family/vendor-slice.js';
import { logprobsFields } from '../ollama-family/logprobs.js';
import { dialectName } from './vendor.js';
import type { WireChatRequestOut, WireToolOut } from './wire-types.js';
import { pushAll } from '../../core/push-all.js';

export function emitOllamaRequest(asked: ChatRequest, options: EmitRequestOptions): EmittedRequest {
  const warnings: Warning[] = [];
  // /api/chat takes `tools` and no tool choice (docs/api.md above; `tool_choice` "is not a request
  // field" of the native API, https://github.com/ollama/ollama-python/issues/663), so a list of
  // allowed tools is the tools declared, and `required` stays unenforced (emitToolControls).
  const request = withAllowedToolsDeclared(asked, 'Ollama', false, warnings);
  const vendor = readRequestVendor(request.vendor);
  const body: WireChatRequestOut = { model: options.model, messages: emitMessages(request.system, request.messages, warnings), stream: request.stream };
  if (request.tools !== undefined && request.tools.length > 0) body.tools = request.tools.map((tool) => emitTool(tool, warnings));
  emitToolControls(fitToolControls(request, { names: new Set((request.tools ?? []).map((tool) => tool.name)), any: body.tools !== undefined }), warnings);
  const format = emitFormat(request.responseFormat, warnings);
  if (format !== undefined) body.format = format;
  const modelOptions = emitOptions(request, vendor.stopAsString, warnings);
  if (Object.keys(modelOptions).length > 0) body.options = modelOptions;
  const think = emitThink(request.reasoning, warnings);
  if (think !== undefined) body.think = think;
  if (request.user !== undefined) {
    warnings.push({ type: 'unsupported', feature: 'user', message: 'Ollama has no end-user id; "user" was left out.' });
  }
  // The ask for token log probabilities, from a caller of any dialect (../ollama-family/logprobs.ts).
  Object.assign(body, logprobsFields(request, request.vendor, warnings));
  for (const { path, value } of vendor.paths) setPathIfAbsent(body, path, value);
  pushAll(warnings, foreignVendorWarnings(request.vendor, dialectName));
  pushAll(warnings, promptCacheKeyWarnings(request, 'Ollama'));
  return { body, warnings };
}

function emitTool(tool: NonNullable<ChatRequest['tools']>[number], warnings: Warning[]): WireToolOut {
  if (tool.strict === true) {
    warnings.push({ type: 'unsupported', feature: 'tool.strict', message: 'Ollama has no strict function calling; "strict" was left out.', tool: tool.name });
  }
  const fn: WireToolOut['function'] = { name: tool.name, parameters: fitToolParameters(tool.parameters, tool.name, warnings) };
  if (tool.description !== undefined) fn.description = tool.description;
  return { type: 'function', function: fn };
}

/**
 * Ollama always lets the model decide whether, which and how many tools to call. The controls come
 * fitted to the tools sent (core/tool-choice-fit.ts), so a choice naming a tool that was left out
 * is reported as such, and a setting with no tools to govern is not reported at all.
 */
function emitToolControls(controls: FittedToolControls, warnings: Warning[]): void {
  pushAll(warnings, controls.warnings);
  const choice = controls.toolChoice;
  if (choice?.type === 'tool') {
    warnings.push({ type: 'unsupported', feature: 'tool_choice.tool', message: 'Ollama has no tool choice; the tool it named was not forced, the model decides.', tool: choice.name });
  } else if (choice !== undefined && choice.type !== 'auto') {
    warnings.push({ type: 'unsupported', feature: `tool_choice.${choice.type}`, message: `Ollama has no tool choice; tool_choice "${choice.type}" was left out and the model decides.` });
  }
  if (controls.parallelToolCalls === false) {
    warnings.push({ type: 'unsupported', feature: 'parallel_tool_calls', message: 'Ollama cannot forbid parallel tool calls; the setting was left out.' });
  }
}
