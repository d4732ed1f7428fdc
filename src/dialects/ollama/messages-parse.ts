/**
 * Ollama `messages[]` → interlingua messages. Leading system messages become `request.system`;
 * an assistant message's `thinking`, `content` and `tool_calls` become reasoning, text and
 * tool-call parts, in the order the model produced them; consecutive `tool` messages become one
 * `tool` message whose results are paired with their calls (see `tool-call-ids.ts`).
 */
import type { AssistantPart, TextPart, ToolCallPart, ToolResultPart, UserPart } from '../../interlingua/content.js';
import type { Message } from '../../interlingua/message.js';
import type { Warning } from '../../interlingua/warning.js';
import { stringifyToolArguments } from '../../core/tool-arguments.js';
import { parseImage } from '../ollama-family/images.js';
import { type JsonObject } from '../ollama-family/json-value.js';
import { ToolCallPairing } from './tool-call-ids.js';
import { withVendor } from './vendor.js';
import type { WireMessage, WireToolCall } from './wire-schema.js';
import { extraFields } from '../../wire/extra-fields.js';
import { pushAll } from '../../core/push-all.js';

/** Fields each role's parser reads; any other field of the message is kept in `vendor.ollama.extra`. */
const modelledFields: Record<WireMessage['role'], ReadonlySet<string>> = {
  system: new Set(['role', 'content']),
  user: new Set(['role', 'content', 'images']),
  assistant: new Set(['role', 'content', 'thinking', 'tool_calls']),
  tool: new Set(['role', 'content', 'tool_name', 'tool_call_id']),
};
const toolCallFields = new Set(['id', 'function']);
const functionFields = new Set(['index', 'name', 'arguments']);

export interface ParsedMessages {
  system: TextPart[];
  messages: Message[];
}

export function parseMessages(wireMessages: readonly WireMessage[], warnings: Warning[]): ParsedMessages {
  const system: TextPart[] = [];
  const messages: Message[] = [];
  const pairing = new ToolCallPairing();
  let pendingResults: ToolResultPart[] | undefined;
  const flushResults = () => {
    if (pendingResults !== undefined) messages.push({ role: 'tool', content: pendingResults });
    pendingResults = undefined;
  };

  wireMessages.forEach((message, index) => {
    const extra = extraFields(message, modelledFields[message.role]);
    if (message.role === 'tool') {
      (pendingResults ??= []).push(parseToolResult(message, index, extra, pairing, warnings));
      return;
    }
    flushResults();
    switch (message.role) {
      case 'system': {
        const content: TextPart[] = [{ type: 'text', text: message.content ?? '' }];
        // A system message with fields only a message can hold stays a message, in place.
        if (messages.length === 0 && extra === undefined) pushAll(system, content);
        else messages.push({ role: 'system', content, ...vendorOf(extra) });
        return;
      }
      case 'user':
        messages.push({ role: 'user', content: userContent(message, index, warnings), ...vendorOf(extra) });
        return;
      case 'assistant':
        messages.push({ role: 'assistant', content: assistantContent(message, index, pairing), ...vendorOf(extra) });
        return;
      default: {
        const unhandled: never = message.role;
        throw new Error(`unhandled role ${String(unhandled)}`);
      }
    }
  });
  flushResults();
  return { system, messages };
}

function vendorOf(extra: JsonObject | undefined) {
  return withVendor(extra === undefined ? {} : { extra });
}

function userContent(message: WireMessage, index: number, warnings: Warning[]): UserPart[] {
  const content: UserPart[] = [];
  const text = message.content ?? '';
  if (text !== '') content.push({ type: 'text', text });
  (message.images ?? []).forEach((data, position) => content.push(parseImage(data, `messages[${index}].images[${position}]`, warnings)));
  return content;
}

function assistantContent(message: WireMessage, index: number, pairing: ToolCallPairing): AssistantPart[] {
  const content: AssistantPart[] = [];
  const thinking = message.thinking ?? '';
  if (thinking !== '') content.push({ type: 'reasoning', text: thinking });
  const text = message.content ?? '';
  if (text !== '') content.push({ type: 'text', text });
  (message.tool_calls ?? []).forEach((call, position) => content.push(toolCallPart(call, index, position, pairing)));
  return content;
}

function toolCallPart(call: WireToolCall, index: number, position: number, pairing: ToolCallPairing): ToolCallPart {
  const { name } = call.function;
  const assigned = pairing.forCall(call.id ?? undefined, name, index, position);
  const part: ToolCallPart = { type: 'tool-call', id: assigned.id, name, arguments: stringifyToolArguments(call.function.arguments ?? {}) };
  const fields: JsonObject = {};
  if (assigned.synthesized) fields['idSynthesized'] = true;
  if (typeof call.function.index === 'number') fields['index'] = call.function.index;
  const extra = extraFields(call, toolCallFields);
  if (extra !== undefined) fields['extra'] = extra;
  const functionExtra = extraFields(call.function, functionFields);
  if (functionExtra !== undefined) fields['functionExtra'] = functionExtra;
  return { ...part, ...withVendor(fields) };
}

function parseToolResult(message: WireMessage, index: number, extra: JsonObject | undefined, pairing: ToolCallPairing, warnings: Warning[]): ToolResultPart {
  const assigned = pairing.forResult(message.tool_call_id ?? undefined, message.tool_name ?? undefined, index);
  if (!assigned.paired) {
    warnings.push({
      type: 'compatibility',
      feature: 'tool_result.unpaired',
      message: `messages[${index}] answers no tool call of an earlier assistant message; it was given the id "${assigned.id}".`,
    });
  }
  const result: ToolResultPart = { type: 'tool-result', toolCallId: assigned.id, content: [{ type: 'text', text: message.content ?? '' }] };
  if (assigned.toolName !== undefined) result.toolName = assigned.toolName;
  const fields: JsonObject = {};
  if (assigned.synthesized) fields['idSynthesized'] = true;
  // The name came from the paired call, for dialects that need it (Gemini); Ollama gets none back.
  if (assigned.toolName !== undefined && (message.tool_name ?? '') === '') fields['toolNameSynthesized'] = true;
  if (extra !== undefined) fields['extra'] = extra;
  return { ...result, ...withVendor(fields) };
}
