/**
 * Interlingua response → the non-streamed `/api/generate` answer an Ollama client expects: the
 * caller's model name, `created_at` now, the text as `response`, reasoning as `thinking` (none
 * after `think: false`: ../ollama-family/thinking-shown.ts), every count and timing a number (the
 * gateway's own measurements when the answer did not come from Ollama:
 * ../ollama-family/measured-durations.ts) and `done_reason` as
 * `/api/chat` writes it. Unmodelled fields of an Ollama answer (`context` from a generate
 * upstream, `logprobs` from either) come back. A tool call, which generate has no place for, is
 * written into the text (src/core/tool-call-text.ts) rather than dropped.
 */
import type { EmitResponseContext } from '../../interlingua/dialect.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { toolCallText } from '../../core/tool-call-text.js';
import { emitDoneReason } from '../ollama-family/finish-reason.js';
import { answerLogprobs } from '../ollama-family/logprobs.js';
import { mergeExtra } from '../ollama-family/json-value.js';
import { emitMetrics } from '../ollama-family/usage.js';
import { wholeAnswerDurations } from '../ollama-family/measured-durations.js';
import { thinkingShown } from '../ollama-family/thinking-shown.js';
import { ollamaVendorName } from '../ollama-family/vendor-slice.js';
import { dialectName, readExtra } from './vendor.js';
import type { WireGenerateResponseOut } from './wire-types.js';

const ownedFields = new Set(['model', 'created_at', 'response', 'thinking', 'done', 'done_reason', ...Object.keys(emitMetrics({}))]);

export function emitGenerateResponse(response: ChatResponse, context: EmitResponseContext): WireGenerateResponseOut {
  let text = '';
  let thinking = '';
  const showsThinking = thinkingShown(context.request);
  for (const part of response.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') thinking += showsThinking ? part.text : '';
    else text += toolCallText(part.name, part.arguments, text !== '');
  }
  const body: WireGenerateResponseOut = {
    model: context.requestedModel,
    created_at: new Date().toISOString(),
    response: text,
    ...(thinking === '' ? {} : { thinking }),
    done: true,
    done_reason: emitDoneReason(response.finishReason),
    ...emitMetrics(response.usage, wholeAnswerDurations(context.startedAt)),
  };
  mergeExtra(body, readExtra(response.vendor, dialectName), ownedFields);
  mergeExtra(body, readExtra(response.vendor, ollamaVendorName), ownedFields);
  // Tokens another vendor's model was asked for (../ollama-family/logprobs.ts), where an Ollama upstream's own list did not come back.
  if (body['logprobs'] === undefined) {
    const logprobs = answerLogprobs(response.content);
    if (logprobs !== undefined) body['logprobs'] = logprobs;
  }
  return body;
}
