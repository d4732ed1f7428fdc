import type { ChatRequest } from '../../interlingua/request.js';
import type { Message } from '../../interlingua/message.js';
import { InterlinguaError } from '../../interlingua/error.js';
import type { Warning } from '../../interlingua/warning.js';
import { tupleHistoryToWireTurns, turnsToTupleHistory, type RoleTurn } from './tuple-history.js';
import type { ChatHubRequest } from './wire-types.js';
import { pushAll } from '../../core/push-all.js';
import { addWarningOnce, sameFeature } from '../../core/warning-once.js';

/**
 * What the seed's C# client sends (`TopP = 0.75f, Temperature = 0.95f`). The Python server passes
 * every field straight to ChatGLM, where 0 would mean "no sampling mass" and "divide by zero", so
 * a value is always sent.
 */
export const chatHubSamplingDefaults = { topP: 0.75, temperature: 0.95 } as const;

/** ChatGLM rejects a temperature of 0; the smallest value it takes stands in for greedy decoding. */
const lowestTemperature = 0.01;

export interface ChatHubEmitOptions {
  /** Sent as `max_length` when the caller set no limit (the provider's `defaultMaxTokens`). */
  defaultMaxLength: number;
}

/**
 * An interlingua request → a ChatHub request. The last run of user turns is the `prompt`; what
 * comes before is sent as the question/answer pairs ChatGLM takes (see tuple-history.ts), so a
 * server built like the seed's rebuilds them exactly, system prompts included. ChatHub carries
 * text only: everything else is left out with a warning.
 */
export function requestToChatHub(request: ChatRequest, options: ChatHubEmitOptions): { body: ChatHubRequest; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const warn = (type: Warning['type'], feature: string, message: string) => {
    addWarningOnce(warnings, { type, feature, message }, sameFeature);
  };
  const messages = [...request.messages];
  const promptTurns: Message[] = [];
  while (messages.at(-1)?.role === 'user') promptTurns.unshift(messages.pop() as Message);
  if (promptTurns.length === 0) {
    throw new InterlinguaError('invalid_request', 'A ChatHub upstream answers a question: the conversation must end with a user turn.', { param: 'messages' });
  }
  const turns: RoleTurn[] = [];
  const systemText = request.system.map((part) => part.text).join('\n');
  if (systemText !== '') {
    turns.push({ role: 'system', content: systemText });
    warn('compatibility', 'system', 'ChatHub has no system prompt; it is sent as a first exchange (system prompt, empty answer), as ChatGLM servers take it.');
  }
  for (const message of messages) turns.push({ role: message.role, content: messageText(message, warn) });
  const prompt = promptTurns.map((message) => messageText(message, warn)).join('\n\n');
  const body: ChatHubRequest = {
    prompt,
    history: tupleHistoryToWireTurns(turnsToTupleHistory(turns)),
    max_length: request.sampling.maxOutputTokens ?? options.defaultMaxLength,
    top_p: request.sampling.topP ?? chatHubSamplingDefaults.topP,
    temperature: request.sampling.temperature ?? chatHubSamplingDefaults.temperature,
  };
  if (request.sampling.maxOutputTokens !== undefined) {
    warn('compatibility', 'max_output_tokens', 'Sent as ChatGLM max_length, which counts the prompt as well as the answer.');
  }
  if (request.sampling.temperature !== undefined && request.sampling.temperature <= 0) {
    body.temperature = lowestTemperature;
    warn('compatibility', 'temperature', `ChatGLM takes no temperature of 0; ${lowestTemperature} was sent.`);
  }
  const { temperature: _temperature, topP: _topP, maxOutputTokens: _maxOutputTokens, ...unsupported } = request.sampling;
  for (const [name, value] of Object.entries(unsupported)) {
    if (value !== undefined) warn('unsupported', name, `ChatHub has no ${name}; it was left out.`);
  }
  if (request.tools !== undefined && request.tools.length > 0) warn('unsupported', 'tools', 'ChatHub has no tools; they were left out.');
  if (request.responseFormat?.type === 'json') warn('unsupported', 'response_format', 'ChatHub has no structured output; the format was left out.');
  if (request.reasoning !== undefined) warn('unsupported', 'reasoning', 'ChatHub has no reasoning settings; they were left out.');
  return { body, warnings };
}

/** A turn's text. Images, tool calls, tool results and reasoning have no place in ChatHub. */
function messageText(message: Message, warn: (type: Warning['type'], feature: string, message: string) => void): string {
  const texts: string[] = [];
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
        texts.push(part.text);
        break;
      case 'image':
        warn('unsupported', 'image', 'ChatHub carries text only; images were left out.');
        break;
      case 'file':
        warn('unsupported', 'file', 'ChatHub carries text only; files were left out.');
        break;
      case 'tool-call':
        warn('unsupported', 'tool_calls', 'ChatHub has no tool calls; earlier calls were left out of the history.');
        break;
      case 'tool-result':
        pushAll(texts, part.content.flatMap((item) => (item.type === 'text' ? [item.text] : [])));
        warn('compatibility', 'tool_result', 'ChatHub has no tool results; their text was sent as a user turn.');
        break;
      case 'reasoning':
        warn('unsupported', 'reasoning_history', 'ChatHub has no reasoning; earlier reasoning was left out of the history.');
        break;
      default: {
        const unhandled: never = part;
        throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
      }
    }
  }
  return texts.join('\n');
}
