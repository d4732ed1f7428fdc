/**
 * Tool names an upstream cannot take, given other names on the way out and their own back on the
 * way in. Vendors differ on what a function name may be (Gemini: a letter or underscore first, then
 * letters, digits, `_ . : -`, at most 64; Anthropic allows 128), so a tool a caller may declare can
 * be one the upstream refuses. The emitter renames the tool everywhere the request names it and
 * reports the renaming in `EmittedRequest.toolNames`; the transport puts the caller's names back
 * into the answer, so the caller never sees the upstream's.
 */
import type { ChatRequest } from '../interlingua/request.js';
import type { ChatResponse } from '../interlingua/response.js';
import type { Message } from '../interlingua/message.js';
import type { StreamEvent } from '../interlingua/stream-event.js';

/** Sent name → the caller's name. */
export type ToolNames = ReadonlyMap<string, string>;

/**
 * `request` with every tool name `fit` changes replaced (declarations, the tool choice, calls in
 * the history and the results that answer them), and the renaming made. Unchanged when no name
 * needs it. `fit` receives the names already taken so it can keep the sent names unique.
 */
export function renameTools(request: ChatRequest, fit: (name: string, taken: ReadonlySet<string>) => string): { request: ChatRequest; names: Map<string, string> } {
  const declared = (request.tools ?? []).map((tool) => tool.name);
  const sentFor = new Map<string, string>();
  const taken = new Set(declared);
  for (const name of declared) {
    const sent = fit(name, taken);
    if (sent === name) continue;
    taken.add(sent);
    sentFor.set(name, sent);
  }
  const names = new Map([...sentFor].map(([original, sent]) => [sent, original]));
  if (sentFor.size === 0) return { request, names };
  const rename = (name: string) => sentFor.get(name) ?? name;
  const toolChoice = request.toolChoice?.type === 'tool' ? { ...request.toolChoice, name: rename(request.toolChoice.name) } : request.toolChoice;
  return {
    request: {
      ...request,
      ...(request.tools === undefined ? {} : { tools: request.tools.map((tool) => ({ ...tool, name: rename(tool.name) })) }),
      ...(toolChoice === undefined ? {} : { toolChoice }),
      messages: request.messages.map((message) => renameInMessage(message, rename)),
    },
    names,
  };
}

function renameInMessage(message: Message, rename: (name: string) => string): Message {
  switch (message.role) {
    case 'assistant':
      return { ...message, content: message.content.map((part) => (part.type === 'tool-call' ? { ...part, name: rename(part.name) } : part)) };
    case 'tool':
      return { ...message, content: message.content.map((part) => (part.toolName === undefined ? part : { ...part, toolName: rename(part.toolName) })) };
    case 'system':
    case 'user':
      return message;
    default: {
      const unhandled: never = message;
      throw new Error(`unhandled message ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The answer with the caller's tool names in its calls. */
export function restoreToolNames(response: ChatResponse, names: ToolNames | undefined): ChatResponse {
  if (names === undefined || names.size === 0) return response;
  return { ...response, content: response.content.map((part) => (part.type === 'tool-call' ? { ...part, name: names.get(part.name) ?? part.name } : part)) };
}

/** Stream events with the caller's tool names in their calls. */
export function restoreToolNamesInEvents(events: StreamEvent[], names: ToolNames | undefined): StreamEvent[] {
  if (names === undefined || names.size === 0) return events;
  return events.map((event) => (event.type === 'tool-call-start' ? { ...event, name: names.get(event.name) ?? event.name } : event));
}
