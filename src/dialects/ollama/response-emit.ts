/**
 * Interlingua response → the non-streamed `/api/chat` answer an Ollama client expects: the
 * caller's model name, `created_at` now, every count and timing a number (the gateway's own
 * measurements when the answer did not come from Ollama: ../ollama-family/measured-durations.ts),
 * and `done_reason` `stop` or `length` (a tool call is a `stop` in Ollama).
 * Text parts are joined as a stream of the same answer would have been; so are reasoning parts,
 * unless the caller sent `think: false` (../ollama-family/thinking-shown.ts). Tool calls are
 * numbered in `function.index`, as Ollama numbers them (api/types.go `ToolCallFunction.Index`;
 * fixtures/ollama/chat-response-qwen3.5-thinking-parallel-tool-calls.json has 0 and 1).
 */
import type { EmitResponseContext } from '../../interlingua/dialect.js';
import type { AssistantPart } from '../../interlingua/content.js';
import type { ChatResponse } from '../../interlingua/response.js';
import type { Warning } from '../../interlingua/warning.js';
import { emitDoneReason } from '../ollama-family/finish-reason.js';
import { answerLogprobs } from '../ollama-family/logprobs.js';
import { mergeExtra } from '../ollama-family/json-value.js';
import { emitToolCall } from './messages-emit.js';
import { emitMetrics } from '../ollama-family/usage.js';
import { wholeAnswerDurations } from '../ollama-family/measured-durations.js';
import { thinkingShown } from '../ollama-family/thinking-shown.js';
import { readExtra } from './vendor.js';
import type { WireAssistantMessageOut, WireChatResponseOut } from './wire-types.js';

const ownedFields = new Set(['model', 'created_at', 'message', 'done', 'done_reason', ...Object.keys(emitMetrics({}))]);

export function emitOllamaResponse(response: ChatResponse, context: EmitResponseContext): WireChatResponseOut {
  const body: WireChatResponseOut = {
    model: context.requestedModel,
    created_at: new Date().toISOString(),
    message: assistantMessage(response.content, thinkingShown(context.request)),
    done: true,
    done_reason: emitDoneReason(response.finishReason),
    ...emitMetrics(response.usage, wholeAnswerDurations(context.startedAt)),
  };
  mergeExtra(body, readExtra(response.vendor), ownedFields);
  // Tokens another vendor's model was asked for (../ollama-family/logprobs.ts), where an Ollama upstream's own list did not come back.
  if (body['logprobs'] === undefined) {
    const logprobs = answerLogprobs(response.content);
    if (logprobs !== undefined) body['logprobs'] = logprobs;
  }
  return body;
}

function assistantMessage(content: readonly AssistantPart[], showsThinking: boolean): WireAssistantMessageOut {
  let text = '';
  let thinking = '';
  // A response has no channel for warnings; unparsable arguments are still wrapped, not lost.
  const ignored: Warning[] = [];
  const toolCalls = [];
  for (const part of content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') thinking += part.text;
    else {
      const call = emitToolCall(part.id, part.name, part.arguments, part.vendor, ignored);
      call.function.index ??= toolCalls.length;
      toolCalls.push(call);
    }
  }
  const message: WireAssistantMessageOut = { role: 'assistant', content: text };
  if (thinking !== '' && showsThinking) message.thinking = thinking;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}
