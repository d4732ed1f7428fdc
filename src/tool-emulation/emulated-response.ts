/**
 * A whole answer's text → text and structured tool calls, with one repair when a call is
 * unreadable (its tokens added to the answer's). Calls beyond what the caller takes are dropped
 * and listed (calls-taken.ts); under `tool_choice: none` a call that cannot be read stays text.
 */
import type { AssistantPart } from '../interlingua/content.js';
import type { ChatResponse } from '../interlingua/response.js';
import { generateId } from '../core/ids.js';
import { readWholeReply } from './reply-reader.js';
import { CallKeeper } from './calls-taken.js';
import { repairCalls, replyText, type RepairContext } from './repair.js';

export async function readEmulatedResponse(response: ChatResponse, context: RepairContext): Promise<ChatResponse> {
  const reply = replyText(response.content);
  const pieces = readWholeReply(reply, context.format, context.tools);
  const keeper = new CallKeeper(context.taken);
  const content: AssistantPart[] = response.content.filter((part) => part.type !== 'text');
  let called = false;
  let invalidReason: string | undefined;
  for (const piece of pieces) {
    if (piece.type === 'text') content.push({ type: 'text', text: piece.text });
    else if (piece.type === 'call') {
      if (!keeper.keep(piece.call.name)) continue;
      content.push({ type: 'tool-call', id: generateId('call_'), ...piece.call });
      called = true;
    } else if (context.taken === 'none') content.push({ type: 'text', text: piece.text });
    else invalidReason ??= piece.reason;
  }
  let usage = response.usage;
  if (invalidReason !== undefined && keeper.full) keeper.keep(undefined);
  else if (invalidReason !== undefined) {
    const repaired = await repairCalls(context, reply, invalidReason, response.usage);
    usage = repaired.usage;
    for (const call of repaired.calls) {
      if (!keeper.keep(call.name)) continue;
      content.push({ type: 'tool-call', id: generateId('call_'), ...call });
      called = true;
    }
  }
  const answer: ChatResponse = { ...response, content, usage };
  const vendor = keeper.vendorWith(response.vendor);
  if (vendor !== undefined) answer.vendor = vendor;
  return called ? { ...answer, finishReason: { unified: 'tool-calls' } } : answer;
}
