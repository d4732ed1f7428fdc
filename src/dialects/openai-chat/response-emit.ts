/**
 * `ChatResponse` → the `chat.completion` body OpenAI clients expect: one choice (then the
 * upstream's other choices as they came, where it gave several: response-parse.ts), `content` and
 * `refusal` always present (null when empty), usage always complete. `logprobs` is the Chat
 * upstream's own where it came from one, else those of the text and refusal parts, else null.
 * Reference: https://platform.openai.com/docs/api-reference/chat/object
 */
import type { EmitResponseContext } from '../../interlingua/dialect.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { generateId } from '../../core/ids.js';
import type { WireChatCompletion, WireToolCall } from './wire-types.js';
import { emitFinishReason } from './finish-reason.js';
import { emitUsage } from './usage.js';
import { mergeVendorFields, ownVendor } from './vendor.js';
import { isRefusal } from '../openai-family/refusal-part.js';
import { isRecord } from './wire-parse.js';
import { reasoningDetails } from './reasoning-details.js';
import { chatAnnotations, type WireUrlCitationAnnotation } from './url-citations.js';
import type { TokenLogprob } from '../../interlingua/content.js';
import { chatTokenLogprobs } from '../openai-family/token-logprobs.js';
import { pushAll } from '../../core/push-all.js';

const completionKeys = new Set(['id', 'object', 'created', 'model', 'choices', 'usage']);
const choiceKeys = new Set(['index', 'message', 'finish_reason']);
const messageKeys = new Set(['role', 'content', 'refusal', 'tool_calls', 'reasoning_content', 'reasoning_details']);
const toolCallKeys = new Set(['id', 'type', 'function']);

export function emitResponse(response: ChatResponse, context: EmitResponseContext): WireChatCompletion {
  let text: string | null = null;
  let refusal: string | null = null;
  let reasoning = '';
  const toolCalls: WireToolCall[] = [];
  const annotations: WireUrlCitationAnnotation[] = [];
  const logprobs: { content?: TokenLogprob[]; refusal?: TokenLogprob[] } = {};
  for (const part of response.content) {
    switch (part.type) {
      case 'text':
        if (isRefusal(part.vendor)) {
          refusal = (refusal ?? '') + part.text;
          // Appended in place: a copy per part made many parts quadratic (20,000 parts held the event loop 2.7 s).
          if (part.logprobs !== undefined) pushAll((logprobs.refusal ??= []), part.logprobs);
        } else {
          if (part.citations !== undefined) pushAll(annotations, chatAnnotations(part.citations, text?.length ?? 0));
          text = (text ?? '') + part.text;
          if (part.logprobs !== undefined) pushAll((logprobs.content ??= []), part.logprobs);
        }
        break;
      case 'reasoning':
        reasoning += part.text;
        break;
      case 'tool-call': {
        const call: WireToolCall = { id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } };
        mergeVendorFields(call, ownVendor(part.vendor), toolCallKeys);
        toolCalls.push(call);
        break;
      }
      default: {
        const unhandled: never = part;
        throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
      }
    }
  }

  const vendor = ownVendor(response.vendor);
  const section = (name: string): Record<string, unknown> | undefined => {
    const value = vendor?.[name];
    return isRecord(value) ? value : undefined;
  };

  const message: WireChatCompletion['choices'][number]['message'] = { role: 'assistant', content: text, refusal };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (annotations.length > 0) message['annotations'] = annotations;
  // Not an OpenAI field, but the one DeepSeek-style clients read; only written when there is reasoning.
  if (reasoning !== '') message.reasoning_content = reasoning;
  const details = reasoningDetails(response.content);
  if (details !== undefined) message['reasoning_details'] = details;
  mergeVendorFields(message, section('message'), messageKeys);

  const choice: WireChatCompletion['choices'][number] = {
    index: 0,
    message,
    logprobs: section('choice')?.['logprobs'] ?? wireLogprobs(logprobs),
    finish_reason: emitFinishReason(response.finishReason),
  };
  mergeVendorFields(choice, section('choice'), choiceKeys);

  const completion: WireChatCompletion = {
    id: response.id !== '' ? response.id : generateId('chatcmpl-'),
    object: 'chat.completion',
    created: response.created ?? Math.floor(Date.now() / 1000),
    model: context.requestedModel,
    choices: [choice, ...otherChoices(vendor)],
    usage: emitUsage(response.usage),
  };
  mergeVendorFields(completion, section('response'), completionKeys);
  return completion;
}

/** `{content, refusal}` (`Choice.Logprobs` in node_modules/openai/resources/chat/completions/completions.d.ts), or null when no part had any. */
function wireLogprobs(logprobs: { content?: TokenLogprob[]; refusal?: TokenLogprob[] }): unknown {
  if (logprobs.content === undefined && logprobs.refusal === undefined) return null;
  return {
    content: logprobs.content === undefined ? null : chatTokenLogprobs(logprobs.content),
    refusal: logprobs.refusal === undefined ? null : chatTokenLogprobs(logprobs.refusal),
  };
}

function otherChoices(vendor: Record<string, unknown> | undefined): WireChatCompletion['choices'] {
  const others = vendor?.['otherChoices'];
  return Array.isArray(others) ? (others as WireChatCompletion['choices']) : [];
}
