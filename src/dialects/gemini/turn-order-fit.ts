/**
 * Gemini's turn rules, which not every caller's dialect shares: a function call turn comes right
 * after a user turn or a function response turn ("Please ensure that function call turn comes
 * immediately after a user turn or after a function response turn.", also for a conversation that
 * starts with a function call: https://github.com/google-gemini/gemini-cli/issues/11814), and the
 * turn after it answers each of its calls ("Please ensure that the number of function response
 * parts is equal to the number of function call parts of the function call turn.",
 * https://github.com/google-gemini/gemini-cli/issues/4217). A conversation that breaks them is
 * changed, with a warning, rather than sent to be refused.
 */
import type { Warning } from '../../interlingua/warning.js';
import { isJsonObject, type JsonObject } from './json-value.js';
import { openingUserText } from '../../core/opening-user-turn.js';

export interface GeminiContent {
  role: 'user' | 'model';
  parts: JsonObject[];
}


/**
 * The result given to a call nobody answered. FunctionResponse.response: "Use "output" key to
 * specify function output and "error" key to specify error details"
 * (https://ai.google.dev/api/caching#FunctionResponse).
 */
export const unansweredCallResult = { error: 'No result was given for this call.' };

export function fitTurnOrder(contents: GeminiContent[], warnings: Warning[]): void {
  openWithUserTurn(contents, warnings);
  answerEveryCall(contents, warnings);
}

function callOf(part: JsonObject): JsonObject | undefined {
  const call = part['functionCall'];
  return isJsonObject(call) ? call : undefined;
}

function responseOf(part: JsonObject): JsonObject | undefined {
  const response = part['functionResponse'];
  return isJsonObject(response) ? response : undefined;
}

/** A function response as user text, its nested media parts (Gemini 3) kept beside it. */
function responseAsText(response: JsonObject): JsonObject[] {
  const nested = Array.isArray(response['parts']) ? response['parts'].filter(isJsonObject) : [];
  return [{ text: `Result of ${String(response['name'])}: ${JSON.stringify(response['response'] ?? {})}` }, ...nested];
}

function openWithUserTurn(contents: GeminiContent[], warnings: Warning[]): void {
  const first = contents[0];
  if (first?.role !== 'model' || !first.parts.some((part) => callOf(part) !== undefined)) return;
  contents.unshift({ role: 'user', parts: [{ text: openingUserText }] });
  warnings.push({
    type: 'compatibility',
    feature: 'messages.order',
    message: `The conversation opens with a function call, which Gemini accepts only after a user turn; a user turn "${openingUserText}" was put before it.`,
  });
}

/**
 * Each call of a model turn gets a response in the next turn: first the one with its id, then the
 * first left with its name; a call without one gets an error result. A response that answers no
 * call of the turn before it (Ollama takes tool messages anywhere) becomes user text: Gemini takes
 * a function response turn only right after a function call turn, one response per call
 * ("Please ensure that function response turn comes immediately after a function call turn.",
 * https://github.com/langchain-ai/langchain/issues/27799).
 */
function answerEveryCall(contents: GeminiContent[], warnings: Warning[]): void {
  // A model turn that ends the conversation is answered by the caller's next request: only user turns are looked at.
  let unanswered = 0;
  let unasked = 0;
  contents.forEach((content, index) => {
    if (content.role !== 'user') return;
    const previous = contents[index - 1];
    const calls = previous?.role === 'model' ? previous.parts.map(callOf).filter((call) => call !== undefined) : [];
    const responses = content.parts.map(responseOf).filter((response) => response !== undefined);
    const claim = (found: number): boolean => found !== -1 && responses.splice(found, 1).length === 1;
    const withoutId = calls.filter((call) => !(call['id'] !== undefined && claim(responses.findIndex((response) => response['id'] === call['id']))));
    const withoutAnswer = new Set(withoutId.filter((call) => !claim(responses.findIndex((response) => response['name'] === call['name']))));
    const unclaimed = new Set(responses);
    content.parts = content.parts.flatMap((part) => {
      const response = responseOf(part);
      return response !== undefined && unclaimed.has(response) ? responseAsText(response) : [part];
    });
    unasked += unclaimed.size;
    const added: JsonObject[] = calls
      .filter((call) => withoutAnswer.has(call))
      .map((call) => ({ functionResponse: { ...(call['id'] === undefined ? {} : { id: call['id'] }), name: call['name'], response: unansweredCallResult } }));
    unanswered += added.length;
    const afterResponses = content.parts.findLastIndex((part) => responseOf(part) !== undefined) + 1;
    content.parts.splice(afterResponses, 0, ...added);
  });
  if (unasked > 0) {
    warnings.push({
      type: 'compatibility',
      feature: 'tool_result.position',
      message: `${unasked} tool result(s) answered no function call of the turn before them, which Gemini refuses; each was sent as user text.`,
    });
  }
  if (unanswered === 0) return;
  warnings.push({
    type: 'compatibility',
    feature: 'tool_result.missing',
    message: `${unanswered} function call(s) had no result; Gemini needs one for each call, so each was answered with the error "${unansweredCallResult.error}".`,
  });
}
