/**
 * Assistant parts → model-side items, for a response's `output` and for assistant turns replayed
 * in a request's `input`. Consecutive text parts share one `message` item (split where the item
 * they came from changes); a tool call is a `function_call` item; reasoning is a `reasoning` item.
 * In a response every item has an id and a status (the SDK types require them, and OpenAI's ids
 * are `msg_…`, `fc_…`, `rs_…`); in a request they appear only as the caller had them.
 * Reference: node_modules/openai/resources/responses/responses.d.ts (`ResponseOutputItem`).
 */
import type { AssistantPart, ReasoningPart, TextPart, ToolCallPart } from '../../interlingua/content.js';
import type { Warning } from '../../interlingua/warning.js';
import { generateId } from '../../core/ids.js';
import { carrierValue } from '../../core/signature-envelope.js';
import { splitReasoningText } from './reasoning-text.js';
import { customInput, wireToolName, type NamespacedName } from './tool-kinds.js';
import { dialectName, mergeVendorFields, ownVendor, recordField, refusalPartType, stringField } from './vendor.js';
import type { FittedToolCallIds } from '../../core/tool-call-id-fit.js';
import { responsesAnnotations } from './url-citations.js';
import { responsesPartLogprobs } from '../openai-family/token-logprobs.js';
import { holdsWarning, sameFeature } from '../../core/warning-once.js';
import { isRefusal } from '../openai-family/refusal-part.js';

export interface ItemEmitOptions {
  target: 'response' | 'request';
  /** Whether item ids go out (a request to an upstream with `store: false` must not carry them). */
  keepIds: boolean;
  /** The status of items in a response: `incomplete` when the answer was cut off. */
  status?: 'completed' | 'incomplete';
  /** The caller's namespaced functions: their calls are written as name plus namespace (tool-kinds.ts). */
  toolNames?: ReadonlyMap<string, NamespacedName>;
  /** The caller's custom tools: their calls are written as `custom_tool_call` items with the text as `input`. */
  customNames?: ReadonlySet<string>;
  /** In a response: whether another vendor's signature goes out as `encrypted_content` (see reasoning-carrier.ts). */
  carrySignatures?: boolean;
  /** In a request: the call ids as the upstream takes them (input-emit.ts). */
  callIds?: FittedToolCallIds;
}

export type WireItem = Record<string, unknown> & { type: string };

/** Vendor keys that describe the interlingua mapping, never wire fields. */
const metaKeys = ['item', 'partType', 'lengths', 'textFrom'];
const messageOwned = new Set(['id', 'type', 'role', 'status', 'content', ...metaKeys]);
const textPartOwned = new Set(['type', 'text', 'refusal', 'annotations', 'logprobs', ...metaKeys]);
const callOwned = new Set(['id', 'type', 'status', 'call_id', 'name', 'namespace', 'arguments', 'input', ...metaKeys]);
const reasoningOwned = new Set(['id', 'type', 'summary', 'encrypted_content', ...metaKeys]);

export function emitAssistantItems(parts: readonly AssistantPart[], options: ItemEmitOptions, warnings?: Warning[]): WireItem[] {
  const items: WireItem[] = [];
  let texts: TextPart[] = [];
  const flushTexts = () => {
    if (texts.length > 0) items.push(messageItem(texts, options));
    texts = [];
  };
  for (const part of parts) {
    switch (part.type) {
      case 'text': {
        const previous = texts.at(-1);
        if (previous !== undefined && itemIdOf(previous) !== itemIdOf(part)) flushTexts();
        texts.push(part);
        break;
      }
      case 'tool-call':
        flushTexts();
        items.push(functionCallItem(part, options));
        break;
      case 'reasoning': {
        flushTexts();
        const item = reasoningItem(part, options);
        if (item !== undefined) items.push(item);
        else if (options.target === 'request') {
          warnReasoningHistory(warnings, 'Reasoning from earlier assistant turns was left out: OpenAI only takes back reasoning it issued itself (with its encrypted_content, or its id when store is on).');
        }
        break;
      }
      default: {
        const unhandled: never = part;
        throw new Error(`unhandled part ${JSON.stringify(unhandled)}`);
      }
    }
  }
  flushTexts();
  return options.target === 'request' ? withoutUnfollowedReasoning(items, warnings) : items;
}

/**
 * In a request, OpenAI takes a reasoning item only with the item the model produced after it:
 * "Item 'rs_…' of type 'reasoning' was provided without its required following item."
 * (https://github.com/continuedev/continue/issues/8933; an orphan left by a hand-off in
 * https://github.com/openai/openai-agents-python/issues/2503). A turn cut off while thinking (only a
 * thinking block, as Claude Code keeps it) has nothing after its reasoning, so the reasoning that
 * no message or call follows within its turn is left out.
 */
function withoutUnfollowedReasoning(items: WireItem[], warnings: Warning[] | undefined): WireItem[] {
  const followed = items.filter((item, index) => item.type !== 'reasoning' || (items[index + 1] !== undefined && items[index + 1]?.type !== 'reasoning'));
  if (followed.length === items.length) return items;
  warnReasoningHistory(warnings, 'Reasoning that no answer or tool call followed in its assistant turn was left out: OpenAI takes a reasoning item only with the item it led to.');
  return followed;
}

/** One `reasoning.history` warning per request, whichever reasoning was left out first. */
function warnReasoningHistory(warnings: Warning[] | undefined, message: string): void {
  if (warnings === undefined || holdsWarning(warnings, 'reasoning.history', sameFeature)) return;
  warnings.push({ type: 'compatibility', feature: 'reasoning.history', message });
}

function itemIdOf(part: TextPart): string | undefined {
  return stringField(recordField(ownVendor(part.vendor), 'item'), 'id');
}

function withId(item: WireItem, id: string | undefined, prefix: string, options: ItemEmitOptions): WireItem {
  if (options.target === 'response') return { id: id ?? generateId(prefix), ...item };
  return options.keepIds && id !== undefined ? { ...item, id } : item;
}

function messageItem(texts: readonly TextPart[], options: ItemEmitOptions): WireItem {
  const [first] = texts;
  const itemFields = recordField(ownVendor(first?.vendor), 'item');
  const content = texts.map((part) => contentPart(part, options));
  let item: WireItem =
    options.target === 'response'
      ? { type: 'message', status: options.status ?? 'completed', content, role: 'assistant' }
      : { type: 'message', role: 'assistant', content };
  item = withId(item, stringField(itemFields, 'id'), 'msg_', options);
  mergeVendorFields(item, itemFields, messageOwned);
  if (options.target === 'request' && typeof itemFields?.['status'] === 'string') item['status'] = itemFields['status'];
  return item;
}

/**
 * In a response, a refusal from either OpenAI dialect (a Chat upstream's `message.refusal`) is a
 * `refusal` part, as the stream encoder writes it (openai-family/refusal-part.ts); in a request only
 * this dialect's own, as it came.
 */
function contentPart(part: TextPart, options: ItemEmitOptions): Record<string, unknown> {
  const vendor = ownVendor(part.vendor);
  if (options.target === 'response' ? isRefusal(part.vendor) : vendor?.['partType'] === refusalPartType) {
    const refusal: Record<string, unknown> = { type: 'refusal', refusal: part.text };
    mergeVendorFields(refusal, vendor, textPartOwned);
    return refusal;
  }
  // A Responses upstream's own annotations come back as they were; another vendor's citations are written as OpenAI's.
  const annotations = Array.isArray(vendor?.['annotations']) ? vendor['annotations'] : responsesAnnotations(part.citations ?? []);
  const wire: Record<string, unknown> = { type: 'output_text', annotations, text: part.text };
  // Token log probabilities, from a Responses upstream or another (a Chat upstream's `choices[].logprobs.content`).
  if (part.logprobs !== undefined) wire['logprobs'] = responsesPartLogprobs(part.logprobs);
  mergeVendorFields(wire, vendor, textPartOwned);
  return wire;
}

/** A `function_call` item, or a `custom_tool_call` for a custom tool (its `ctc_` id as in openai/codex's own items). */
function functionCallItem(part: ToolCallPart, options: ItemEmitOptions): WireItem {
  const vendor = ownVendor(part.vendor);
  const name = wireToolName(options.toolNames, part.name);
  const custom = options.customNames?.has(part.name) === true;
  const payload = custom ? { input: customInput(part.arguments) } : { arguments: part.arguments };
  const type = custom ? 'custom_tool_call' : 'function_call';
  let item: WireItem =
    options.target === 'response' ? { type, status: 'completed', ...payload, call_id: part.id, ...name } : { type, call_id: options.callIds?.wire(part.id) ?? part.id, ...name, ...payload };
  item = withId(item, stringField(vendor, 'id'), custom ? 'ctc_' : 'fc_', options);
  mergeVendorFields(item, vendor, callOwned);
  if (options.target === 'request' && typeof vendor?.['status'] === 'string') item['status'] = vendor['status'];
  return item;
}

/**
 * A reasoning part as an item. In a response any reasoning with text, or OpenAI's own encrypted
 * content, is shown; another vendor's signature (or redacted data) goes in `encrypted_content`
 * inside an envelope when the caller asked for encrypted content (core/signature-envelope.ts).
 * In a request OpenAI only takes reasoning it can verify: its own `encrypted_content`, or (with
 * `store` on) the id of an item it kept; anything else is left out.
 */
function reasoningItem(part: ReasoningPart, options: ItemEmitOptions): WireItem | undefined {
  const own = part.signatureOrigin === dialectName;
  const vendor = own ? ownVendor(part.vendor) : undefined;
  const encrypted = own ? nonEmpty(part.signature) : options.target === 'response' && options.carrySignatures === true ? carriedSignature(part) : undefined;
  const id = stringField(vendor, 'id');
  if (options.target === 'request' && encrypted === undefined && !(options.keepIds && id !== undefined)) return undefined;
  if (options.target === 'response' && encrypted === undefined && part.text === '' && id === undefined) return undefined;
  const texts = splitReasoningText(part.text, vendor?.['lengths']);
  let item: WireItem;
  if (vendor?.['textFrom'] === 'content') {
    item = { type: 'reasoning', summary: [], content: texts.map((text) => ({ type: 'reasoning_text', text })) };
  } else {
    item = { type: 'reasoning', summary: texts.map((text) => ({ type: 'summary_text', text })) };
  }
  item = withId(item, id, 'rs_', options);
  if (encrypted !== undefined) item['encrypted_content'] = encrypted;
  mergeVendorFields(item, vendor, reasoningOwned);
  return item;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Another vendor's signature or redacted data, in its envelope. */
function carriedSignature(part: ReasoningPart): string | undefined {
  if (part.redactedData !== undefined) return carrierValue(dialectName, part.signatureOrigin, 'redacted', part.redactedData);
  const signature = nonEmpty(part.signature);
  return signature === undefined ? undefined : carrierValue(dialectName, part.signatureOrigin, 'signature', signature);
}
