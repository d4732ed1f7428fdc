/**
 * Anthropic pairs tool calls and results strictly: each `tool_use` needs a `tool_result` at the
 * start of the next message ("`tool_use` ids were found without `tool_result` blocks immediately
 * after", https://github.com/anthropics/claude-code/issues/5060), and each `tool_result` needs its
 * `tool_use` in the message before ("unexpected `tool_use_id` found in `tool_result` blocks",
 * https://github.com/anthropics/claude-code/issues/13460). Ollama and Gemini take looser histories
 * (a question asked before the tool ran; a result whose call was trimmed away), so:
 * - a call left unanswered is answered with an error result saying no result was given;
 * - a result without its call is sent as text, so what it said stays in the conversation.
 * - a call answered twice (a tool run again, both results kept in an OpenAI or Gemini history) keeps
 *   one result, as Anthropic refuses more: "each tool_use must have a single result. Found multiple
 *   `tool_result` blocks with id: …" (https://github.com/sipeed/picoclaw/issues/1792,
 *   https://github.com/QwenLM/qwen-code/issues/8163). The last is kept: the tool was run again
 *   because the earlier result was not the one to go by, and the conversation went on from the last.
 * Each with a warning. Calls in a final assistant message are answered too, in a user message of
 * their own: a conversation may not end on them, as a final assistant message is a prefill, which
 * Claude refuses beside tools on every model and altogether from Claude 4.6 on (prefill.ts).
 */
import type { Warning } from '../../interlingua/warning.js';
import type { EmittedBlock } from './opaque-blocks.js';
import type { EmittedConversation, EmittedTurn } from './request-emit-messages.js';
import { addWarningPerFeature } from '../../core/warning-once.js';

const isResult = (block: EmittedBlock): boolean => block['type'] === 'tool_result';

function callIds(turn: EmittedTurn | undefined): string[] {
  return turn?.role === 'assistant' ? turn.content.filter((block) => block['type'] === 'tool_use').map((block) => String(block['id'])) : [];
}

/** What an orphan result said, as text (and the images it carried). */
function resultAsBlocks(result: EmittedBlock): EmittedBlock[] {
  const content = result['content'];
  const intro: EmittedBlock = { type: 'text', text: `Result of tool call ${String(result['tool_use_id'])}:` };
  if (typeof content === 'string') return [{ type: 'text', text: `${intro['text'] as string} ${content}` }];
  return [intro, ...(Array.isArray(content) ? (content as EmittedBlock[]) : [])];
}

/** A final assistant message's calls get an empty user message after them, which the pairing below fills with their error results. */
function withFinalCallsAwaitingResults(turns: EmittedTurn[]): EmittedTurn[] {
  return callIds(turns.at(-1)).length > 0 ? [...turns, { role: 'user', content: [] }] : turns;
}

/** The results of `turn` that answer one of the calls `asked`, the last one only where a call was answered more than once. */
function lastResultPerCall(turn: EmittedTurn, asked: ReadonlySet<string>): EmittedBlock[] {
  const answering = turn.content.filter((block) => isResult(block) && asked.has(String(block['tool_use_id'])));
  const last = new Map(answering.map((block) => [String(block['tool_use_id']), block]));
  return last.size === answering.length ? answering : answering.filter((block) => last.get(String(block['tool_use_id'])) === block);
}

export function withPairedToolResults(conversation: EmittedConversation, warnings: Warning[]): EmittedConversation {
  let unanswered = 0;
  let orphans = 0;
  let repeated = 0;
  const turns = withFinalCallsAwaitingResults(conversation.messages);
  const messages = turns.map((turn, position): EmittedTurn => {
    if (turn.role !== 'user') return turn;
    const previous = turns[position - 1];
    const asked = callIds(previous);
    // A Set: a turn of many calls and results is paired in linear time, not one scan of the calls per result.
    const askedIds = new Set(asked);
    const results = lastResultPerCall(turn, askedIds);
    const orphaned = turn.content.filter((block) => isResult(block) && !askedIds.has(String(block['tool_use_id'])));
    const answered = new Set(results.map((block) => String(block['tool_use_id'])));
    const missing = asked.filter((id) => !answered.has(id));
    const dropped = turn.content.filter(isResult).length - results.length - orphaned.length;
    if (missing.length === 0 && orphaned.length === 0 && dropped === 0) return turn;
    unanswered += missing.length;
    orphans += orphaned.length;
    repeated += dropped;
    const errors = missing.map((id): EmittedBlock => ({ type: 'tool_result', tool_use_id: id, content: 'No result was given for this tool call.', is_error: true }));
    return { role: 'user', content: [...results, ...errors, ...orphaned.flatMap(resultAsBlocks), ...turn.content.filter((block) => !isResult(block))] };
  });
  if (unanswered > 0) {
    addWarningPerFeature(warnings, {
      type: 'compatibility',
      feature: 'tool_result.missing',
      message: `Anthropic needs every tool call answered at the start of the next message; ${unanswered} unanswered call(s) were answered with an error result.`,
    });
  }
  if (orphans > 0) {
    addWarningPerFeature(warnings, {
      type: 'compatibility',
      feature: 'tool_result.orphan',
      message: `Anthropic takes a tool result only right after its call; ${orphans} result(s) without one were sent as text.`,
    });
  }
  if (repeated > 0) {
    addWarningPerFeature(warnings, {
      type: 'compatibility',
      feature: 'tool_result.duplicate',
      message: `Anthropic takes one result for each tool call; ${repeated} earlier result(s) of a call answered more than once were left out, and the last one was kept.`,
    });
  }
  return { ...conversation, messages };
}
