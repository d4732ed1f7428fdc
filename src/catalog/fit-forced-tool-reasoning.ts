/**
 * A tool choice that forces a call, for a model that refuses one while it reasons
 * (`forcedToolChoiceRefusedWhileReasoning`, model-facts.ts): DeepSeek "Thinking mode does not
 * support this tool_choice", DashScope "The tool_choice parameter does not support being set to
 * required or object in thinking mode", Kimi "tool_choice 'required' is incompatible with thinking
 * enabled" (model-rules-compatible.ts). Each takes the forced call once thinking is off. The forced
 * call is the caller's contract for the answer's shape (an agent waiting for a structured answer
 * fails on prose), so reasoning gives way, as the Anthropic emitter decides for manual thinking
 * (core/claude-thinking-sampling.ts): quietly where the caller asked nothing of reasoning and the
 * model would only have reasoned by default, with a warning where the caller asked for it. Where
 * the model cannot stop reasoning, the choice goes as `auto` instead, with a warning.
 */
import type { ChatRequest, ReasoningSettings } from '../interlingua/request.js';
import type { Warning } from '../interlingua/warning.js';
import { isReasoningOff, isReasoningOn } from '../core/reasoning-budget.js';
import { thinkingOffForForcedToolWarning } from '../core/claude-thinking-sampling.js';
import type { ModelFacts, ReasoningControl } from './model-facts.js';

export interface FittedChoice {
  request: ChatRequest;
  reasoning: ReasoningSettings | undefined;
}

export function forcedToolChoiceOverReasoning(request: ChatRequest, reasoning: ReasoningSettings | undefined, facts: ModelFacts, warnings: Warning[]): FittedChoice {
  const refused = facts.forcedToolChoiceRefusedWhileReasoning;
  if (refused === undefined || !forcesDeclaredTool(request) || (facts.forcedToolChoiceRefusedOnly === 'named' && request.toolChoice?.type !== 'tool')) return { request, reasoning };
  if (reasoning !== undefined && isReasoningOff(reasoning)) return { request, reasoning };
  const asked = reasoning !== undefined && isReasoningOn(reasoning);
  if (!asked && refused === 'when-asked') return { request, reasoning };
  if (!canTurnOff(facts.reasoning)) {
    const forced = request.toolChoice?.type === 'tool' ? `"${request.toolChoice.name}"` : 'a tool';
    warnings.push({ type: 'unsupported', feature: 'tool_choice', message: `${facts.id} cannot be made to call ${forced} while it reasons, and it always reasons; the tool choice was sent as auto.` });
    // A list of allowed tools still holds without the forced call.
    const allowed = request.toolChoice?.type === 'required' ? request.toolChoice.allowed : undefined;
    return { request: { ...request, toolChoice: allowed === undefined ? { type: 'auto' } : { type: 'auto', allowed } }, reasoning };
  }
  if (asked) warnings.push(thinkingOffForForcedToolWarning(facts.id));
  return { request, reasoning: { enabled: false } };
}

/** `required` with tools to call, or a named tool among them; other choices reach no upstream as forced (core/tool-choice-fit.ts). */
function forcesDeclaredTool(request: ChatRequest): boolean {
  const choice = request.toolChoice;
  const tools = request.tools ?? [];
  if (choice?.type === 'required') return choice.allowed === undefined ? tools.length > 0 : tools.some((tool) => choice.allowed?.includes(tool.name));
  return choice?.type === 'tool' && tools.some((tool) => tool.name === choice.name);
}

function canTurnOff(control: ReasoningControl | undefined): boolean {
  switch (control?.type) {
    case 'effort':
      return control.turnOff !== 'never';
    case 'budget':
      return control.canTurnOff !== false;
    case 'automatic':
      return false;
    default:
      return true;
  }
}
