/**
 * Interlingua assistant parts → Gemini `model` parts, shared by the request emitter (history)
 * and the response emitter.
 *
 * Thought signatures go back on the part they came on (https://ai.google.dev/gemini-api/docs/thought-signatures).
 * A stream delivers a text part's signature as an empty signed reasoning block right after the
 * text (see stream-decode.ts); here it is folded back onto that text part, which is how Gemini
 * itself returns it in a non-streamed answer (fixtures response-text.json vs stream-reasoning.data.ndjson).
 */
import type { AssistantPart, ReasoningPart, ToolCallPart } from '../../interlingua/content.js';
import type { Warning } from '../../interlingua/warning.js';
import { parseToolArguments } from '../../core/tool-arguments.js';
import { carriedThoughtPart, signsNextCall } from './call-signature.js';
import { setField, type JsonObject } from './json-value.js';
import { dialectName, readPartVendor } from './vendor.js';
import { pushAll } from '../../core/push-all.js';
import { holdsWarning, sameFeature } from '../../core/warning-once.js';

export type ForeignReasoning = 'drop' | 'as-thought';

/**
 * `foreignReasoning`: reasoning another vendor produced cannot be replayed to Gemini as history
 * (`drop`, reported once through `warnings`), but a Gemini caller can be shown it, its signature
 * in an envelope the caller hands back (`as-thought`, call-signature.ts): on its thought part,
 * and on the first function call after it.
 */
export function assistantPartsToGemini(parts: readonly AssistantPart[], foreignReasoning: ForeignReasoning, warnings: Warning[]): JsonObject[] {
  const wire: JsonObject[] = [];
  let previousText: JsonObject | undefined;
  let callSignature: string | undefined;
  /** Another vendor's envelope since the last call, which the next call carries too (call-signature.ts). */
  let carried: string | undefined;
  parts.forEach((part, index) => {
    switch (part.type) {
      case 'text': {
        const vendor = readPartVendor(part.vendor);
        if (isEmptyText(part.text, vendor.thoughtSignature)) return;
        const text: JsonObject = { text: part.text };
        if (vendor.thoughtSignature !== undefined) text['thoughtSignature'] = vendor.thoughtSignature;
        appendExtra(text, vendor.extra);
        wire.push(text);
        previousText = vendor.thoughtSignature === undefined ? text : undefined;
        return;
      }
      case 'reasoning': {
        if (signsNextCall(part, parts[index + 1])) {
          callSignature = part.signature;
          return;
        }
        const emitted = reasoningToGemini(part, foreignReasoning, previousText, warnings);
        if (emitted !== undefined) wire.push(emitted);
        if (part.signatureOrigin !== dialectName && typeof emitted?.['thoughtSignature'] === 'string') carried = emitted['thoughtSignature'];
        previousText = undefined;
        return;
      }
      case 'tool-call':
        wire.push(toolCallToGemini(part, warnings, callSignature ?? carried));
        callSignature = undefined;
        carried = undefined;
        previousText = undefined;
        return;
      default: {
        const unhandled: never = part;
        throw new Error(`unhandled assistant part ${JSON.stringify(unhandled)}`);
      }
    }
  });
  return wire;
}

function reasoningToGemini(part: ReasoningPart, foreignReasoning: ForeignReasoning, previousText: JsonObject | undefined, warnings: Warning[]): JsonObject | undefined {
  if (part.signatureOrigin === dialectName) {
    const vendor = readPartVendor(part.vendor);
    const textSignature = part.text === '' && part.signature !== undefined && vendor.thought !== true;
    if (textSignature && previousText !== undefined) {
      previousText['thoughtSignature'] = part.signature;
      return undefined;
    }
    if (textSignature) return { text: '', thoughtSignature: part.signature };
    const thought: JsonObject = { text: part.text, thought: true };
    if (part.signature !== undefined) thought['thoughtSignature'] = part.signature;
    appendExtra(thought, vendor.extra);
    return thought;
  }
  if (foreignReasoning === 'as-thought') return carriedThoughtPart(part);
  if (foreignReasoning === 'drop' && !holdsWarning(warnings, 'reasoning', sameFeature)) {
    const origin = part.signatureOrigin ?? 'an unknown dialect';
    warnings.push({ type: 'unsupported', feature: 'reasoning', message: `Reasoning produced by ${origin} cannot be replayed to Gemini and was left out of the history.` });
  }
  return undefined;
}

/** `signature`: the call's thought signature when it came as a reasoning part before the call (call-signature.ts). */
export function toolCallToGemini(part: ToolCallPart, warnings: Warning[], signature?: string): JsonObject {
  const vendor = readPartVendor(part.vendor);
  const { value: args, warnings: argumentWarnings } = parseToolArguments(part.arguments, part.name);
  pushAll(warnings, argumentWarnings);
  const call: JsonObject = { name: part.name, args };
  // v1beta takes an id on calls and responses (the SDK's functionCallToMldev copies it; fixtures
  // fantasy-*.i1.request.json send it); an id made up by this gateway is not sent back.
  if (vendor.idSynthesized !== true) call['id'] = part.id;
  appendExtra(call, vendor.innerExtra);
  const wire: JsonObject = { functionCall: call };
  const thoughtSignature = signature ?? vendor.thoughtSignature;
  if (thoughtSignature !== undefined) wire['thoughtSignature'] = thoughtSignature;
  appendExtra(wire, vendor.extra);
  return wire;
}

export function appendExtra(target: JsonObject, extra: JsonObject | undefined): void {
  if (extra === undefined) return;
  for (const [key, value] of Object.entries(extra)) if (!Object.hasOwn(target, key)) setField(target, key, value);
}

/**
 * Gemini refuses a part of empty text ("Unable to submit request because it has an empty text
 * parameter", recorded in https://github.com/glowingjade/obsidian-smart-composer/issues/218), which
 * OpenAI takes (an assistant's `content: ""` beside its tool calls); one carrying a thought signature
 * is Gemini's own and goes back as it came.
 */
export function isEmptyText(text: string, thoughtSignature: string | undefined): boolean {
  return text === '' && thoughtSignature === undefined;
}
