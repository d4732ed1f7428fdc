/**
 * A request with tools → the same request for a model that only reads text: the tool
 * definitions become system instructions in the chosen format, earlier calls become the text the
 * model would have written, and tool results a user turn written the same way. `tools`,
 * `toolChoice` and `parallelToolCalls` are removed, since the upstream would refuse them; what
 * they asked is said in the instructions and held to where the reply is read (calls-taken.ts).
 */
import type { AssistantPart, ToolCallPart, ToolResultPart } from '../interlingua/content.js';
import type { Message } from '../interlingua/message.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { ToolDefinition } from '../interlingua/tool.js';
import type { Warning } from '../interlingua/warning.js';
import { findToolCallName } from '../core/tool-history.js';
import { allowedNames, noAllowedToolSentWarning } from '../core/allowed-tools.js';
import type { ShownResult, ToolFormat } from './tool-format.js';
import type { CallsTaken } from './calls-taken.js';

export interface EmulatedRequest {
  request: ChatRequest;
  /** The tools the model was told of; empty when it may not call any (no tools, or `tool_choice: none`). */
  offeredTools: ToolDefinition[];
  /**
   * The tools its reply is read against: those offered, or under `tool_choice: none` every declared
   * one, since calls in the history are written in the tool format and the model may copy them; a
   * call found is then dropped rather than reaching the caller as markup.
   */
  readTools: ToolDefinition[];
  callsTaken: CallsTaken;
  warnings: Warning[];
}

/** Whether there is anything to emulate: tool definitions, or calls and results in the history. */
export function usesTools(request: ChatRequest): boolean {
  if ((request.tools?.length ?? 0) > 0) return true;
  return request.messages.some((message) => message.role === 'tool' || (message.role === 'assistant' && message.content.some((part) => part.type === 'tool-call')));
}

export function emulatedRequest(request: ChatRequest, format: ToolFormat): EmulatedRequest {
  const tools = request.tools ?? [];
  const warnings: Warning[] = [
    {
      type: 'compatibility',
      feature: 'tools',
      message: `This model has no native tool calling: tools were written into its prompt in the ${format.name} format and its reply was read back as tool calls.`,
    },
  ];
  const none = request.toolChoice?.type === 'none';
  const offeredTools = none ? [] : toolsOffered(request, warnings);
  const callsTaken: CallsTaken = none ? 'none' : request.parallelToolCalls === false ? 'one' : 'any';
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
  return { request: rewritten, offeredTools, readTools: none ? tools : offeredTools, callsTaken, warnings };
}

/**
 * A list of allowed tools, or a forced function (OpenAI: "forces the model to call that tool",
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-tool_choice), is the tools
 * the model is told of and the reply is read against, so a call of any other is no call: the prompt
 * is rewritten anyway, so no cache over the tools is lost. Names that are not declared are left out;
 * none left means every declared tool, as where an upstream gets none of the allowed tools
 * (core/allowed-tools.ts).
 */
function toolsOffered(request: ChatRequest, warnings: Warning[]): ToolDefinition[] {
  const tools = request.tools ?? [];
  const choice = request.toolChoice;
  const allowed = choice?.type === 'tool' ? [choice.name] : allowedNames(choice);
  if (allowed === undefined) return tools;
  const offered = tools.filter((tool) => allowed.includes(tool.name));
  if (offered.length > 0 || tools.length === 0) return offered;
  warnings.push(noAllowedToolSentWarning());
  return tools;
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
