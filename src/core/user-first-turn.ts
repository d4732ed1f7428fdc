/**
 * Amazon Bedrock takes Claude's conversations only when they open with the user, on both of its
 * APIs, where Anthropic's own API serves one that opens with the assistant (a chat UI's greeting,
 * a Gemini history starting with `model`, a first user message left out for saying nothing):
 * - InvokeModel, "400 messages: first message must use the \"user\" role" for
 *   `[{assistant: "How can I help?"}, {user: …}]`, which api.anthropic.com answers
 *   (https://github.com/anthropics/anthropic-sdk-typescript/issues/622; also
 *   https://github.com/langchain4j/langchain4j/issues/1864);
 * - Converse, "A conversation must start with a user message. Try again with a conversation that
 *   starts with a user message." (https://github.com/quarkiverse/quarkus-langchain4j/issues/1764).
 * A user turn that asks for nothing new (opening-user-turn.ts) goes before the assistant's, with a warning.
 */
import type { Warning } from '../interlingua/warning.js';
import { openingUserText } from './opening-user-turn.js';

/**
 * `messages` with a user turn first: as they are when they open with the user (or are empty),
 * else with `userTurn(openingUserText)` before them; `upstream` names who refuses in the warning.
 */
export function withUserTurnFirst<Turn extends { role?: unknown }>(
  messages: readonly Turn[],
  userTurn: (text: string) => Turn,
  upstream: string,
  warn: (warning: Warning) => void,
): readonly Turn[] {
  const first = messages[0];
  if (first === undefined || first.role === 'user') return messages;
  warn({
    type: 'compatibility',
    feature: 'messages.order',
    message: `The conversation opens with the assistant, which ${upstream} refuses; a user turn "${openingUserText}" was put before it.`,
  });
  return [userTurn(openingUserText), ...messages];
}
