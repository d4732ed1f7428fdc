/**
 * A non-streamed `/api/chat` answer → interlingua response. Ollama gives no response id, so one
 * is made; `created_at` (RFC 3339 with nanoseconds) becomes Unix seconds.
 * Example: fixtures/ollama/chat-response-qwen3.5-thinking-parallel-tool-calls.json. Top-level
 * `logprobs` (asked with `logprobs: true`) go on the text they spell.
 */
import type { AssistantPart } from '../../interlingua/content.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { InterlinguaError } from '../../interlingua/error.js';
import { generateId } from '../../core/ids.js';
import { answerToolCall } from './answer-tool-call.js';
import { parseWire } from '../ollama-family/json-value.js';
import { parseDoneReason } from '../ollama-family/finish-reason.js';
import { parseCreatedAt } from '../ollama-family/created-at.js';
import { parseUsage } from '../ollama-family/usage.js';
import { dialectName } from './vendor.js';
import { wireChatResponseSchema } from './wire-schema.js';
import { extraFields } from '../../wire/extra-fields.js';
import { readOllamaLogprobs, tokensSpelling } from '../ollama-family/logprobs.js';

const responseFields = new Set([
  'model', 'created_at', 'message', 'done', 'done_reason', 'error',
  'total_duration', 'load_duration', 'prompt_eval_count', 'prompt_eval_duration', 'eval_count', 'eval_duration',
]);

export function parseOllamaResponse(body: unknown): ChatResponse {
  const wire = parseWire(wireChatResponseSchema, body, 'upstream_error');
  if (wire.error !== undefined && wire.error !== null) {
    throw new InterlinguaError('upstream_error', typeof wire.error === 'string' ? wire.error : JSON.stringify(wire.error));
  }
  if (wire.message == null) throw new InterlinguaError('upstream_error', 'Ollama sent an answer without a message; it is not an /api/chat answer.');
  const content: AssistantPart[] = [];
  const thinking = wire.message.thinking ?? '';
  if (thinking !== '') content.push({ type: 'reasoning', text: thinking });
  const text = wire.message.content ?? '';
  if (text !== '') {
    // The answer's tokens spell its thinking and calls too: the text takes the run that spells it
    // (../ollama-family/logprobs.ts). The wire list stays in `extra` for an Ollama caller.
    const tokens = readOllamaLogprobs(wire['logprobs']);
    const own = tokens === undefined ? undefined : tokensSpelling(text, tokens);
    content.push(own === undefined ? { type: 'text', text } : { type: 'text', text, logprobs: own });
  }
  const calls = wire.message.tool_calls ?? [];
  for (const call of calls) content.push({ type: 'tool-call', ...answerToolCall(call) });
  const response: ChatResponse = {
    id: generateId('resp_'),
    model: wire.model ?? '',
    content,
    finishReason: parseDoneReason(wire.done_reason ?? undefined, calls.length > 0),
    usage: parseUsage(wire),
  };
  const created = parseCreatedAt(wire.created_at ?? undefined);
  if (created !== undefined) response.created = created;
  const extra = extraFields(wire, responseFields);
  if (extra !== undefined) response.vendor = { [dialectName]: { extra } };
  return response;
}
