/**
 * Turns OpenAI takes but some compatible upstreams refuse, mended after the messages are emitted
 * (quirks.ts: `refusesEmpty`, `assistantAfterToolResults`), each with a warning. An Anthropic or
 * Gemini history has all of them: a turn that only thought, an empty tool result, and (Claude Code)
 * a tool result with text beside it in one user message, which becomes a tool message followed by a
 * user message. The vendors' refusals are judged in test/support/vendor-rules/xai.ts and mistral.ts.
 */
import { InterlinguaError } from '../../interlingua/error.js';
import type { Warning } from '../../interlingua/warning.js';
import type { OpenaiChatQuirks } from './quirks.js';
import type { WireMessage } from './wire-types.js';

/** What an empty tool result says instead, where the upstream refuses an empty message. */
export const emptyToolResultText = 'The tool returned an empty result.';

/**
 * What the assistant says between tool results and the next user message, where the upstream needs
 * it to speak there. Not empty: an empty assistant message is refused too (quirks.ts).
 */
export const afterToolResultsText = 'Tool results received.';

type TurnQuirks = Pick<OpenaiChatQuirks, 'refusesEmpty' | 'assistantAfterToolResults' | 'systemFirst'>;

export function fitTurns(emitted: WireMessage[], quirks: TurnQuirks, warnings: Warning[]): WireMessage[] {
  const refused = quirks.refusesEmpty;
  const messages = quirks.systemFirst === true ? withSystemFirst(emitted, warnings) : emitted;
  if (refused === undefined && quirks.assistantAfterToolResults !== true) return messages;
  const fitted: WireMessage[] = [];
  let leftOut = 0;
  let filled = 0;
  let bridged = 0;
  for (const message of messages) {
    const empty = refused !== undefined && (refused === 'all' || message.role === 'assistant') && isEmpty(message);
    // A tool result answers its call and stays; any other empty message says nothing and goes.
    if (empty && message.role !== 'tool') {
      leftOut++;
      continue;
    }
    const fill = empty && message.role === 'tool';
    if (fill) filled++;
    // Checked after leaving out: an empty turn between tool results and a user message was no bridge.
    if (quirks.assistantAfterToolResults === true && fitted.at(-1)?.role === 'tool' && message.role !== 'tool' && message.role !== 'assistant') {
      fitted.push({ role: 'assistant', content: afterToolResultsText });
      bridged++;
    }
    fitted.push(fill ? { ...message, content: emptyToolResultText } : message);
  }
  if (leftOut > 0 && fitted.every((message) => message.role === 'system' || message.role === 'developer')) {
    throw new InterlinguaError('invalid_request', 'The request has no message content to send; this upstream needs at least one message that is not empty.');
  }
  if (leftOut > 0) {
    const what = refused === 'all' ? 'a message with nothing in it' : 'an assistant message with neither text nor tool calls';
    warnings.push({
      type: 'compatibility',
      feature: 'messages.empty',
      message: `This upstream refuses ${what}; ${leftOut} such message(s) (an assistant turn that only reasoned becomes one) were left out.`,
    });
  }
  if (filled > 0) {
    warnings.push({ type: 'compatibility', feature: 'tool_result.empty', message: `This upstream refuses an empty message; ${filled} empty tool result(s) were sent as "${emptyToolResultText}"` });
  }
  if (bridged > 0) {
    warnings.push({
      type: 'compatibility',
      feature: 'messages.order',
      message: `This upstream takes no user message right after tool results; an assistant message "${afterToolResultsText}" was put between them ${bridged} time(s).`,
    });
  }
  return fitted;
}

/** Content `""` (or null) and no tool calls. */
function isEmpty(message: WireMessage): boolean {
  if (message.role === 'assistant' && message.tool_calls !== undefined && message.tool_calls.length > 0) return false;
  return message.content === null || isEmptyContent(message.content);
}

/** `""`, or parts that are all empty text (a refusal or an image is something). */
function isEmptyContent(content: string | ReadonlyArray<{ type: string; text?: unknown }>): boolean {
  return typeof content === 'string' ? content === '' : content.every((part) => part.type === 'text' && part.text === '');
}

/**
 * System messages later in the conversation moved to join the leading ones, in their order (`systemFirst`);
 * the messages as they were when there is none.
 */
function withSystemFirst(messages: WireMessage[], warnings: Warning[]): WireMessage[] {
  const leading = messages.findIndex((message) => message.role !== 'system');
  if (leading === -1 || !messages.slice(leading).some((message) => message.role === 'system')) return messages;
  warnings.push({
    type: 'compatibility',
    feature: 'system_message',
    message: 'This upstream takes system messages only before the conversation; a system message inside it was moved to the start.',
  });
  return [...messages.filter((message) => message.role === 'system'), ...messages.filter((message) => message.role !== 'system')];
}
