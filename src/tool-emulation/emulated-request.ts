/**
 * A request with tools → the same request for a model that only reads text: the tool
 * definitions become system instructions in the chosen format, earlier calls become the text the
 * model would have written, and tool results a user turn written the same way. `tools`,
 * `toolChoice` and `parallelToolCalls` are removed, since the upstream would refuse them.
 */
import type { AssistantPart, ToolCallPart, ToolResultPart } from '../interlingua/content.js';
import type { Message } from '../interlingua/message.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { ToolDefinition } from '../interlingua/tool.js';
import type { Warning } from '../interlingua/warning.js';
import { findToolCallName } from '../core/tool-history.js';
import { allowedNames } from '../core/allowed-tools.js';
import type { ShownResult, ToolFormat } from './tool-format.js';

export interface EmulatedRequest {
  request: ChatRequest;
  /** The tools the model was told of; empty when it may not call any (no tools, or `tool_choice: none`). */
  offeredTools: ToolDefinition[];
  warnings: Warning[];
}

/** Whether there is anything to emulate: tool definitions, or calls and results in the history. */
export function usesTools(request: ChatRequest): boolean {
  if ((request.tools?.length ?? 0) > 0) return true;
  return request.messages.some((message) => message.role === 'tool' || (message.role === 'assistant' && message.content.some((part) => part.type === 'tool-call')));
}

export function emulatedRequest(request: ChatRequest, format: ToolFormat): EmulatedRequest {
  const tools = request.tools ?? [];
  // A list of allowed tools is the tools the model is told of: the prompt is rewritten anyway, so no cache over the tools is lost.
  const allowed = allowedNames(request.toolChoice);
  const offeredTools = request.toolChoice?.type === 'none' ? [] : allowed === undefined ? tools : tools.filter((tool) => allowed.includes(tool.name));
  const { tools: _tools, toolChoice: _toolChoice, parallelToolCalls: _parallel, ...rest } = request;
  const rules = {
    ...(request.toolChoice !== undefined ? { choice: request.toolChoice } : {}),
    ...(request.parallelToolCalls !== undefined ? { parallel: request.parallelToolCalls } : {}),
  };
  const system = offeredTools.length > 0 ? [...request.system, { type: 'text' as const, text: format.instructions(offeredTools, rules) }] : request.system;
  const stops = [...(request.sampling.stopSequences ?? [])];
  if (offeredTools.length > 0) for (const stop of format.stopSequences) if (!stops.includes(stop)) stops.push(stop);
  const rewritten: ChatRequest = {
    ...rest,
    system,
    messages: request.messages.map((message) => rewriteMessage(message, request.messages, format)),
    sampling: stops.length > 0 ? { ...request.sampling, stopSequences: stops } : request.sampling,
  };
  const warnings: Warning[] = [
    {
      type: 'compatibility',
      feature: 'tools',
      message: `This model has no native tool calling: tools were written into its prompt in the ${format.name} format and its reply was read back as tool calls.`,
    },
  ];
  return { request: rewritten, offeredTools, warnings };
}

function rewriteMessage(message: Message, history: readonly Message[], format: ToolFormat): Message {
  switch (message.role) {
    case 'system':
    case 'user':
      return message;
    case 'assistant':
      if (!message.content.some((part) => part.type === 'tool-call')) return message;
      return { ...message, content: assistantContent(message.content, format) };
    case 'tool':
      return { role: 'user', content: [{ type: 'text', text: format.renderResults(message.content.map((part) => shownResult(part, history))) }] };
    default: {
      const unhandled: never = message;
      throw new Error(`unhandled message ${JSON.stringify(unhandled)}`);
    }
  }
}

/** Runs of calls become the text that calls them; other parts stay where they were. */
function assistantContent(parts: readonly AssistantPart[], format: ToolFormat): AssistantPart[] {
  const content: AssistantPart[] = [];
  let calls: ToolCallPart[] = [];
  const flush = (): void => {
    if (calls.length > 0) content.push({ type: 'text', text: format.renderCalls(calls) });
    calls = [];
  };
  for (const part of parts) {
    if (part.type === 'tool-call') calls.push(part);
    else {
      flush();
      content.push(part);
    }
  }
  flush();
  return content;
}

function shownResult(part: ToolResultPart, history: readonly Message[]): ShownResult {
  const text = part.content.map((item) => (item.type === 'text' ? item.text : '[image]')).join('\n');
  return { name: part.toolName ?? findToolCallName(history, part.toolCallId) ?? part.toolCallId, text, isError: part.isError === true };
}
