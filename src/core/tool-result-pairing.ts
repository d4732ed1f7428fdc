import type { TextPart, ToolResultPart, UserPart } from '../interlingua/content.js';
import type { Message } from '../interlingua/message.js';
import type { Warning } from '../interlingua/warning.js';
import { pushAll } from './push-all.js';

/** What a call nobody answered is answered with. */
export const unansweredResultText = 'No result was given for this tool call.';

/**
 * Tool calls and their results paired as OpenAI's APIs demand: Chat Completions refuses an
 * assistant message whose calls the tool messages right after it do not all answer ("An assistant
 * message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'.")
 * and a tool message that answers no call of the message before it ("messages with role 'tool' must
 * be a response to a preceeding message with 'tool_calls'"); Responses refuses the same as "No tool
 * output found for function call …" and "No tool call found for function call output …"
 * (test/support/vendor-rules); Bedrock Converse as "Expected toolResult blocks at messages.2.content
 * for the following Ids: …" and "The number of toolResult blocks at messages.N.content exceeds the
 * number of toolUse blocks of previous turn." (github.com/agno-agi/agno/issues/6698,
 * github.com/strands-agents/harness-sdk/issues/1435). Ollama takes looser histories (a question
 * asked before the tool ran, a result whose call was trimmed away), so:
 * - a call left unanswered is answered with an error result saying no result was given;
 * - a result without its call becomes a user message, so what it said stays in the conversation.
 * Both with a warning naming `target`. Calls that end the conversation are answered too: OpenAI
 * refuses them as well (and Claude on Converse takes no final assistant turn beside tools), and
 * the model then goes on knowing no result came.
 */
export function withPairedToolResults(messages: readonly Message[], target: string, warnings: Warning[]): readonly Message[] {
  if (!needsPairing(messages)) return messages;
  const paired: Message[] = [];
  let unanswered = 0;
  let orphans = 0;
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index] as Message;
    if (message.role === 'tool') {
      // Only a run of tool messages no assistant call came before reaches here.
      orphans += message.content.length;
      pushAll(paired, message.content.map(resultAsUserMessage));
      continue;
    }
    paired.push(message);
    const asked = callIdsOf(message);
    if (asked.length === 0) continue;
    // Sets, not scans: a turn may carry tens of thousands of calls, and a scan per result was quadratic.
    const askedIds = new Set(asked);
    const answered = new Set<string>();
    const results: ToolResultPart[] = [];
    const strays: ToolResultPart[] = [];
    let next = index + 1;
    for (; next < messages.length && messages[next]?.role === 'tool'; next++) {
      for (const result of (messages[next] as Extract<Message, { role: 'tool' }>).content) {
        const answers = askedIds.has(result.toolCallId) && !answered.has(result.toolCallId);
        if (answers) answered.add(result.toolCallId);
        (answers ? results : strays).push(result);
      }
    }
    const missing = asked.filter((id) => !answered.has(id));
    unanswered += missing.length;
    orphans += strays.length;
    const errors = missing.map((toolCallId): ToolResultPart => ({ type: 'tool-result', toolCallId, content: [{ type: 'text', text: unansweredResultText }], isError: true }));
    paired.push({ role: 'tool', content: [...results, ...errors] }, ...strays.map(resultAsUserMessage));
    index = next - 1;
  }
  if (unanswered > 0) {
    warnings.push({
      type: 'compatibility',
      feature: 'tool_result.missing',
      message: `${target} needs every tool call answered right after it; ${unanswered} unanswered call(s) were answered with an error result.`,
    });
  }
  if (orphans > 0) {
    warnings.push({
      type: 'compatibility',
      feature: 'tool_result.orphan',
      message: `${target} takes a tool result only right after its call; ${orphans} result(s) without one were sent as user messages.`,
    });
  }
  return paired;
}

function callIdsOf(message: Message): string[] {
  return message.role === 'assistant' ? message.content.flatMap((part) => (part.type === 'tool-call' ? [part.id] : [])) : [];
}

/**
 * Whether any call goes unanswered or any result answers no call; most histories pair already and
 * pass untouched. The calls still open are counted by id (two calls may share one), so each result
 * costs a lookup, not a scan of the turn's calls.
 */
function needsPairing(messages: readonly Message[]): boolean {
  const open = new Map<string, number>();
  let inRun = false;
  for (const message of messages) {
    if (message.role === 'tool') {
      if (!inRun) return true;
      for (const result of message.content) {
        const left = open.get(result.toolCallId);
        if (left === undefined) return true;
        if (left === 1) open.delete(result.toolCallId);
        else open.set(result.toolCallId, left - 1);
      }
      continue;
    }
    if (open.size > 0) return true;
    const ids = callIdsOf(message);
    for (const id of ids) open.set(id, (open.get(id) ?? 0) + 1);
    inRun = ids.length > 0;
  }
  return open.size > 0;
}

/** A result without its call, as the user telling what it said (and the images or files it carried). */
export function resultAsUserMessage(result: ToolResultPart): Message {
  const intro = `Result of tool call ${result.toolCallId}${result.toolName !== undefined ? ` (${result.toolName})` : ''}:`;
  const [first, ...rest] = result.content;
  const content: UserPart[] = first?.type === 'text' ? [{ type: 'text', text: `${intro} ${first.text}` } satisfies TextPart, ...rest] : [{ type: 'text', text: intro }, ...result.content];
  return { role: 'user', content };
}
