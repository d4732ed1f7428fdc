/**
 * Model-side items (`message` from the assistant, `function_call`, `reasoning`) → assistant parts.
 * Shared by the response parser (a response's `output`) and the request parser (the same items
 * replayed in a caller's `input`); only the error code differs.
 */
import type { AssistantPart, ReasoningPart, TextPart, ToolCallPart } from '../../interlingua/content.js';
import { readCarrier } from '../../core/signature-envelope.js';
import { joinReasoningTexts } from './reasoning-text.js';
import {
  customToolCallItemSchema,
  functionCallItemSchema,
  messageItemSchema,
  reasoningItemSchema,
  refusalPartSchema,
  textPartSchema,
} from './item-schema.js';
import { dialectName, refusalPartType, withVendor } from './vendor.js';
import { parseWire, type ParseErrorCode } from './wire-parse.js';
import { customArguments, qualifiedName } from './tool-kinds.js';
import { extraFields } from '../../wire/extra-fields.js';
import { partCitations } from './url-citations-read.js';
import { readTokenLogprobs } from '../openai-family/token-logprobs.js';

const messageFields = new Set(['type', 'role', 'content']);
const textPartFields = new Set(['type', 'text', 'annotations', 'logprobs']);
const refusalPartFields = new Set(['type', 'refusal']);
const functionCallFields = new Set(['type', 'call_id', 'name', 'namespace', 'arguments']);
const customCallFields = new Set(['type', 'call_id', 'name', 'namespace', 'input']);
const reasoningFields = new Set(['type', 'summary', 'encrypted_content']);

/** An assistant `message` item → one text part per content part, each remembering its item. */
export function parseAssistantMessage(raw: unknown, path: string, code: ParseErrorCode): TextPart[] {
  const item = parseWire(messageItemSchema, raw, path, code);
  const itemFields = extraFields(item, messageFields);
  const itemVendor = itemFields === undefined ? undefined : { item: itemFields };
  if (typeof item.content === 'string') return [withVendor<TextPart>({ type: 'text', text: item.content }, itemVendor)];
  const parts: TextPart[] = [];
  item.content.forEach((head, index) => {
    const partPath = `${path}.content[${index}]`;
    if (head.type === 'refusal') {
      const part = parseWire(refusalPartSchema, head, partPath, code);
      const fields = { ...itemVendor, ...extraFields(part, refusalPartFields), partType: refusalPartType };
      parts.push(withVendor<TextPart>({ type: 'text', text: part.refusal }, fields));
      return;
    }
    // Only text is model output; anything else in an assistant message has no interlingua form.
    if (head.type !== 'output_text' && head.type !== 'input_text') return;
    const part = parseWire(textPartSchema, head, partPath, code);
    const fields: Record<string, unknown> = { ...itemVendor, ...extraFields(part, textPartFields) };
    // `annotations: []` is the normal case; only citations are worth keeping, as they were for a
    // Responses caller, and as URL citations of the text for the others (url-citations-read.ts).
    const annotations = part['annotations'];
    if (Array.isArray(annotations) && annotations.length > 0) fields['annotations'] = annotations;
    const text = withVendor<TextPart>({ type: 'text', text: part.text }, fields);
    // Present when the caller included `message.output_text.logprobs`; `logprobs: []` is the normal case.
    const logprobs = readTokenLogprobs(part['logprobs']);
    if (logprobs !== undefined) text.logprobs = logprobs;
    const cited = Array.isArray(annotations) && annotations.length > 0 ? partCitations(annotations, part.text).citations : [];
    if (cited.length > 0) text.citations = cited;
    parts.push(text);
  });
  return parts;
}

/** A custom tool's call, as a call of the one-argument function it travels as (tool-kinds.ts). */
function parseCustomToolCall(raw: unknown, path: string, code: ParseErrorCode): ToolCallPart {
  const item = parseWire(customToolCallItemSchema, raw, path, code);
  const namespace = typeof item['namespace'] === 'string' && item['namespace'] !== '' ? item['namespace'] : undefined;
  const name = namespace === undefined ? item.name : qualifiedName(namespace, item.name);
  return withVendor<ToolCallPart>({ type: 'tool-call', id: item.call_id, name, arguments: customArguments(item.input) }, extraFields(item, customCallFields));
}

/**
 * `call_id` is the id tool results answer to; the item's own `fc_…` id stays in vendor data. A call
 * to a namespace member is named as the function it travels as (`<namespace>__<name>`, tool-kinds.ts).
 */
export function parseFunctionCall(raw: unknown, path: string, code: ParseErrorCode): ToolCallPart {
  const item = parseWire(functionCallItemSchema, raw, path, code);
  const namespace = typeof item['namespace'] === 'string' && item['namespace'] !== '' ? item['namespace'] : undefined;
  const name = namespace === undefined ? item.name : qualifiedName(namespace, item.name);
  return withVendor<ToolCallPart>(
    { type: 'tool-call', id: item.call_id, name, arguments: item.arguments },
    extraFields(item, functionCallFields),
  );
}

/**
 * The summary (or, when there is none, `reasoning_text` content) as text; `encrypted_content` as
 * the signature, which only OpenAI can read, hence `signatureOrigin`, unless it is another
 * vendor's signature the gateway handed out in an envelope (core/signature-envelope.ts), which
 * goes back to that vendor.
 */
export function parseReasoning(raw: unknown, path: string, code: ParseErrorCode): ReasoningPart {
  const item = parseWire(reasoningItemSchema, raw, path, code);
  const fields: Record<string, unknown> = { ...extraFields(item, reasoningFields) };
  const summary = item.summary ?? [];
  const content = item.content ?? [];
  let joined = joinReasoningTexts(summary.map((part) => part.text));
  if (summary.length === 0 && content.length > 0 && content.every((part) => part.type === 'reasoning_text' && part.text !== undefined)) {
    joined = joinReasoningTexts(content.map((part) => part.text ?? ''));
    delete fields['content'];
    fields['textFrom'] = 'content';
  }
  if (joined.lengths !== undefined) fields['lengths'] = joined.lengths;
  const part: ReasoningPart = { type: 'reasoning', text: joined.text, signatureOrigin: dialectName };
  if (item.encrypted_content == null || item.encrypted_content === '') return withVendor(part, fields);
  const carried = readCarrier(dialectName, item.encrypted_content);
  part.signatureOrigin = carried.origin;
  if (carried.kind === 'redacted') part.redactedData = carried.value;
  else part.signature = carried.value;
  // The item's id and summary layout were made up for the caller; only OpenAI's own items keep them.
  return carried.origin === dialectName ? withVendor(part, fields) : part;
}

/** A model-side item as parts, or undefined for an item type the interlingua cannot hold. */
export function parseModelItem(raw: unknown, type: string | undefined, path: string, code: ParseErrorCode): AssistantPart[] | undefined {
  switch (type) {
    case 'message':
      return parseAssistantMessage(raw, path, code);
    case 'function_call':
      return [parseFunctionCall(raw, path, code)];
    case 'custom_tool_call':
      return [parseCustomToolCall(raw, path, code)];
    case 'reasoning':
      return [parseReasoning(raw, path, code)];
    default:
      return undefined;
  }
}
