import type { Message } from '../interlingua/message.js';

/**
 * The tool calls of a conversation by id, read once: a parser asks for each tool result as it
 * builds the conversation, and a backward scan for each was quadratic (90,000 results of one turn's
 * calls held the event loop 10 to 20 s). Parsers only append: whole messages, or parts to the
 * last one (a tool result joined to the tool turn before it, a call to the assistant turn), so
 * what was read stays true and only the tail is read again; an id not found is looked for the old
 * way, in case the conversation changed elsewhere.
 */
interface CallIndex {
  /** Messages read whole; the last of them may have grown since. */
  read: number;
  /** Parts of the last message read. */
  lastParts: number;
  names: Map<string, string>;
}

const indexes = new WeakMap<readonly Message[], CallIndex>();

/**
 * The name of the tool call with this id, found in the conversation so far. Gemini's
 * `functionResponse` must carry the function's name, which OpenAI and Anthropic tool results
 * omit; it is always recoverable from the assistant turn that made the call. Of calls that share
 * an id, the last one's.
 */
export function findToolCallName(messages: readonly Message[], toolCallId: string): string | undefined {
  let index = indexes.get(messages);
  if (index === undefined || index.read > messages.length) {
    index = { read: 0, lastParts: 0, names: new Map() };
    indexes.set(messages, index);
  }
  // The last message read may have taken more parts since.
  if (index.read > 0) readCalls(messages[index.read - 1], index.lastParts, index.names);
  for (; index.read < messages.length; index.read++) readCalls(messages[index.read], 0, index.names);
  index.lastParts = messages[index.read - 1]?.content.length ?? 0;
  // A conversation changed other than at its end (a chat window's) is read again on a miss.
  return index.names.get(toolCallId) ?? scannedName(messages, toolCallId);
}

function scannedName(messages: readonly Message[], toolCallId: string): string | undefined {
  for (let at = messages.length - 1; at >= 0; at--) {
    const message = messages[at];
    if (message?.role !== 'assistant') continue;
    for (const part of message.content) if (part.type === 'tool-call' && part.id === toolCallId) return part.name;
  }
  return undefined;
}

function readCalls(message: Message | undefined, from: number, names: Map<string, string>): void {
  if (message?.role !== 'assistant') return;
  for (let part = from; part < message.content.length; part++) {
    const found = message.content[part];
    if (found?.type === 'tool-call') names.set(found.id, found.name);
  }
}
