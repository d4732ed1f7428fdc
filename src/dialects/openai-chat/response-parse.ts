/**
 * An upstream's `chat.completion` body → `ChatResponse`. Only the first choice is read (the
 * interlingua holds one answer); the others (`n` above 1) are kept as they came in
 * `vendor['openai-chat'].otherChoices`, so an OpenAI Chat caller gets every one back. Fields it does not model are kept in `vendor['openai-chat']`
 * under `response` / `choice` / `message`, so `emitResponse` can write them back. The message's
 * `url_citation` annotations also become URL citations of its text (url-citations-read.ts), and
 * the choice's `logprobs` the token log probabilities of its text and refusal (they stay in the
 * choice's vendor fields as well, so a Chat caller gets them back exactly as they came). Azure's
 * `prompt_filter_results` and `content_filter_results` are such fields; a caller of another
 * dialect is told once that they were left out (azure-filter-results.ts).
 * Reference: https://platform.openai.com/docs/api-reference/chat/object
 */
import { chunkTexts } from './content-chunks.js';
import type { AssistantPart, TextPart } from '../../interlingua/content.js';
import type { FinishReason } from '../../interlingua/finish-reason.js';
import type { ChatResponse } from '../../interlingua/response.js';
import { generateId } from '../../core/ids.js';
import { errorFromWire } from './errors.js';
import { parseFinishReason } from './finish-reason.js';
import { completionSchema, errorBodySchema, type WireCompletionMessage } from './response-schema.js';
import { parseUsage } from './usage.js';
import { asVendor, dialectName, refusalPartType } from './vendor.js';
import { isRecord, parseWire } from './wire-parse.js';
import { extraFields } from '../../wire/extra-fields.js';
import { ContentCitations } from './url-citations-read.js';
import { readTokenLogprobs } from '../openai-family/token-logprobs.js';
import { unportedOutputKey } from '../../core/unported-output.js';
import { filterResultsLeftOut, hasFilterResults } from './azure-filter-results.js';

const responseFields = new Set(['id', 'object', 'created', 'model', 'choices', 'usage']);
const choiceFields = new Set(['index', 'message', 'finish_reason', 'finish_details']);
const messageFields = new Set(['role', 'content', 'refusal', 'reasoning_content', 'reasoning', 'tool_calls', 'function_call']);
const toolCallFields = new Set(['id', 'type', 'function']);

export function parseResponse(body: unknown): ChatResponse {
  if (isRecord(body) && body['error'] != null) {
    const failure = errorBodySchema.safeParse(body);
    if (failure.success) throw errorFromWire(failure.data.error, JSON.stringify(body));
  }
  const wire = parseWire(completionSchema, body, '', 'upstream_error');
  const [firstChoice] = wire.choices;
  const choice = wire.choices.find((candidate) => (candidate.index ?? 0) === 0) ?? firstChoice;
  if (choice === undefined) throw new Error('unreachable: choices has at least one element');

  const citations = new ContentCitations();
  // Kept in the message's vendor fields as well, so a Chat caller gets every annotation back as it was.
  citations.add(choice.message['annotations']);
  const content = messageParts(choice.message, citations, choice['logprobs']);
  const response: ChatResponse = {
    id: wire.id != null && wire.id !== '' ? wire.id : generateId('chatcmpl-'),
    model: wire.model ?? '',
    content,
    finishReason: finishReasonOf(choice.finish_reason, choice.finish_details?.type, content.some((part) => part.type === 'tool-call')),
    usage: wire.usage == null ? {} : parseUsage(wire.usage),
  };
  if (wire.created != null) response.created = wire.created;

  const vendorFields: Record<string, unknown> = {};
  const responseExtras = extraFields(wire, responseFields);
  const choiceExtras = extraFields(choice, choiceFields);
  const messageExtras = extraFields(choice.message, messageFields);
  if (responseExtras !== undefined) vendorFields['response'] = responseExtras;
  if (choiceExtras !== undefined) vendorFields['choice'] = choiceExtras;
  if (messageExtras !== undefined) vendorFields['message'] = messageExtras;
  const unported = citations.unported() ?? {};
  if (hasFilterResults(wire, choice)) unported[unportedOutputKey] = [...(unported[unportedOutputKey] ?? []), filterResultsLeftOut];
  Object.assign(vendorFields, unported);
  const others = otherChoices(body, wire.choices.indexOf(choice));
  if (others.length > 0) vendorFields['otherChoices'] = others;
  const vendor = asVendor(vendorFields);
  if (vendor !== undefined) response.vendor = vendor;
  return response;
}

/** The body's choices but the one read, as the upstream wrote them. */
function otherChoices(body: unknown, read: number): unknown[] {
  const choices = isRecord(body) ? body['choices'] : undefined;
  return Array.isArray(choices) ? choices.filter((_choice, position) => position !== read) : [];
}

/**
 * Reasoning first, then text, then calls: the order the model produced them in. Each text part of
 * `content` takes the citations that fall in it.
 */
function messageParts(message: WireCompletionMessage, citations: ContentCitations, logprobs: unknown): AssistantPart[] {
  const parts: AssistantPart[] = [];
  // `{content, refusal}`: the tokens of all of `content`, which go on its first text part, and of the refusal.
  let contentLogprobs = isRecord(logprobs) ? readTokenLogprobs(logprobs['content']) : undefined;
  const refusalLogprobs = isRecord(logprobs) ? readTokenLogprobs(logprobs['refusal']) : undefined;
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (reasoning != null && reasoning !== '') parts.push({ type: 'reasoning', text: reasoning });
  let offset = 0;
  const addText = (text: string): void => {
    const part: TextPart = { type: 'text', text };
    const cited = citations.take(offset, text.length);
    if (cited !== undefined) part.citations = cited;
    if (contentLogprobs !== undefined) part.logprobs = contentLogprobs;
    contentLogprobs = undefined;
    offset += text.length;
    parts.push(part);
  };
  if (typeof message.content === 'string') {
    if (message.content !== '') addText(message.content);
  } else if (message.content != null) {
    for (const piece of chunkTexts(message.content)) {
      if (piece.kind === 'text') addText(piece.text);
      else parts.push({ type: 'reasoning', text: piece.text });
    }
  }
  if (message.refusal != null && message.refusal !== '') {
    const refusal: TextPart = { type: 'text', text: message.refusal, vendor: { [dialectName]: { partType: refusalPartType } } };
    if (refusalLogprobs !== undefined) refusal.logprobs = refusalLogprobs;
    parts.push(refusal);
  }
  for (const call of message.tool_calls ?? []) {
    if (call.function == null) continue;
    // Gemini's OpenAI-compatible endpoint sends `id: ""` (fixtures/openai-compat/pa-gemini-openai-compat-tool-calls.i0.response.json).
    const id = call.id != null && call.id !== '' ? call.id : generateId('call_');
    const vendor = asVendor(extraFields(call, toolCallFields));
    const part: AssistantPart = { type: 'tool-call', id, name: call.function.name, arguments: call.function.arguments };
    if (vendor !== undefined) part.vendor = vendor;
    parts.push(part);
  }
  if (message.function_call != null) {
    const { name, arguments: args } = message.function_call;
    parts.push({ type: 'tool-call', id: generateId('call_'), name, arguments: args });
  }
  return parts;
}

function finishReasonOf(raw: string | null | undefined, legacyType: string | undefined, madeToolCalls: boolean): FinishReason {
  if (raw != null) return parseFinishReason(raw, madeToolCalls);
  if (legacyType === 'max_tokens') return { unified: 'length', raw: legacyType };
  if (legacyType === 'stop') return { unified: 'stop', raw: legacyType };
  return legacyType === undefined ? { unified: 'other' } : { unified: 'other', raw: legacyType };
}
