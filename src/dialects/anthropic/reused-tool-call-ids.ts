/**
 * Anthropic takes each `tool_use` id once in a conversation ("messages.1.content.1: `tool_use` ids
 * must be unique", https://github.com/trycua/cua/issues/524), while OpenAI takes a history that
 * reuses one (clients that number their calls `call_1`, `call_2`, … from each turn, or replay a
 * call under its first id). A later call that reuses an id is renamed, and so are the results that
 * answer it (those after it, until a call takes that id again), with a warning.
 */
import type { Message } from '../../interlingua/message.js';
import type { ChatRequest } from '../../interlingua/request.js';
import type { Warning } from '../../interlingua/warning.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

export function withUniqueToolCallIds(request: ChatRequest, warnings: Warning[]): ChatRequest {
  const taken = new Set<string>();
  for (const message of request.messages) if (message.role === 'assistant') for (const part of message.content) if (part.type === 'tool-call') taken.add(part.id);
  const called = new Set<string>();
  /** The id each reused id goes by now, for the results that follow its latest call. */
  const renamed = new Map<string, string>();
  let count = 0;
  const fresh = (id: string): string => {
    let candidate = id;
    for (let suffix = 2; taken.has(candidate); suffix++) candidate = `${id}_${suffix}`;
    taken.add(candidate);
    return candidate;
  };
  const messages = request.messages.map((message): Message => {
    if (message.role === 'assistant') {
      if (!message.content.some((part) => part.type === 'tool-call')) return message;
      let changed = false;
      const content = message.content.map((part) => {
        if (part.type !== 'tool-call') return part;
        if (!called.has(part.id)) {
          called.add(part.id);
          renamed.delete(part.id);
          return part;
        }
        const id = fresh(part.id);
        renamed.set(part.id, id);
        changed = true;
        count++;
        return { ...part, id };
      });
      return changed ? { ...message, content } : message;
    }
    if (message.role !== 'tool' || renamed.size === 0) return message;
    return { ...message, content: message.content.map((part) => (renamed.has(part.toolCallId) ? { ...part, toolCallId: renamed.get(part.toolCallId) ?? part.toolCallId } : part)) };
  });
  if (count === 0) return request;
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'tool_call.id.reused',
    message: `Anthropic takes each tool call id once in a conversation; ${count} call(s) reusing an earlier id were renamed, with their results.`,
  });
  return { ...request, messages };
}
