/**
 * The caller's say over tool calls, fitted to a model that refuses part of it: the o-series
 * refuse `parallel_tool_calls`, Claude Opus 5.5 and Fable 5.1 a forced call (model-rules.ts).
 */
import type { ChatRequest } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import type { ModelFacts } from './model-facts.js';

export function fitToolControls(request: ChatRequest, facts: ModelFacts, warnings: Warning[]): ChatRequest {
  const parallel = facts.parallelToolCalls === false ? withoutParallelToolCalls(request, facts.id, warnings) : request;
  return facts.forcedToolChoice === false ? withoutForcedToolChoice(parallel, facts.id, warnings) : parallel;
}

/**
 * The OpenAI o-series refuse `parallel_tool_calls` on Chat Completions, whichever value it has
 * (model-rules.ts): the caller's say is left out, and the model calls tools as it does by default.
 */
function withoutParallelToolCalls(request: ChatRequest, model: string, warnings: Warning[]): ChatRequest {
  if (request.parallelToolCalls === undefined) return request;
  warnings.push({ type: 'unsupported', feature: 'parallel_tool_calls', message: `${model} refuses parallel_tool_calls; it was left out.` });
  const { parallelToolCalls: _refused, ...rest } = request;
  return rest;
}

/**
 * Claude Opus 5.5 and Fable 5.1 think on every request and refuse a tool choice that forces a call
 * (model-rules.ts): it goes as `auto`, and the model may answer without the call. A list of
 * allowed tools still holds: `required` limited to some tools becomes `auto` limited to them.
 */
function withoutForcedToolChoice(request: ChatRequest, model: string, warnings: Warning[]): ChatRequest {
  const choice = request.toolChoice;
  if (choice?.type !== 'required' && choice?.type !== 'tool') return request;
  const forced = choice.type === 'tool' ? `a call of "${choice.name}"` : 'a tool call';
  warnings.push({ type: 'unsupported', feature: 'tool_choice', message: `${model} cannot be made to answer with ${forced}; the tool choice was sent as auto.` });
  const allowed = choice.type === 'tool' ? undefined : choice.allowed;
  return { ...request, toolChoice: allowed === undefined ? { type: 'auto' } : { type: 'auto', allowed } };
}
