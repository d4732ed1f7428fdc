import type { AssistantPart } from '../interlingua/content.js';
import type { ToolNameRules } from '../interlingua/dialect.js';
import type { Message } from '../interlingua/message.js';
import type { ChatRequest } from '../interlingua/request.js';
import type { ChatResponse } from '../interlingua/response.js';
import type { StreamEvent } from '../interlingua/stream-event.js';
import type { Warning } from '../interlingua/warning.js';
import type { AnswerRestorer } from './answer-restorer.js';

/**
 * Tool names a target refuses, renamed on the way out and named back on the way in. Each dialect
 * says what it takes (`DialectCapabilities.toolNames`). Gemini takes
 * function names with dots and colons ("Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots
 * (.) or dashes (-), with a maximum length of 64", https://ai.google.dev/api/caching#FunctionDeclaration),
 * and MCP clients name tools `server.tool`; OpenAI refuses them ("Invalid 'tools[0].function.name':
 * string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
 * https://github.com/run-llama/llama_index/issues/16093). Each refused character becomes `_`, the
 * name is cut to the target's length, and a clash with another name gets a numbered suffix, so the
 * model still tells the tools apart; its calls come back under the caller's names.
 */
export interface FittedToolNames {
  request: ChatRequest;
  /** Undoes the renaming in what the upstream answers; absent when no name was changed. */
  restore?: AnswerRestorer;
  warnings: Warning[];
}

export function fitToolNames(request: ChatRequest, rules: ToolNameRules): FittedToolNames {
  const renamed = renames(request, rules);
  if (renamed.size === 0) return { request, warnings: [] };
  const outgoing = (name: string): string => renamed.get(name) ?? name;
  const incoming = new Map([...renamed].map(([original, sent]) => [sent, original]));
  const back = (name: string): string => incoming.get(name) ?? name;
  const fitted: ChatRequest = {
    ...request,
    messages: request.messages.map((message) => renameInMessage(message, outgoing)),
    ...(request.tools !== undefined ? { tools: request.tools.map((tool) => ({ ...tool, name: outgoing(tool.name) })) } : {}),
    ...(request.toolChoice?.type === 'tool' ? { toolChoice: { type: 'tool', name: outgoing(request.toolChoice.name) } } : {}),
    ...((request.toolChoice?.type === 'auto' || request.toolChoice?.type === 'required') && request.toolChoice.allowed !== undefined
      ? { toolChoice: { type: request.toolChoice.type, allowed: request.toolChoice.allowed.map(outgoing) } }
      : {}),
  };
  const warnings: Warning[] = [...renamed.keys()].map((original) => ({
    type: 'compatibility',
    feature: 'tool_name',
    message: 'The upstream refuses these tool names; each was sent with the characters it refuses as "_" (and cut to its length), and the model\'s calls come back under the original names.',
    tool: original,
  }));
  const restore: AnswerRestorer = {
    response: (response) => ({ ...response, content: response.content.map((part) => renameInPart(part, back)) }),
    events: (events) => events.map((event) => (event.type === 'tool-call-start' ? { ...event, name: back(event.name) } : event)),
  };
  return { request: fitted, restore, warnings };
}

/** Nothing to rename: shared, since most requests name no tool the target refuses. */
const noRenames: ReadonlyMap<string, string> = new Map();

/** Original name → the name sent, for every name of the request the target refuses. */
function renames(request: ChatRequest, rules: ToolNameRules): ReadonlyMap<string, string> {
  const fits = (name: string) => fitsRules(name, rules);
  // Every request is checked: the collections below are made only for one that names a tool it must rename.
  if (everyToolName(request, fits)) return noRenames;
  const names = new Set<string>();
  everyToolName(request, (name) => {
    names.add(name);
    return true;
  });
  const taken = new Set([...names].filter(fits));
  const renamed = new Map<string, string>();
  for (const name of names) {
    if (fits(name)) continue;
    let cleaned = [...name].map((character) => (rules.allowed.test(character) ? character : '_')).join('') || 'tool';
    // A first character the target refuses (Gemini: a digit) gets `_` before it.
    if (rules.first !== undefined && !rules.first.test(cleaned[0] ?? '')) cleaned = `_${cleaned}`;
    const base = cleaned.slice(0, rules.maxLength);
    let candidate = base;
    for (let suffix = 2; taken.has(candidate); suffix += 1) candidate = `${base.slice(0, rules.maxLength - String(suffix).length - 1)}_${suffix}`;
    taken.add(candidate);
    renamed.set(name, candidate);
  }
  return renamed;
}

/** Whether `check` holds for every tool name the request carries (its tools, calls and results); stops at the first that fails. */
function everyToolName(request: ChatRequest, check: (name: string) => boolean): boolean {
  for (const tool of request.tools ?? []) if (!check(tool.name)) return false;
  for (const message of request.messages) {
    if (message.role === 'assistant') for (const part of message.content) if (part.type === 'tool-call' && !check(part.name)) return false;
    if (message.role === 'tool') for (const part of message.content) if (part.toolName !== undefined && !check(part.toolName)) return false;
  }
  return true;
}

function fitsRules(name: string, rules: ToolNameRules): boolean {
  if (name.length === 0 || name.length > rules.maxLength) return false;
  if (rules.first !== undefined && !rules.first.test(name[0] ?? '')) return false;
  for (const character of name) if (!rules.allowed.test(character)) return false;
  return true;
}

function renameInMessage(message: Message, rename: (name: string) => string): Message {
  switch (message.role) {
    case 'assistant':
      return { ...message, content: message.content.map((part) => renameInPart(part, rename)) };
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

function renameInPart(part: AssistantPart, rename: (name: string) => string): AssistantPart {
  return part.type === 'tool-call' ? { ...part, name: rename(part.name) } : part;
}
