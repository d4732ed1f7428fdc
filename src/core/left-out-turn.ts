import type { TextPart, UserPart } from '../interlingua/content.js';
import type { VendorData } from '../interlingua/vendor.js';
import type { Warning } from '../interlingua/warning.js';
import { isBlank } from './blank-text.js';
import { addWarningPerFeature } from './warning-once.js';

/** What a user turn says to the model in place of content it could take none of. */
export const leftOutTurnText = '[The user sent content here that this model cannot read; it was left out.]';

/**
 * A user turn whose every part was left out for this upstream (audio or video the model cannot
 * take, an image only Gemini can open, a part a dialect keeps for its own upstream alone) stays in
 * the conversation as a note that says so. Dropped whole, the assistant turn before it would end the
 * conversation: Claude reads that as a prefill to continue, most Bedrock Converse models refuse it,
 * and Responses would be sent an empty `content`. A turn of blank text alone says nothing and is
 * still left out (blank-text.ts). `kept` is how many parts the emitter wrote for the turn.
 */
export function leftOutTurn(message: { content: readonly UserPart[]; vendor?: VendorData }, kept: number, upstream: string, warnings: Warning[]): TextPart | undefined {
  if (kept > 0 || !heldSomething(message)) return undefined;
  addWarningPerFeature(warnings, {
    type: 'compatibility',
    feature: 'message.left_out',
    message: `A user message held only content ${upstream} cannot take; the model was sent "${leftOutTurnText}" in its place, so the turn stays.`,
  });
  return { type: 'text', text: leftOutTurnText };
}

/** Anything but blank text, or wire parts a dialect kept for its own upstream (`vendor.<dialect>.unmappedParts`). */
function heldSomething(message: { content: readonly UserPart[]; vendor?: VendorData }): boolean {
  if (message.content.some((part) => part.type !== 'text' || !isBlank(part.text))) return true;
  return Object.values(message.vendor ?? {}).some((fields) => Array.isArray(fields['unmappedParts']) && fields['unmappedParts'].length > 0);
}
